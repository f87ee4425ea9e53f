"""Saving the economy again after an edit conflict succeeds once the user has seen the other person's change."""

import re

from ekonomi.models import Medlemsbidrag
from tests.ekonomi.test_views import chef, form_data  # noqa: F401 (the fixture)

URL = "/forbund/tvalan/ekonomi/2024/andra/"


def _hidden(page: str, name: str) -> str:
    return re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page).group(1)


def test_after_a_conflict_the_other_change_is_shown_and_the_next_save_goes_through(chef, tvalans):  # noqa: F811
    assert chef.post(URL, form_data()).status_code == 302
    opened = chef.get(URL).content.decode()
    version, oppnad = _hidden(opened, "version"), _hidden(opened, "oppnad")
    # Someone else saves a new contribution from Arvika meanwhile.
    assert chef.post(URL, form_data(kommun_1784="810 000")).status_code == 302
    mine = form_data(version=version, oppnad=oppnad, kommun_1784="777 000")
    response = chef.post(URL, mine)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Någon annan har sparat ekonomin för året sedan du öppnade den." in page
    assert "Det här ändrade den andra personen" in page
    row = next(r for r in page.split("<tr>") if "<td>Arvika</td>" in r)
    assert "810\xa0000" in row and "777 000" in row  # the other's figure next to mine
    assert Medlemsbidrag.objects.get(kommun_id="1784", ar=2024).belopp == 810_000
    again = chef.post(URL, {**mine, "version": _hidden(page, "version"), "oppnad": _hidden(page, "oppnad")})
    assert again.status_code == 302
    assert Medlemsbidrag.objects.get(kommun_id="1784", ar=2024).belopp == 777_000
