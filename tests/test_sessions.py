"""Sessions end after SESSION_IDLE_MINUTES without activity and at logout, without costing anyone their typing:
pages warn first, and a form sent after the end comes back filled in (not saved) once the person logs in again."""

import datetime
import time
from unittest import mock

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from ekonomi.models import Statsbidrag
from forbund.models import Roll
from insatser.models import Insats
from security.sessions import ACTIVE_KEY, SESSION_KEY
from tests.factories import BehorighetFactory, InsatsFactory, UserFactory

PASSWORD = "losenord-123"


def login(client, user):
    response = client.post("/konto/logga-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def expire_session(client):
    """What 30 idle minutes do: the session row has expired and the browser has dropped the cookie."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    client.cookies.pop(settings.SESSION_COOKIE_NAME)


def test_the_idle_limit_is_30_minutes_by_default():
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_a_request_moves_the_end_of_the_session(people):
    client = Client()
    login(client, people.forbundsadministrator)
    session = client.session
    session[ACTIVE_KEY] = int(time.time()) - 10 * 60  # the last request was ten minutes ago
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=20))
    client.get("/")
    moved = Session.objects.get(session_key=session.session_key)
    assert moved.expire_date > timezone.now() + datetime.timedelta(minutes=29)


def test_requests_within_a_minute_do_not_write_the_session(people):
    client = Client()
    login(client, people.forbundsadministrator)
    client.get("/register/kommuner/")
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.save") as save:
        client.get("/register/kommuner/")
    save.assert_not_called()


def test_an_expired_session_is_logged_out(people):
    client = Client()
    login(client, people.forbundsadministrator)
    Session.objects.update(expire_date=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    response = client.get("/register/kommuner/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_logout_ends_the_session(people):
    client = Client()
    login(client, people.forbundsadministrator)
    key = client.session.session_key
    client.post("/konto/logga-ut/")
    assert not Session.objects.filter(session_key=key).exists()


def test_pages_tell_the_warning_script_how_long_the_session_has_left(people):
    client = Client()
    login(client, people.forbundsadministrator)
    html = client.get("/").content.decode()
    assert 'id="session-varning"' in html
    assert 'data-sekunder="1800"' in html or 'data-sekunder="1799"' in html
    assert 'data-varning="120"' in html
    assert "Fortsätt vara inloggad" in html
    assert "js/session.js" in html


def test_the_keep_alive_moves_the_end(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.forbundsadministrator)
    client.get("/")
    assert client.post("/konto/fortsatt-inloggad/").status_code == 403  # CSRF-protected
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    with mock.patch("time.time", return_value=time.time() + 20 * 60):
        response = client.post("/konto/fortsatt-inloggad/", headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json() == {"inloggad": True, "sekunder": 1800}
    assert client.session[ACTIVE_KEY] >= time.time() + 19 * 60


def test_the_keep_alive_sends_to_login_when_the_session_has_ended(db):
    client = Client()
    response = client.post("/konto/fortsatt-inloggad/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")
    assert SESSION_KEY not in client.session  # nothing typed, nothing kept


def test_a_form_sent_after_the_session_ended_comes_back_filled_in_after_login(people):
    insats = InsatsFactory(forbund=people.forbund, namn="Steget", startdatum=datetime.date(2024, 1, 1))
    url = f"/forbund/{people.forbund.slug}/insatser/{insats.pk}/andra/"
    client = Client()
    login(client, people.forbundsadministrator)
    client.get(url)
    expire_session(client)

    typed = {
        "namn": "Steget vidare – omskriven",
        "typ": "individinriktad",
        "inriktning": "forberedande",
        "malgrupper": ["unga", "langtidssjukskrivna"],
        "startdatum": "2024-01-01",
        "version": insats.version,
        "csrfmiddlewaretoken": "x",
    }
    response = client.post(url, typed)
    assert response["Location"] == f"/konto/logga-in/?next={url}"
    login_page = client.get(response["Location"]).content.decode()
    assert "Logga in igen, så kommer du tillbaka till formuläret" in login_page

    response = client.post(
        f"/konto/logga-in/?next={url}",
        {"username": people.forbundsadministrator.username, "password": PASSWORD, "next": url},
    )
    assert response["Location"] == url
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="Steget vidare – omskriven"' in html
    assert "Det du skrev innan du loggades ut är ifyllt igen" in html
    assert "csrfmiddlewaretoken" in html and 'value="x"' not in html
    insats.refresh_from_db()
    assert insats.namn == "Steget"  # nothing saved until the person presses Spara

    again = client.get(url).content.decode()  # once only
    assert "Steget vidare – omskriven" not in again
    client.post(url, {k: v for k, v in typed.items() if k != "csrfmiddlewaretoken"})
    assert Insats.objects.get(pk=insats.pk).namn == "Steget vidare – omskriven"


def test_a_stored_form_is_never_shown_to_somebody_else(people):
    url = "/ekonomi/2024/statliga-medel/"
    other_admin = UserFactory(username="annan-admin")
    BehorighetFactory(user=other_admin, roll=Roll.ADMINISTRATOR)
    client = Client()
    login(client, people.administrator)
    expire_session(client)
    client.post(url, {"tilldelat": "123456"})
    assert SESSION_KEY in client.session

    login(client, other_admin)
    html = client.get(url).content.decode()
    assert "123456" not in html and "123 456" not in html
    assert not Statsbidrag.objects.exists()


def test_nothing_is_stored_for_a_post_that_is_not_sent_back_to_login(db):
    client = Client()
    client.post("/konto/logga-in/", {"username": "nobody", "password": "fel-losenord-1"})
    assert SESSION_KEY not in client.session
