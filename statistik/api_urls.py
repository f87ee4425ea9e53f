from django.urls import path

from statistik.api import StatistikView

app_name = "statistik-api"

urlpatterns = [
    path("statistik/<int:ar>/", StatistikView.as_view(), name="ar"),
]
