from django.urls import path

from forbund import views

app_name = "forbund"

urlpatterns = [
    path("kommuner/", views.struktur, name="struktur"),
    path("forbund/", views.forbund_list, name="list"),
    path("forbund/<slug:slug>/", views.forbund_detail, name="detail"),
]
