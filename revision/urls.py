from django.urls import path

from revision import views

app_name = "revision"

urlpatterns = [
    path("forbund/<slug:slug>/revision/<int:ar>/", views.revision_ar, name="ar"),
    path("statistik/revision/", views.revision_nationell, name="nationell"),
]
