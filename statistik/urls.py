from django.urls import path

from statistik import views

app_name = "statistik"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("forbund/", views.forbund_lista, name="forbund"),
    path("registrering/", views.registrering, name="registrering"),
    path("tabell/<slug:nyckel>.csv", views.tabell_csv, name="csv"),
    path("statistik.xlsx", views.arbetsbok, name="xlsx"),
]
