"""English: every text is translated, the catalogue is compiled, and the main pages of every role show no Swedish."""

import html
import re
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

from core.management.commands.check_translations import problems
from forbund.models import Medlemskap
from insatser.models import Malgrupp
from tests.factories import InsatsArFactory, InsatsFactory, kommun

pytestmark = pytest.mark.django_db

PO = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Common words of the Swedish interface that must not be left on an English page (whole words, case-sensitive).
SWEDISH_WORDS = [
    "Logga ut",
    "Logga in",
    "Spara",
    "Insatser",
    "Förbund",
    "Ekonomi",
    "Hoppa till innehållet",
    "Kommuner och förbund",
    "Mina API-nycklar",
    "Användarnamn",
    "Lösenord",
    "Nationell statistik",
    "Tillgänglighetsredogörelse",
    "Registrera",
    "Ladda ner",
    "Välj",
    "Användare",
    "Medlemmar",
    "Översikt",
]


def visible_text(response) -> str:
    """What a reader meets: the text between tags and the attributes that are read aloud or shown."""
    body = response.content.decode()
    body = re.sub(r"<script\b.*?</script>", " ", body, flags=re.S)
    attributes = re.findall(r'\b(?:aria-label|title|placeholder|alt|data-text-[a-z]+)="([^"]*)"', body)
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(" ".join([text, *attributes]))


@pytest.fixture
def catalogue():
    return polib.pofile(str(PO))


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def data(people):
    """An insats with a year's figures in the people fixture's förbund, which has a member kommun."""
    Medlemskap.objects.create(forbund=people.forbund, kommun=kommun("1080"), giltig_fran="2020-01-01")
    insats = InsatsFactory(forbund=people.forbund, namn="Steget vidare", malgrupper=[Malgrupp.objects.first()])
    InsatsArFactory(insats=insats, ar=2024, budget=100000, utfall=90000, deltagare_kvinnor=3, deltagare_man=4)
    return people


def untranslated(text: str, catalogue) -> list[str]:
    """Swedish texts of the catalogue found on the page although they have an English translation.

    Texts kept inside some translation on purpose (names such as Försäkringskassan, Uppföljning Finsam), short ones
    and single words (names of förbund and inriktningar in the data contain such words) are not looked for here:
    SWEDISH_WORDS covers the single words of the interface.
    """
    translations = " ".join(e.msgstr for e in catalogue if e.msgstr) + " ".join(
        s for e in catalogue for s in e.msgstr_plural.values()
    )
    found = []
    for e in catalogue:
        msgid = e.msgid
        if e.obsolete or e.msgid_plural or len(msgid) < 8 or " " not in msgid or "%" in msgid or "<" in msgid:
            continue
        if e.msgstr == msgid or msgid in translations:
            continue
        if re.search(r"(?<!\w)" + re.escape(msgid) + r"(?!\w)", text):
            found.append(msgid)
    return found


def test_the_catalogue_is_complete_and_compiled():
    assert problems() == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_every_text_in_the_code_is_in_the_catalogue(tmp_path, catalogue):
    """A text added after the last makemessages would show in Swedish: extract afresh and compare.

    makemessages writes into the project's own locale/ whatever LOCALE_PATHS says, so it runs on a copy.
    """
    copy = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "staticfiles", "benchmarks", ".git", "locale", "*.sqlite3", "__pycache__", "*.pyc"
        ),
    )
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--add-location=never", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))}
    translated = {(e.msgctxt, e.msgid) for e in catalogue if e.translated() and "fuzzy" not in e.flags}
    missing = sorted(m for _, m in fresh - translated)
    assert not missing, f"{len(missing)} texts have no English translation (README, Language): {missing[:10]}"


def test_the_language_switch_sets_english_and_back(client, people):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/konto/logga-in/"})
    assert response.status_code == 302 and response["Location"] == "/konto/logga-in/"
    page = client.get("/konto/logga-in/")
    assert '<html lang="en">' in page.text and "Log in" in page.text and "Username" in page.text
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    page = client.get("/konto/logga-in/")
    assert '<html lang="sv">' in page.text and "Logga in" in page.text


def test_swedish_stays_the_default_whatever_the_browser_prefers(client):
    page = client.get("/konto/logga-in/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="sv">' in page.text and "Användarnamn" in page.text


def test_every_page_has_the_language_switch(client, people):
    client.force_login(people.forbundsadministrator)
    for path in ["/", "/forbund/test/insatser/", "/tillganglighet/"]:
        text = client.get(path).text
        assert 'action="/i18n/setlang/"' in text, path
        assert 'name="language" value="en" lang="en"' in text and 'value="sv" lang="sv"' in text, path


def test_a_next_address_elsewhere_is_not_followed(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://example.com/"})
    assert response["Location"] == "/"


PAGES = [
    (None, "/konto/logga-in/"),
    (None, "/konto/glomt-losenord/"),
    (None, "/tillganglighet/"),
    (None, "/tillganglighet/synpunkter/"),
    ("forbundsadministrator", "/"),
    ("forbundsadministrator", "/forbund/test/"),
    ("forbundsadministrator", "/forbund/test/insatser/"),
    ("forbundsadministrator", "/forbund/test/ekonomi/"),
    ("forbundsadministrator", "/forbund/test/ekonomi/2024/"),
    ("forbundsadministrator", "/rapportering/kontroller/"),
    ("deltagaransvarig", "/"),
    ("deltagaransvarig", "/forbund/test/insatser/"),
    ("handlaggare", "/"),
    ("handlaggare", "/statistik/?ar=2024"),
    ("handlaggare", "/ekonomi/2024/"),
    ("handlaggare", "/register/kommuner/"),
    ("administrator", "/"),
]


@pytest.mark.parametrize(("role", "path"), PAGES)
def test_the_main_pages_of_every_role_are_english(english, data, catalogue, role, path):
    if role:
        english.force_login(getattr(data, role))
    response = english.get(path)
    assert response.status_code == 200, path
    text = visible_text(response)
    assert '<html lang="en">' in response.text
    assert "Skip to the content" in text and "Accessibility statement" in text
    if role:
        assert "Log out" in text
    swedish = [w for w in SWEDISH_WORDS if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text)]
    assert not swedish, f"{path}: Swedish words on the English page: {swedish}"
    assert not untranslated(text, catalogue), path


def test_the_admin_empty_choice_is_swedish(client, people):
    client.force_login(people.administrator)
    text = client.get("/admin/forbund/behorighet/add/").text
    assert "- Select an option -" not in text
    assert "Välj ett alternativ" in text


def test_the_admin_site_says_its_language_and_has_the_switch(client, people):
    client.force_login(people.administrator)
    text = client.get("/admin/").text
    assert '<html lang="sv"' in text and 'action="/i18n/setlang/"' in text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en"' in client.get("/admin/").text
