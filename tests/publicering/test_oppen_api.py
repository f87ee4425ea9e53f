"""The open API and the open data page: without login, only released and suppressed figures, in every format."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from publicering.models import Publicering
from publicering.services import publicering_skapa
from tests.forbund.test_access import all_url_paths
from tests.publicering.test_publicering import AR, forbund_i, individ, struktur

pytestmark = pytest.mark.django_db
V1 = "/api/oppen/v1/"
DATA = V1 + "data/indikator/deltagare_individinriktade/ar/2024"
OPPNA = {
    "/oppna-data/",
    "/oppna-data/statistik/",
    V1,
    V1 + "config",
    V1 + "indikator",
    V1 + "forbund",
    V1 + "publicering",
    V1 + "schema",
    V1 + "data/indikator/1/ar/2024",
    V1 + "data/indikator/1/ar/2024/forbund/test",
}


@pytest.fixture(autouse=True)
def tom_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publicerat(db, django_user_model):
    user = django_user_model.objects.create_user("fk")
    a, b, d = forbund_i("a", "0180"), forbund_i("b", "0114"), forbund_i("d", "0380")
    forbund_i("e", "0381")
    individ(a, 40, 30)
    individ(b, 12, 9)
    individ(d, 0, 1, budget=7)
    struktur(a, 50)
    p = publicering_skapa(ar=AR, user=user)
    return {"user": user, "p": p, "forbund": {"a": a, "b": b, "d": d}}


def rad(values, **villkor):
    return next(v for v in values if all(v[k] == x for k, x in villkor.items()))


def test_every_open_endpoint_answers_without_login(client, publicerat):
    for path in OPPNA:
        response = client.get(path)
        assert response.status_code == 200, path
        if path.startswith("/api/"):
            assert response["Access-Control-Allow-Origin"] == "*", path
    assert "CC BY 4.0" in client.get("/oppna-data/").text
    assert "Källa: Försäkringskassan, Finsam" in client.get("/oppna-data/").text


def test_the_metadata_lists(client, publicerat):
    indikatorer = client.get(V1 + "indikator").json()["values"]
    deltagare = rad(indikatorer, id="deltagare_individinriktade")
    assert deltagare["per_kon"] and deltagare["personer"] and deltagare["titel"]
    assert not rad(indikatorer, id="budget")["personer"]
    forbund = client.get(V1 + "forbund?ar=2024").json()["values"]
    a = rad(forbund, slug="a")
    assert a["lan"] == ["01"] and a["kommuner"][0]["kod"] == "0180" and a["publicerat_lan"] == "01"
    pub = client.get(V1 + "publicering").json()["values"]
    assert pub == [
        {
            "id": publicerat["p"].pk,
            "datum": pub[0]["datum"],
            "ar": 2024,
            "andringar": publicerat["p"].andringar,
            "uttag": None,
            "troskel": 5,
        }
    ]
    config = client.get(V1 + "config").json()
    assert config["licens"]["namn"] == "CC BY 4.0" and config["per_page_max"] == 5000
    assert set(config["format"]) == {"json", "json-stat2", "csv", "xlsx"}


def test_suppressed_cells_are_null_with_status_in_json(client, publicerat):
    values = client.get(DATA).json()["values"]
    assert rad(values, omrade="d", kon="M") == {
        "indikator": "deltagare_individinriktade",
        "ar": 2024,
        "omrade_typ": "forbund",
        "omrade": "d",
        "kon": "M",
        "varde": None,
        "status": "..",
    }
    assert rad(values, omrade="a", kon="K")["varde"] == 40
    assert {v["omrade_typ"] for v in values} == {"forbund", "lan", "riket"}
    # Whatever is asked, a hidden value is never given.
    for v in client.get(V1 + "data/indikator/deltagare_individinriktade/ar/2024/forbund/d?format=json").json()[
        "values"
    ]:
        if v["kon"] != "K":
            assert v["varde"] is None


def test_narrowed_by_forbund_or_lan_with_comma_lists(client, publicerat):
    values = client.get(DATA + "/forbund/a,b").json()["values"]
    assert {v["omrade"] for v in values} == {"a", "b"} and {v["omrade_typ"] for v in values} == {"forbund"}
    values = client.get(V1 + "data/indikator/budget,insatser/ar/2024,2023/lan/03").json()["values"]
    assert {(v["indikator"], v["omrade"]) for v in values} == {("budget", "03"), ("insatser", "03")}
    assert rad(values, indikator="budget")["varde"] == 7


def test_csv_is_for_swedish_excel_with_dots_for_hidden(client, publicerat):
    response = client.get(DATA + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["indikator", "ar", "omrade_typ", "omrade", "kon", "varde", "status"]
    assert ["deltagare_individinriktade", "2024", "forbund", "d", "M", "", ".."] in rows


def test_xlsx(client, publicerat):
    response = client.get(DATA + "?format=xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "indikator"
    assert ["deltagare_individinriktade", 2024, "forbund", "d", "M", None, ".."] in rows


def test_json_stat2(client, publicerat):
    data = client.get(DATA + "?format=json-stat2").json()
    assert data["version"] == "2.0" and data["class"] == "dataset"
    assert data["id"] == ["indikator", "ar", "omrade", "kon"]
    size = data["size"]
    assert len(data["value"]) == size[0] * size[1] * size[2] * size[3]
    index = data["dimension"]["omrade"]["category"]["index"]
    kon = data["dimension"]["kon"]["category"]["index"]
    i = index["d"] * size[3] + kon["M"]
    assert data["value"][i] is None and data["status"][str(i)] == ".."
    assert data["value"][index["a"] * size[3] + kon["K"]] == 40
    assert "Källa: Försäkringskassan, Finsam" in data["source"]


def test_pagination_like_kolada(client, publicerat):
    alla = client.get(DATA).json()
    first = client.get(DATA + "?per_page=5").json()
    assert first["count"] == alla["count"] and len(first["values"]) == 5
    assert first["previous_page"] is None
    assert first["next_page"].startswith("http://testserver/api/oppen/v1/") and "page=2" in first["next_page"]
    second = client.get(first["next_page"]).json()
    assert second["values"] == alla["values"][5:10] and "page=1" in second["previous_page"]
    csv_page = client.get(DATA + "?per_page=5&format=csv")
    assert 'rel="next"' in csv_page["Link"]
    assert client.get(DATA + "?per_page=5001").status_code == 400


def test_publicering_gives_the_figures_as_published_then(client, publicerat):
    forsta = publicerat["p"]
    individ(publicerat["forbund"]["a"], 10, 10)
    andra = publicering_skapa(ar=AR, user=publicerat["user"])
    assert rad(client.get(DATA).json()["values"], omrade="a", kon="K")["varde"] == 50
    then = client.get(DATA + f"?publicering={forsta.pk}").json()
    assert rad(then["values"], omrade="a", kon="K")["varde"] == 40 and then["publiceringar"] == [forsta.pk]
    assert client.get(DATA + f"?publicering={andra.pk}").json()["publiceringar"] == [andra.pk]
    assert client.get(DATA + "?publicering=999999")["Content-Type"] == "application/problem+json; charset=utf-8"


def test_from_date_gives_only_what_changed_with_removals_marked(client, publicerat):
    forsta = publicerat["p"]
    Publicering.objects.filter(pk=forsta.pk).update(skapad="2025-01-10T10:00:00Z")
    individ(publicerat["forbund"]["a"], 10, 10)
    andra = publicering_skapa(ar=AR, user=publicerat["user"])
    # A value the first release had and the second has not: marked as removed.
    data = [r for r in andra.data if not (r["omrade"] == "b" and r["indikator"] == "deltagare_individinriktade")]
    Publicering.objects.filter(pk=andra.pk).update(data=data, skapad="2025-02-10T10:00:00Z")
    values = client.get(DATA + "?from_date=2025-02-01").json()["values"]
    assert rad(values, omrade="a", kon="K") | {} == {
        **rad(values, omrade="a", kon="K"),
        "varde": 50,
        "andring": "andrad",
    }
    assert rad(values, omrade="b", kon="T")["andring"] == "borttagen"
    assert all(v["andring"] in ("ny", "andrad", "borttagen") for v in values)
    assert ("a", "M") not in {(v["omrade"], v["kon"]) for v in values if v["andring"] == "ny"}
    assert client.get(DATA + "?from_date=2025-03-01").json()["values"] == []
    assert len(client.get(DATA + "?from_date=2020-01-01").json()["values"]) == len(client.get(DATA).json()["values"])
    csv_text = client.get(DATA + "?from_date=2025-02-01&format=csv").content.decode()
    assert "andring" in csv_text.splitlines()[0] and "borttagen" in csv_text
    assert client.get(DATA + "?from_date=igår").status_code == 400


def test_etag_and_last_modified_give_304(client, publicerat):
    response = client.get(DATA)
    etag, senast = response["ETag"], response["Last-Modified"]
    assert client.get(DATA, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(DATA, HTTP_IF_MODIFIED_SINCE=senast).status_code == 304
    assert client.get(DATA + "?format=csv", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(V1 + "indikator", HTTP_IF_NONE_MATCH=client.get(V1 + "indikator")["ETag"]).status_code == 304


def test_too_many_requests_is_429_with_retry_after(client, publicerat, settings):
    settings.OPPEN_API_GRANS = "3/minute"
    for _ in range(3):
        assert client.get(V1 + "config").status_code == 200
    response = client.get(DATA)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/problem+json; charset=utf-8"
    assert "anrop" in response.json()["detail"]


def test_errors_are_problem_json_in_swedish(client, publicerat):
    for path, status in (
        (DATA + "?format=pdf", 400),
        (V1 + "data/indikator/x/ar/tjugo", 400),
        (DATA + "/lan/1", 400),
        (DATA + "?page=0", 400),
        (V1 + "finns-inte", 404),
        (V1 + "indikator?format=json-stat2", 400),
        (V1 + "forbund?ar=0000", 400),
        (V1 + "forbund?ar=24", 400),
    ):
        response = client.get(path)
        assert response.status_code == status, path
        assert response["Content-Type"] == "application/problem+json; charset=utf-8", path
        problem = response.json()
        assert set(problem) == {"type", "title", "status", "detail"} and problem["status"] == status
    # A trailing slash is forgiven with a redirect that keeps the question.
    response = client.get(DATA + "/?format=csv")
    assert response.status_code == 301 and response["Location"] == DATA + "?format=csv"
    response = client.post(V1 + "config")
    assert response.status_code == 405 and response.json()["title"] == "Metoden stöds inte"


def test_the_openapi_document_is_public_and_only_the_open_api(client, people):
    schema = client.get(V1 + "schema?format=json").json()
    assert schema["paths"] and all(p.startswith("/api/oppen/") for p in schema["paths"])
    client.force_login(people.handlaggare)
    main = client.get("/api/v1/schema/?format=json").json()
    assert not any(p.startswith("/api/oppen/") for p in main["paths"])


def test_an_anonymous_user_reaches_nothing_else(client, publicerat):
    """Every URL without login: a redirect to login, 401, 403 or 404, except the open ones."""
    paths = all_url_paths()
    assert OPPNA <= set(paths)
    for path in paths:
        if path in OPPNA:
            continue
        response = client.get(path)
        if response.status_code in (301, 302):
            # The login page, a static file, or the start page (which itself asks for login: the language switch).
            assert response["Location"].startswith(("/konto/logga-in/", "/static/")) or response["Location"] == "/", (
                path
            )
        else:
            assert response.status_code in (200, 401, 403, 404, 405), path
            if response.status_code == 200:
                # Public pages of other parts (login, accessibility): no figure of a förbund on them.
                assert (
                    "deltagare_individinriktade" not in response.text and "Samordningsförbundet a" not in response.text
                ), path


def test_nothing_live_or_unreleased_is_public(client, publicerat):
    """A year without a release, and figures registered after the release, are not reachable."""
    individ(publicerat["forbund"]["a"], 777, 0)
    for fmt in ("json", "csv", "json-stat2"):
        response = client.get(DATA + f"?format={fmt}")
        assert "817" not in response.content.decode() and "777" not in response.content.decode()
    assert client.get(V1 + "data/indikator/deltagare_individinriktade/ar/2023").json()["count"] == 0


def test_granskare_release_from_the_page(client, people, django_user_model):
    from forbund.models import Roll
    from tests.factories import BehorighetFactory

    forbund_i("x", "0180")
    granskare = django_user_model.objects.create_user("granskare")
    BehorighetFactory(user=granskare, roll=Roll.GRANSKARE)
    client.force_login(people.handlaggare)
    assert client.get("/rapportering/publicering/").status_code == 200
    assert client.post("/rapportering/publicering/", {"ar": "2024"}).status_code == 403
    client.force_login(granskare)
    response = client.post("/rapportering/publicering/", {"ar": "2024"})
    assert response.status_code == 302 and Publicering.objects.filter(ar=2024).count() == 1
    assert "Se i öppna data" in client.get("/rapportering/publicering/").text
    assert "Publiceringar" in client.get("/rapportering/granskning/?ar=2024").text
    client.force_login(people.forbundsadministrator)
    assert client.get("/rapportering/publicering/").status_code == 404
    json.dumps(Publicering.objects.get().data)


def test_the_open_data_page_shows_the_release_with_dots_and_the_footnote(client, publicerat):
    text = client.get("/oppna-data/").text
    assert "Samordningsförbundet d" in text and "Värdet visas inte för att skydda enskilda" in text
    rad = text[text.index("Samordningsförbundet d") :].split("</tr>")[0]
    assert rad.count(">..<") == 2 and ">0<" in rad  # män and totalt hidden, kvinnor 0 shown


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "json-stat2"])
def test_every_endpoint_in_every_format_it_offers(client, publicerat, fmt):
    typer = {
        "json": "application/json",
        "csv": "text/csv",
        "xlsx": "application/vnd.openxml",
        "json-stat2": "application/json",
    }
    for path in (V1 + "indikator", V1 + "forbund", V1 + "publicering", DATA, DATA + "/lan/01,03", DATA + "/forbund/a"):
        response = client.get(path + f"?format={fmt}")
        if fmt == "json-stat2" and "/data/" not in path:
            assert response.status_code == 400, path  # JSON-stat is for data, metadata are lists
            continue
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith(typer[fmt]), path
        assert response["Access-Control-Allow-Origin"] == "*" and response["ETag"], path


def test_the_public_statistics_show_every_table_of_the_release_and_never_a_small_count(client, publicerat):
    """The dashboard's public view: the release's tables, '..' where hidden, downloads of the same release."""
    import re

    p = publicerat["p"]
    response = client.get("/oppna-data/statistik/")
    assert response.status_code == 200
    html = response.text
    assert "Deltagare i individinriktade insatser" in html and "Budget för insatser" in html
    # d has 0 women and 1 man: the man and the total are '..', the zero is shown.
    rad_d = re.search(r'<tr><th scope="row">Samordningsförbundet d</th>(.*?)</tr>', html).group(1)
    assert re.findall(r'<td class="num">(.*?)</td>', rad_d) == ["0", "..", ".."]
    assert "Värdet visas inte för att skydda enskilda" in html
    assert f"publicering={p.pk}&amp;format=csv" in html
    csv = client.get(f"{DATA}?publicering={p.pk}&format=csv").content.decode("utf-8-sig")
    assert ";forbund;d;M;;..;" in csv or ";forbund;d;M;;.." in csv
    # Figures registered after the release are not shown; an unknown year is 404.
    individ(publicerat["forbund"]["a"], 777, 0)
    assert "777" not in client.get("/oppna-data/statistik/").text
    assert client.get("/oppna-data/statistik/?ar=2023").status_code == 404
    assert client.get("/oppna-data/statistik/?ar=abc").status_code == 404
