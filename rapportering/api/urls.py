from django.urls import path

from rapportering.api.views import KontrollerView

app_name = "rapportering-api"

urlpatterns = [
    path("kontroller/<int:ar>/", KontrollerView.as_view(), name="kontroller"),
]
