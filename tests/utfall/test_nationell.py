"""The national page: only national users; the table and trend from the same selectors as test_rules."""

from django.urls import reverse

from tests.utfall.conftest import GILTIGT
from utfall.services import utfall_save


def test_only_national_users_see_the_national_tables(client, setup):
    utfall_save(insats=setup.insats, ar=2024, version=0, varden=GILTIGT)
    url = reverse("utfall:nationell") + "?ar=2024"
    client.force_login(setup.people.forbundsadministrator)
    assert client.get(url).status_code == 404
    client.force_login(setup.people.handlaggare)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # Women under 30: 2 of 3 in work or studies (67 %); the man 30+: 0 of 1; in all 2 of 4 (50 %).
    assert "67 %" in html and "50 %" in html
    assert "Hela landet" in html and 'aria-current="page"' in html


def test_a_year_that_is_not_a_year_is_400(client, setup):
    client.force_login(setup.people.handlaggare)
    response = client.get(reverse("utfall:nationell") + "?ar=abc")
    assert response.status_code == 400
    assert "är inget årtal" in response.content.decode()
