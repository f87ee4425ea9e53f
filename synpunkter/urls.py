from django.urls import path

from synpunkter import views

app_name = "tillganglighet"

urlpatterns = [
    path("", views.redogorelse, name="redogorelse"),
    path("synpunkter/", views.synpunkt_form, name="synpunkter"),
    path("synpunkter/tack/", views.tack, name="tack"),
]
