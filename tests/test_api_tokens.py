"""API keys expire after API_TOKEN_DAGAR, and the user (Mina API-nycklar) and an administratör can revoke them."""

import datetime

from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

API = "/api/v1/schema/"


def api_get(token_key):
    return Client().get(API, HTTP_AUTHORIZATION=f"Token {token_key}")


REFUSED = (401, 403)  # DRF answers 403 when session authentication is listed first


def age(token, days):
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=days))


def test_a_key_works_until_it_is_api_token_dagar_old(people):
    assert settings.API_TOKEN_DAGAR == 90
    token = Token.objects.create(user=people.handlaggare)
    age(token, 89)
    response = api_get(token.key)
    assert response.status_code == 200
    assert not response.cookies  # an API client gets no session or other cookie
    age(token, 90)
    response = api_get(token.key)
    assert response.status_code in REFUSED
    assert "API-nyckeln har gått ut" in response.content.decode()


def test_the_limit_comes_from_the_setting(people, settings):
    settings.API_TOKEN_DAGAR = 7
    token = Token.objects.create(user=people.handlaggare)
    age(token, 8)
    assert api_get(token.key).status_code in REFUSED


def test_a_user_creates_a_key_sees_it_once_and_revokes_it(people):
    client = Client()
    client.force_login(people.forbundsadministrator)
    page = client.get("/konto/api-nycklar/").content.decode()
    assert "Du har ingen API-nyckel" in page

    response = client.post("/konto/api-nycklar/", {"atgard": "skapa"})
    token = Token.objects.get(user=people.forbundsadministrator)
    assert token.key in response.content.decode()
    assert "visas bara nu" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert api_get(token.key).status_code == 200

    later = client.get("/konto/api-nycklar/").content.decode()
    assert token.key not in later
    assert "Giltig till" in later

    response = client.post("/konto/api-nycklar/", {"atgard": "aterkalla"})
    assert response.status_code == 302
    assert not Token.objects.filter(user=people.forbundsadministrator).exists()
    assert api_get(token.key).status_code in REFUSED
    assert "API-nyckeln är återkallad" in client.get("/konto/api-nycklar/").content.decode()


def test_a_new_key_replaces_the_old_one(people):
    client = Client()
    client.force_login(people.forbundsadministrator)
    client.post("/konto/api-nycklar/", {"atgard": "skapa"})
    old = Token.objects.get(user=people.forbundsadministrator).key
    client.post("/konto/api-nycklar/", {"atgard": "skapa"})
    assert Token.objects.get(user=people.forbundsadministrator).key != old
    assert api_get(old).status_code in REFUSED


def test_the_page_needs_login(db):
    response = Client().get("/konto/api-nycklar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_an_administrator_lists_and_revokes_keys_without_seeing_them(people):
    token = Token.objects.create(user=people.forbundsadministrator)
    client = Client()
    client.force_login(people.administrator)
    listing = client.get("/admin/security/apinyckel/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert people.forbundsadministrator.username in html
    assert token.key not in html
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404  # DRF's admin (keys in clear) is gone

    delete_url = f"/admin/security/apinyckel/{people.forbundsadministrator.pk}/delete/"
    confirm = client.get(delete_url)
    assert confirm.status_code == 200
    assert token.key not in confirm.content.decode()
    client.post(delete_url, {"post": "yes"})
    assert not Token.objects.filter(pk=token.pk).exists()


def test_an_administrator_cannot_create_or_change_keys(people):
    client = Client()
    client.force_login(people.administrator)
    assert client.get("/admin/security/apinyckel/add/").status_code == 403
    assert people.administrator.has_perm("security.delete_apinyckel")
    assert not people.administrator.has_perm("security.add_apinyckel")
    assert not people.administrator.has_perm("authtoken.view_token")


def test_other_roles_do_not_see_the_keys(people):
    client = Client()
    client.force_login(people.handlaggare)
    assert client.get("/admin/security/apinyckel/").status_code in (302, 403)
