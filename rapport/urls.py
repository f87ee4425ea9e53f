from django.urls import path

from rapport import views

app_name = "rapport"

urlpatterns = [
    path("statistik/rapport.docx", views.utkast, name="utkast"),
    path("rapport/mallar/", views.mallar, name="mallar"),
    path("rapport/mallar/standard.docx", views.standardmall, name="standardmall"),
]
