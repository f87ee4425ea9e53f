from django.urls import path

from rapportering import views

app_name = "rapportering"

urlpatterns = [
    path("kontroller/", views.kontroller, name="kontroller"),
]
