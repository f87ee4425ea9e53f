"""Login, roles and the registry pages' access rules."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import URLPattern, URLResolver, get_resolver

from forbund.access import get_forbund_access
from forbund.models import Behorighet, Roll
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def all_url_paths():
    """Every project URL with its parameters filled in (admin and API docs excluded)."""
    samples = {"slug": "test", "pk": "1", "ar": "2024", "id": "1"}

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith("admin/") or route.startswith("^") or "(?P" in route:
                    continue
                for name, value in samples.items():
                    for conv in ("slug", "int", "str", "path"):
                        route = route.replace(f"<{conv}:{name}>", value)
                    route = route.replace(f"<{name}>", value)
                if "<" not in route:
                    yield "/" + route

    return sorted(set(walk(get_resolver().url_patterns)))


PUBLIC = {"/konto/logga-in/", "/konto/logga-ut/", "/favicon.ico"}
PUBLIC |= {"/konto/glomt-losenord/", "/konto/glomt-losenord/skickat/", "/konto/nytt-losenord/klart/"}
# The language switch, and the tillgänglighetsredogörelse with its feedback form (for anyone who cannot log in).
PUBLIC |= {"/i18n/setlang/", "/tillganglighet/", "/tillganglighet/synpunkter/", "/tillganglighet/synpunkter/tack/"}
# Open data: released, suppressed figures only (tests/publicering/test_oppen_api.py).
OPPEN = ("", "config", "indikator", "forbund", "publicering", "schema", "data/indikator/1/ar/2024")
PUBLIC |= {"/oppna-data/", "/oppna-data/statistik/", "/api/oppen/v1/data/indikator/1/ar/2024/forbund/test"}
PUBLIC |= {f"/api/oppen/v1/{p}" for p in OPPEN}


def test_every_page_requires_login(client, people):
    paths = [p for p in all_url_paths() if p not in PUBLIC]
    assert "/register/kommuner/" in paths and "/" in paths
    for path in paths:
        response = client.get(path)
        if path.startswith("/api/"):
            assert response.status_code in (401, 403), path
        else:
            assert response.status_code == 302, path
            assert response["Location"].startswith("/konto/logga-in/"), path


def test_the_login_page_is_swedish_and_logs_in(client, people):
    response = client.get("/konto/logga-in/")
    assert "Användarnamn" in response.text and "Lösenord" in response.text
    response = client.post("/konto/logga-in/", {"username": "chef", "password": "losenord-123"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_password_says_so_in_swedish(client, people):
    response = client.post("/konto/logga-in/", {"username": "chef", "password": "fel"})
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in response.text


def test_repeated_failed_logins_lock_the_account_for_a_while(client, people):
    for _ in range(5):
        client.post("/konto/logga-in/", {"username": "chef", "password": "fel"})
    response = client.post("/konto/logga-in/", {"username": "chef", "password": "losenord-123"})
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.text
    assert client.get("/").status_code == 302  # still not logged in


def test_forbund_access_gives_outsiders_404_and_readers_403_on_writes(people):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    assert get_forbund_access(people.forbundsadministrator, "test", write=True).can_write
    with pytest.raises(Http404):
        get_forbund_access(people.other_forbundsadministrator, "test")
    with pytest.raises(Http404):
        get_forbund_access(people.stranger, "test")
    with pytest.raises(Http404):
        get_forbund_access(people.forbundsadministrator, "finns-inte")
    assert get_forbund_access(people.handlaggare, "test").can_read_all
    with pytest.raises(PermissionDenied):
        get_forbund_access(people.handlaggare, "test", write=True)
    with pytest.raises(PermissionDenied):
        get_forbund_access(people.deltagaransvarig, "test", write=True)
    assert not get_forbund_access(people.deltagaransvarig, "test").can_read_all


def test_one_user_can_hold_roles_in_several_forbund(people):
    user = people.forbundsadministrator
    Behorighet.objects.create(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=people.other_forbund)
    user._finsam_roller = None
    assert get_forbund_access(user, "annat", write=True).can_write


@pytest.mark.parametrize(
    ("username", "status"),
    [("chef", 200), ("handlaggare", 200), ("admin", 200), ("utomstaende", 200)],
)
def test_registry_pages_are_open_to_every_logged_in_user(client, people, username, status):
    client.force_login(
        getattr(
            people,
            {
                "chef": "forbundsadministrator",
                "handlaggare": "handlaggare",
                "admin": "administrator",
                "utomstaende": "stranger",
            }[username],
        )
    )
    for path in ["/", "/register/kommuner/", "/register/forbund/", "/register/forbund/test/"]:
        assert client.get(path).status_code == status, path


def test_only_administrators_reach_the_admin_site(client, people):
    for user in (people.forbundsadministrator, people.handlaggare, people.stranger):
        client.force_login(user)
        assert client.get("/admin/").status_code == 302
    client.force_login(people.administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/forbund/behorighet/add/").status_code == 200


def test_the_behorighet_command_grants_and_revokes(people):
    user = UserFactory(username="ny")
    call_command(
        "behorighet", "grant", "--user", "ny", "--roll", "forbundsadministrator", "--forbund", "test", stdout=StringIO()
    )
    assert get_forbund_access(user, "test", write=True).can_write
    call_command("behorighet", "grant", "--user", "ny", "--roll", "nationell_handlaggare", stdout=StringIO())
    assert Behorighet.objects.filter(user=user).count() == 2
    call_command(
        "behorighet",
        "revoke",
        "--user",
        "ny",
        "--roll",
        "forbundsadministrator",
        "--forbund",
        "test",
        stdout=StringIO(),
    )
    user._finsam_roller = None
    assert not get_forbund_access(user, "test").can_write


def test_the_behorighet_command_explains_mistakes(people):
    UserFactory(username="ny")
    with pytest.raises(CommandError, match="ange --forbund"):
        call_command("behorighet", "grant", "--user", "ny", "--roll", "deltagaransvarig")
    with pytest.raises(CommandError, match="är nationell"):
        call_command("behorighet", "grant", "--user", "ny", "--roll", "administrator", "--forbund", "test")
    with pytest.raises(CommandError, match="Okänt förbund"):
        call_command("behorighet", "grant", "--user", "ny", "--roll", "deltagaransvarig", "--forbund", "nej")
    with pytest.raises(CommandError, match="Användaren finns inte"):
        call_command("behorighet", "grant", "--user", "ingen", "--roll", "administrator")


def test_the_structure_page_groups_by_lan_for_any_date(client):
    client.force_login(UserFactory())  # no `people`: their two test förbund would add to the count
    response = client.get("/register/kommuner/?datum=2024-12-31")
    assert "Den 2024-12-31 fanns 69 samordningsförbund med 274 medlemskommuner. 16 kommuner" in response.text
    assert "Värmlands län" in response.text and "Kommuner utan samordningsförbund" in response.text
    response = client.get("/register/kommuner/?datum=2023-12-31")
    assert "fanns 72 samordningsförbund" in response.text


def test_the_structure_page_downloads_csv(client, people):
    client.force_login(people.stranger)
    response = client.get("/register/kommuner/?datum=2024-12-31&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Datum;Länskod;Län;Kommunkod") and len(lines) == 291


def test_the_forbund_page_shows_member_history_and_former_names(client, people):
    client.force_login(people.stranger)
    response = client.get("/register/forbund/samordningsforbundet-vastmanland/")
    assert "Norra Västmanlands Samordningsförbund" in response.text  # former name
    assert "Västerås" in response.text and "2024-01-01" in response.text


def test_the_structure_page_reads_with_a_fixed_number_of_queries(client, people, django_assert_max_num_queries):
    client.force_login(people.stranger)
    with django_assert_max_num_queries(12):
        client.get(f"/register/kommuner/?datum={datetime.date(2024, 12, 31)}")


def test_error_pages_are_swedish_and_keep_the_layout(client, people, settings):
    settings.DEBUG = False
    client.force_login(people.stranger)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.text and "Till startsidan" in response.text


def test_dates_before_the_complete_registry_carry_a_warning(client, people):
    client.force_login(people.stranger)
    assert (
        "Registret har den fullständiga strukturen från och med 2023-01-01"
        in client.get("/register/kommuner/?datum=2021-12-31").text
    )
    assert "fullständiga strukturen" not in client.get("/register/kommuner/?datum=2023-01-01").text


def test_import_records_cannot_be_deleted_in_the_admin(client, people):
    from core.models import Importkorning

    record = Importkorning.objects.create(typ="medlemskap", filnamn="x.csv", user=people.administrator)
    client.force_login(people.administrator)
    assert client.get(f"/admin/core/importkorning/{record.pk}/delete/").status_code == 403
