from django.urls import path

from rapportering import granskning, views

app_name = "rapportering"

urlpatterns = [
    path("rapportering/kontroller/", views.kontroller, name="kontroller"),
    path("rapportering/granskning/", granskning.granskningslista, name="granskningslista"),
    path("rapportering/granskning/<slug:slug>/<int:ar>/", granskning.granska, name="granska"),
    path("rapportering/uttag/", granskning.ta_uttag, name="ta_uttag"),
    path("rapportering/uttag/<int:pk>/", granskning.uttag, name="uttag"),
    path("rapportering/uttag/<int:pk>/jamfor/", granskning.uttag_jamfor, name="uttag_jamfor"),
    # The förbund's own pages, beside its insatser and ekonomi.
    path("forbund/<slug:slug>/rapport/<int:ar>/", views.skicka_in, name="skicka_in"),
    path("forbund/<slug:slug>/rapport/<int:ar>/kvitto/", views.kvitto, name="kvitto"),
]
