from django.urls import path

from ekonomi.api import views

app_name = "ekonomi-api"

urlpatterns = [
    path("forbund/<slug:slug>/ekonomi/<int:ar>/", views.ForbundEkonomiView.as_view(), name="forbund"),
    path("ekonomi/eget-kapital/", views.EgetKapitalView.as_view(), name="eget-kapital"),
    path("ekonomi/<int:ar>/", views.NationellEkonomiView.as_view(), name="nationell"),
]
