from django.urls import path

from insatser import views

app_name = "insatser"

# The förbund's pages: /forbund/<slug>/...
urlpatterns = [
    path("<slug:slug>/", views.forbund_start, name="forbund_start"),
    path("<slug:slug>/insatser/", views.insats_list, name="list"),
    path("<slug:slug>/insatser/ny/", views.insats_create, name="create"),
    path("<slug:slug>/insatser/borttagna/", views.borttagna, name="borttagna"),
    path("<slug:slug>/insatser/borttagna/<int:history_id>/", views.borttagen, name="borttagen"),
    path("<slug:slug>/insatser/borttagna/<int:history_id>/aterstall/", views.aterstall, name="aterstall"),
    path("<slug:slug>/insatser/<int:pk>/", views.insats_detail, name="detail"),
    path("<slug:slug>/insatser/<int:pk>/andra/", views.insats_update, name="update"),
    path("<slug:slug>/insatser/<int:pk>/ta-bort/", views.insats_delete, name="delete"),
    path("<slug:slug>/insatser/<int:pk>/ar/<int:ar>/", views.insats_ar, name="ar"),
]
