from django.urls import path

from security import sessions, views

urlpatterns = [
    path("api-nycklar/", views.api_nycklar, name="api_nycklar"),
    path("fortsatt-inloggad/", sessions.keep_alive, name="session_keep_alive"),
]
