"""When the database cannot be reached the site answers 503 in Swedish with Retry-After, and recovers by itself."""

from unittest import mock

from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client


def broken(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def assert_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Finsam är tillfälligt otillgänglig" in text
    assert "Försök igen om en halv minut" in text


def test_every_query_failing_is_a_503(people):
    # The session and user lookups fail first: in middleware, before any view (handler500 catches those).
    client = Client(raise_request_exception=False)
    client.force_login(people.forbundsadministrator)
    with mock.patch.object(CursorWrapper, "execute", broken):
        assert_503(client.get("/"))


def test_a_view_whose_query_fails_is_a_503_without_a_server_error(people):
    # The default test client re-raises any exception that reached Django's 500 handling: this one never does.
    client = Client()
    client.force_login(people.forbundsadministrator)
    with mock.patch("forbund.access.user_roller", side_effect=OperationalError("server closed the connection")):
        assert_503(client.get("/register/kommuner/"))


def test_a_session_store_that_fails_is_a_503(people):
    client = Client(raise_request_exception=False)
    client.force_login(people.forbundsadministrator)
    with mock.patch.object(SessionStore, "load", broken):
        assert_503(client.get("/"))


def test_the_site_works_again_once_the_database_is_back(people):
    client = Client(raise_request_exception=False)
    client.force_login(people.forbundsadministrator)
    with mock.patch.object(CursorWrapper, "execute", broken):
        assert client.get("/").status_code == 503
    assert client.get("/").status_code == 200


def test_other_errors_stay_a_500(people):
    client = Client(raise_request_exception=False)
    client.force_login(people.forbundsadministrator)
    with mock.patch("forbund.access.user_roller", side_effect=RuntimeError("a bug")):
        response = client.get("/register/kommuner/")
    assert response.status_code == 500
    assert "Ett tekniskt fel uppstod" in response.content.decode()
