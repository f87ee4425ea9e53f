from django.urls import path  # noqa: F401

app_name = "insatser"

# The förbund's pages: /forbund/<slug>/...
urlpatterns = []
