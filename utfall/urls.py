from django.urls import path

from utfall import views
from utfall.api import views as api_views

app_name = "utfall"

# Included at the root: the grid under the förbund's insats, the national tables under statistik, and the API.
urlpatterns = [
    path("forbund/<slug:slug>/insatser/<int:pk>/ar/<int:ar>/utfall/", views.utfall_ar, name="ar"),
    path("statistik/utfall/", views.nationell, name="nationell"),
    path("api/v1/insatser/<int:pk>/utfall/<int:ar>/", api_views.UtfallDetail.as_view(), name="api"),
]
