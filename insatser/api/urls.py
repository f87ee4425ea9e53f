from django.urls import path

from insatser.api import views

app_name = "insatser-api"

urlpatterns = [
    path("forbund/<slug:slug>/insatser/", views.ForbundInsatsList.as_view(), name="forbund-insatser"),
    path("insatser/<int:pk>/", views.InsatsDetail.as_view(), name="insats"),
]
