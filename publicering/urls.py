from django.urls import path

from publicering import oppen_api, oppen_bas, views

app_name = "publicering"

OPPEN = "api/oppen/v1/"
DATA = OPPEN + "data/indikator/<str:id>/ar/<str:ar>"

urlpatterns = [
    # Without login: the open data page and the open API (only released, suppressed figures).
    path("oppna-data/", views.oppna_data, name="oppna_data"),
    path("oppna-data/statistik/", views.statistik, name="statistik"),
    path(OPPEN, oppen_api.Index.as_view(), name="oppen_index"),
    path(OPPEN + "config", oppen_api.Config.as_view(), name="oppen_config"),
    path(OPPEN + "indikator", oppen_api.IndikatorLista.as_view(), name="oppen_indikator"),
    path(OPPEN + "forbund", oppen_api.ForbundLista.as_view(), name="oppen_forbund"),
    path(OPPEN + "publicering", oppen_api.PubliceringLista.as_view(), name="oppen_publicering"),
    path(DATA, oppen_api.Data.as_view(), name="oppen_data"),
    path(DATA + "/forbund/<str:slug>", oppen_api.Data.as_view(), name="oppen_data_forbund"),
    path(DATA + "/lan/<str:kod>", oppen_api.Data.as_view(), name="oppen_data_lan"),
    path(OPPEN + "schema", oppen_bas.OppetSchemaVy.as_view(), name="oppen_schema"),
    path("api/oppen/<path:rest>", oppen_api.Saknas.as_view()),
    # Försäkringskassan's releases (login; granskare release).
    path("rapportering/publicering/", views.publiceringar, name="lista"),
]
