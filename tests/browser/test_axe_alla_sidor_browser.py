"""axe-core on every page each role reaches, the Django admin's included, in Swedish and (a few) in English.

The pages are enumerated from the URL resolver, so a new page is audited as soon as it exists, or this test fails
naming it: every named URL is either filled in below (PAGES, ADMIN) or listed as not a page (NOT_PAGES). The data
is the demo's (core/demo.py), as a newcomer sees it. Any violation of any impact fails, named by role and URL.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from core.demo import seed_demo
from core.models import Importkorning
from forbund.models import Behorighet, Forbund, Roll
from insatser.models import Insats
from insatser.services import insats_delete
from publicering.services import publicering_skapa
from rapport.models import RapportMall
from rapportering.models import Paminnelse, Rapporteringsomgang, Uttag
from rapportering.services import lasundantag_bevilja
from synpunkter.models import Synpunkt
from tests.browser.conftest import ALL_IMPACTS, AXE, WCAG21_AA, axe_violations, login
from tests.factories import InsatsFactory

RULES = [*WCAG21_AA, "best-practice"]
AR = datetime.date.today().year - 1
EKONOMI_AR = 2024  # the demo's economy covers 2023 and 2024
BLEKINGE, HALLAND = "samordningsforbundet-i-blekinge", "samordningsforbundet-halland"

# Each role's demo user (password = username), and None for someone not logged in.
ROLES = {
    Roll.FORBUNDSADMINISTRATOR: "chef",
    Roll.DELTAGARANSVARIG: "deltagare",
    Roll.NATIONELL_HANDLAGGARE: "handlaggare",
    Roll.GRANSKARE: "granskare",
    Roll.ADMINISTRATOR: "admin",
    "anonym": None,
}

# Named URLs that are not pages a person reads: downloads, API, POST-only endpoints (each has its own tests).
NOT_PAGES = {
    "logout": "POST only",
    "set_language": "POST only (the switch is audited on every page)",
    "session_keep_alive": "JSON for the session warning",
    "rapportering:ta_uttag": "POST only (the button on the review list)",
    "statistik:csv": "a download",
    "statistik:xlsx": "a download",
    "rapport:utkast": "a download",
    "rapport:standardmall": "a download",
    "api-schema": "API",
}
API_NAMESPACES = (
    "insatser-api:",
    "ekonomi-api:",
    "statistik-api:",
    "rapportering-api:",
    "utfall:api",
    "publicering:oppen_",
)

# How each page's URL is filled in with the demo data (d); the parameters of each role's reach are in the data.
PAGES = {
    "start": lambda d: {},
    "login": lambda d: {},
    "password_reset": lambda d: {},
    "password_reset_done": lambda d: {},
    "password_reset_confirm": lambda d: {"uidb64": d.uid, "token": d.token},
    "password_reset_complete": lambda d: {},
    "api_nycklar": lambda d: {},
    "konton:list": lambda d: {},
    "konton:bjud_in": lambda d: {},
    "konton:logg": lambda d: {},
    "konton:detail": lambda d: {"pk": d.chef.pk},
    "konton:inaktivera": lambda d: {"pk": d.chef.pk},
    "konton:roll_ta_bort": lambda d: {"pk": d.chefs_roll.pk},
    "konton:forbund": lambda d: {"slug": BLEKINGE},
    "konton:forbund_utse": lambda d: {"slug": BLEKINGE},
    "konton:forbund_insatser": lambda d: {"slug": BLEKINGE, "pk": d.deltagare.pk},
    "konton:forbund_ta_bort": lambda d: {"slug": BLEKINGE, "pk": d.deltagare.pk},
    "konton:mitt_konto": lambda d: {},
    "konton:losenord": lambda d: {},
    "konton:losenord_klart": lambda d: {},
    "forbund:struktur": lambda d: {},
    "forbund:list": lambda d: {},
    "forbund:detail": lambda d: {"slug": BLEKINGE},
    "insatser:forbund_start": lambda d: {"slug": BLEKINGE},
    "insatser:list": lambda d: {"slug": BLEKINGE},
    "insatser:create": lambda d: {"slug": BLEKINGE},
    "insatser:borttagna": lambda d: {"slug": BLEKINGE},
    "insatser:borttagen": lambda d: {"slug": BLEKINGE, "history_id": d.borttagen},
    "insatser:aterstall": lambda d: {"slug": BLEKINGE, "history_id": d.borttagen},
    "insatser:detail": lambda d: {"slug": BLEKINGE, "pk": d.insats.pk},
    "insatser:update": lambda d: {"slug": BLEKINGE, "pk": d.insats.pk},
    "insatser:delete": lambda d: {"slug": BLEKINGE, "pk": d.insats.pk},
    "insatser:ar": lambda d: {"slug": BLEKINGE, "pk": d.insats.pk, "ar": AR},
    "utfall:ar": lambda d: {"slug": BLEKINGE, "pk": d.insats.pk, "ar": AR},
    "ekonomi:index": lambda d: {"slug": BLEKINGE},
    "ekonomi:detail": lambda d: {"slug": BLEKINGE, "ar": EKONOMI_AR},
    "ekonomi:edit": lambda d: {"slug": BLEKINGE, "ar": EKONOMI_AR},
    "ekonomi:history": lambda d: {"slug": BLEKINGE, "ar": EKONOMI_AR},
    "ekonomi:kostnadsrapport": lambda d: {"slug": BLEKINGE, "ar": EKONOMI_AR},
    "ekonomi-nationell:index": lambda d: {},
    "ekonomi-nationell:eget-kapital": lambda d: {},
    "ekonomi-nationell:ar": lambda d: {"ar": EKONOMI_AR},
    "ekonomi-nationell:statsbidrag": lambda d: {"ar": EKONOMI_AR},
    "ekonomi-nationell:statsmedel": lambda d: {"ar": EKONOMI_AR},
    "revision:ar": lambda d: {"slug": BLEKINGE, "ar": EKONOMI_AR},
    "revision:nationell": lambda d: {},
    "statistik:dashboard": lambda d: {},
    "statistik:forbund": lambda d: {},
    "statistik:registrering": lambda d: {},
    "utfall:nationell": lambda d: {},
    "rapport:mallar": lambda d: {},
    "rapportering:kontroller": lambda d: {},
    "rapportering:granskningslista": lambda d: {},
    "rapportering:granska": lambda d: {"slug": HALLAND, "ar": AR},
    "rapportering:uttag": lambda d: {"pk": d.uttag.pk},
    "rapportering:uttag_jamfor": lambda d: {"pk": d.uttag.pk},
    "rapportering:skicka_in": lambda d: {"slug": BLEKINGE, "ar": AR},
    "rapportering:kvitto": lambda d: {"slug": HALLAND, "ar": AR},
    "publicering:oppna_data": lambda d: {},
    "publicering:statistik": lambda d: {},
    "publicering:lista": lambda d: {},
    "tillganglighet:redogorelse": lambda d: {},
    "tillganglighet:synpunkter": lambda d: {},
    "tillganglighet:tack": lambda d: {},
}
# A few pages again in English (the language cookie), one per kind: a form, a table, a national page, the admin.
ENGLISH = ["insatser:update", "insatser:list", "ekonomi:detail", "statistik:dashboard", "konton:list", "start"]

# The admin's own URLs, by the end of their name; object pages use the model's first row.
ADMIN_NOT_PAGES = {"login", "logout", "autocomplete", "jsi18n", "view_on_site", "auth_user_password_change"}
ADMIN_OBJECT = ("change", "history", "delete", "simple_history", "losenordslank")


def _walk(patterns, ns=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, ns + (f"{p.namespace}:" if p.namespace else ""))
        elif isinstance(p, URLPattern) and p.name:
            yield ns + p.name


def url_names():
    return sorted(set(_walk(get_resolver().url_patterns)))


def test_every_named_url_is_audited_or_said_not_to_be_a_page():
    unknown = [
        n
        for n in url_names()
        if not n.startswith("admin:") and n not in PAGES and n not in NOT_PAGES and not n.startswith(API_NAMESPACES)
    ]
    assert unknown == [], "Add these URLs to PAGES (audited) or NOT_PAGES in this file"
    assert [n for n in PAGES if n not in url_names()] == []


class Demo:
    """The demo data, plus a deleted insats, as the pages' URLs need them."""

    def __init__(self):
        seed_demo()
        User = get_user_model()
        self.chef, self.deltagare = User.objects.get(username="chef"), User.objects.get(username="deltagare")
        self.chefs_roll = Behorighet.objects.get(user=self.chef, roll=Roll.FORBUNDSADMINISTRATOR)
        blekinge = Forbund.objects.get(slug=BLEKINGE)
        self.insats = Insats.objects.get(forbund=blekinge, namn="Steget vidare")
        gammal = InsatsFactory(forbund=blekinge, namn="Gammal insats", startdatum=datetime.date(2023, 1, 1))
        insats_delete(insats=gammal, version=gammal.version)
        self.borttagen = Insats.history.filter(id=gammal.pk, history_type="-").get().history_id
        self.uttag = Uttag.objects.order_by("pk").first()
        self.uid = urlsafe_base64_encode(force_bytes(self.chef.pk))
        self.token = default_token_generator.make_token(self.chef)
        self.admin_rows(blekinge)

    def admin_rows(self, forbund):
        """A row of each kind the demo leaves empty, so that each admin change form is audited."""
        User = get_user_model()
        admin_user, granskare = User.objects.get(username="admin"), User.objects.get(username="granskare")
        fields = {"username": "okand", "ip_address": "127.0.0.1", "user_agent": "Chromium", "path_info": "/"}
        AccessAttempt.objects.create(**fields, get_data="", post_data="", failures_since_start=1)
        AccessFailureLog.objects.create(**fields)
        AccessLog.objects.create(**fields)
        Importkorning.objects.create(typ="medlemskap", filnamn="medlemmar.csv", user=admin_user)
        Group.objects.create(name="Läsare")
        Token.objects.create(user=User.objects.get(username="handlaggare"))
        idag = datetime.date.today()
        Rapporteringsomgang.objects.create(
            ar=AR,
            oppnar=datetime.date(AR, 1, 1),
            sista_dag=idag + datetime.timedelta(days=20),
            last_datum=idag + datetime.timedelta(days=40),
        )
        lasundantag_bevilja(forbund=forbund, ar=AR - 1, user=admin_user, skal="Sen revision.", till=idag)
        Paminnelse.objects.create(forbund=forbund, ar=AR, dagar=-14, mottagare="chef@example.se")
        publicering_skapa(ar=AR, user=granskare, uttag=self.uttag)
        Synpunkt.objects.create(meddelande="Diagrammet går inte att nå med tangentbordet.")
        RapportMall.objects.create(namn="Egen mall", fil=ContentFile(b"PK", name="mall.docx"), uppladdad_av=admin_user)


def admin_paths():
    """Every admin page: index, each app, and each model's changelist, add, change, history, delete, imports."""
    models = {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}
    paths = {}
    for name in url_names():
        if not name.startswith("admin:"):
            continue
        short = name.removeprefix("admin:")
        if short in ADMIN_NOT_PAGES:
            continue
        if short == "app_list":
            paths[name] = reverse(name, kwargs={"app_label": "forbund"})  # the same template for every app
            continue
        model_key, _, action = next(
            ((k, "_", short.removeprefix(k + "_")) for k in models if short.startswith(k + "_")), (None, "", short)
        )
        if model_key is None:
            paths[name] = reverse(name)
            continue
        model = models[model_key]
        if action not in ADMIN_OBJECT:
            paths[name] = reverse(name)
            continue
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"{name}: the demo data has no {model._meta.verbose_name}; create one in Demo"
        if action == "simple_history":
            record = obj.history.order_by("history_id").first()
            paths[name] = reverse(name, args=[obj.pk, record.history_id])
        else:
            paths[name] = reverse(name, args=[obj.pk])
    return paths


def audit(page, url):
    """Open the page and return its status and axe's violations (any impact), or None if it is no HTML page."""
    response = page.goto(url)
    if not response.headers.get("content-type", "").startswith("text/html"):
        return response.status, None
    return response.status, axe_violations(page, ALL_IMPACTS, RULES)


# What a page's main content lets a person do: two roles seeing the same are audited once (each role's header and
# navigation is audited on its start page, the first page of its round).
SHAPE = """() => Array.from(document.querySelectorAll(`main a, main button, main input, main select, main textarea,
    main table, main [role], main h1, main h2, main details`)).map(e => [e.tagName, e.type || '', e.name || '',
    e.getAttribute('role') || '', e.tagName === 'BUTTON' ? e.textContent.trim() : ''].join(':')).join('|')"""
ADMIN_GENERIC = ("history", "delete", "simple_history")  # the same template for every model: audited on a few


def test_every_page_every_role_reaches_has_no_violations(
    browser, browser_context_args, live_server, reference_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    d = Demo()
    found, reached, audited = {}, {}, set()

    def check(page, key, label):
        if key in audited:
            return
        audited.add(key)
        if violations := axe_violations(page, ALL_IMPACTS, RULES):
            found[label] = violations

    for roll, username in ROLES.items():
        context = browser.new_context(**browser_context_args)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        if username:
            login(page, live_server, username, password=username)
        for name, kwargs in PAGES.items():
            path = reverse(name, kwargs=kwargs(d))
            response = page.goto(live_server.url + path)
            landed = page.url.removeprefix(live_server.url)
            if response.status == 200 and landed.split("?")[0] != path:
                # Redirected: to the login page (not reached), or to a page audited under its own name.
                if not landed.startswith(reverse("login")):
                    reached.setdefault(name, []).append(roll)
                continue
            if response.status != 200:
                check(page, response.status, f"{roll} {path} ({response.status})")
                continue
            reached.setdefault(name, []).append(roll)
            key = roll if name == "start" else (name, page.evaluate(SHAPE))
            check(page, key, f"{roll} {path}")
        if username:
            context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
            for name in [n for n in ENGLISH if roll in reached.get(n, [])]:
                path = reverse(name, kwargs=PAGES[name](d))
                page.goto(live_server.url + path)
                assert page.locator("html").get_attribute("lang") == "en"
                check(page, ("en", name), f"{roll} {path} (English)")  # each page once in English
        context.close()
    assert found == {}
    assert [n for n in PAGES if n not in reached] == [], "pages no role reached: fix the data or their parameters"


def test_every_admin_page_the_administrator_reaches_has_no_violations(
    browser, browser_context_args, live_server, reference_data, settings, tmp_path
):
    """The admin site's pages, apart from the other pages' audit so the two run side by side (pytest-xdist)."""
    settings.MEDIA_ROOT = tmp_path
    Demo()
    assert [m._meta.label for m in admin.site._registry if not m._default_manager.exists()] == []
    found, audited = {}, set()
    context = browser.new_context(**browser_context_args)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    login(page, live_server, ROLES[Roll.ADMINISTRATOR], password=ROLES[Roll.ADMINISTRATOR])
    for name, path in admin_paths().items():
        response = page.goto(live_server.url + path)
        if response.status == 403:
            continue  # a model the administratör may not see or add (the admin's 403 is audited with the others)
        assert response.status == 200, f"{name} {path}: {response.status}"
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # static/js/admin-a11y.js runs just after the load event
        generic = name.rsplit("_", 1)[-1] in ADMIN_GENERIC or "simple_history" in name
        key = (name.split("_")[-1], page.evaluate(SHAPE)) if generic else name
        if key in audited:
            continue
        audited.add(key)
        if violations := axe_violations(page, ALL_IMPACTS, RULES):
            found[f"admin {path}"] = violations
    context.close()
    assert found == {}
