from django.urls import path

from ekonomi import statsmedel_views, views

app_name = "ekonomi-nationell"

urlpatterns = [
    path("", views.nationell_index, name="index"),
    path("eget-kapital/", views.nationell_eget_kapital, name="eget-kapital"),
    path("<int:ar>/", views.nationell_ar, name="ar"),
    path("<int:ar>/statliga-medel/", views.statsbidrag_edit, name="statsbidrag"),
    path("<int:ar>/utbetalningar/", statsmedel_views.statsmedel_edit, name="statsmedel"),
]
