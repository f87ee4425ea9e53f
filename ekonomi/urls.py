from django.urls import path

from ekonomi import views

app_name = "ekonomi"

urlpatterns = [
    path("<slug:slug>/ekonomi/", views.ekonomi_index, name="index"),
    path("<slug:slug>/ekonomi/<int:ar>/", views.ekonomi_detail, name="detail"),
    path("<slug:slug>/ekonomi/<int:ar>/andra/", views.ekonomi_edit, name="edit"),
    path("<slug:slug>/ekonomi/<int:ar>/historik/", views.ekonomi_history, name="history"),
    path("<slug:slug>/ekonomi/<int:ar>/kostnadsrapport/", views.kostnadsrapport, name="kostnadsrapport"),
]
