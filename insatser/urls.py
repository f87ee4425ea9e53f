from django.urls import path

from insatser import views, views_ar, views_forms

app_name = "insatser"

# The förbund's pages: /forbund/<slug>/...
urlpatterns = [
    path("<slug:slug>/", views.forbund_start, name="forbund_start"),
    path("<slug:slug>/insatser/", views.insats_list, name="list"),
    path("<slug:slug>/insatser/ny/", views_forms.insats_create, name="create"),
    path("<slug:slug>/insatser/borttagna/", views.borttagna, name="borttagna"),
    path("<slug:slug>/insatser/borttagna/<int:history_id>/", views.borttagen, name="borttagen"),
    path("<slug:slug>/insatser/borttagna/<int:history_id>/aterstall/", views_forms.aterstall, name="aterstall"),
    path("<slug:slug>/insatser/<int:pk>/", views.insats_detail, name="detail"),
    path("<slug:slug>/insatser/<int:pk>/andra/", views_forms.insats_update, name="update"),
    path("<slug:slug>/insatser/<int:pk>/ta-bort/", views_forms.insats_delete, name="delete"),
    path("<slug:slug>/insatser/<int:pk>/ar/<int:ar>/", views_ar.insats_ar, name="ar"),
]
