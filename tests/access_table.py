"""The table of tests/test_access_matrix.py: every named URL, what it points at, and each role's status for a GET
and for every write it accepts (docs/adr/0002)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from forbund.models import Roll

AR = 2024
ROLES = (
    "anonym",
    "forbundsadministrator",  # of the förbund in the URL
    "annat_forbunds_administrator",
    "deltagaransvarig",  # of the förbund in the URL, assigned to the insats in the URL
    "deltagaransvarig_ej_tilldelad",  # of the förbund in the URL, assigned to no insats
    "nationell_handlaggare",
    "granskare",
    "administrator",
    "utomstaende",  # logged in, without any role
)


def expect(anonym, chef, annan, deltagare, ej_tilldelad, handlaggare, granskare, administrator, utomstaende):
    values = (anonym, chef, annan, deltagare, ej_tilldelad, handlaggare, granskare, administrator, utomstaende)
    return dict(zip(ROLES, values, strict=True))


def ok(rule: dict, status: int) -> dict:
    """The same rule where the request succeeds with another status (a redirect after a save, 201, 204)."""
    return {role: status if got == 200 else got for role, got in rule.items()}


def api(rule: dict) -> dict:
    """The API answers an anonymous request with 403 instead of the login page."""
    return {**rule, "anonym": 403}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


LOGIN = "login"  # a redirect to the login page
PUBLIC = everyone(200)
LOGGED_IN = {**everyone(200), "anonym": LOGIN}
# A förbund's pages (forbund_access): any role there, or a national one; outsiders 404.
READ = expect(LOGIN, 200, 404, 200, 200, 200, 200, 200, 404)
READ_INSATS = {**READ, "deltagaransvarig_ej_tilldelad": 404}  # a deltagaransvarig sees only assigned insatser
READ_ALL = {**READ, "deltagaransvarig": 403, "deltagaransvarig_ej_tilldelad": 403}
WRITE = {**READ_ALL, "nationell_handlaggare": 403, "granskare": 403, "administrator": 403}
DELTAGARE = {**WRITE, "deltagaransvarig": 200, "deltagaransvarig_ej_tilldelad": 404}
# National pages (nationell_access): national roles only; everyone else 404.
NATIONELL = expect(LOGIN, 404, 404, 404, 404, 200, 200, 200, 404)
GRANSKARE = {**NATIONELL, "nationell_handlaggare": 403, "administrator": 403}
ADMINISTRATOR = {**NATIONELL, "nationell_handlaggare": 403, "granskare": 403}


@dataclass
class Write:
    method: str
    data: Callable = lambda d: {}
    expected: dict = field(default_factory=dict)
    json: bool = False
    query: Callable = lambda d: ""


@dataclass
class Url:
    get: dict
    kwargs: Callable = lambda d: {}
    query: str = ""
    writes: tuple = ()


# ---------------------------------------------------------------- The data the URLs point at


@dataclass
class Data:
    people: object
    granskare: object
    insats: object  # individinriktad, assigned to the deltagaransvarig, figures for AR
    borttagen: int  # history_id of a deleted insats
    uttag: object
    behorighet: object  # a deltagaransvarig assigned to no insats: a role the administratör may remove

    @property
    def slug(self):
        return self.people.forbund.slug


def user_for(d: Data, role: str):
    p = d.people
    return {
        "anonym": None,
        "forbundsadministrator": p.forbundsadministrator,
        "annat_forbunds_administrator": p.other_forbundsadministrator,
        "deltagaransvarig": p.deltagaransvarig,
        "deltagaransvarig_ej_tilldelad": d.behorighet.user,
        "nationell_handlaggare": p.handlaggare,
        "granskare": d.granskare,
        "administrator": p.administrator,
        "utomstaende": p.stranger,
    }[role]


def slug(d):
    return {"slug": d.slug}


def insats(d):
    return {"slug": d.slug, "pk": d.insats.pk}


def insats_ar(d):
    return {"slug": d.slug, "pk": d.insats.pk, "ar": AR}


def forbund_ar(d):
    return {"slug": d.slug, "ar": AR}


def insats_form(d, **extra):
    return {
        "namn": "Ny insats",
        "typ": "individinriktad",
        "inriktning": "forberedande",
        "malgrupper": ["unga"],
        "startdatum": f"{AR}-01-01",
        "version": d.insats.version,
        **extra,
    }


def api_insats(d, **extra):
    return {
        "namn": "Via API",
        "typ": "individinriktad",
        "inriktning": "arbetslivsinriktad",
        "malgrupper": ["ingen_specifik"],
        "startdatum": f"{AR}-02-01",
        **extra,
    }


# ---------------------------------------------------------------- The table

MATRIX: dict[str, Url] = {
    # Logging in and out, passwords, the language and the accessibility statement: open to everyone.
    "login": Url(get={**PUBLIC, **dict.fromkeys(ROLES[1:], 302)}),  # a logged-in user is sent on
    "logout": Url(get=everyone(405), writes=(Write("post", expected=everyone(LOGIN)),)),  # back to the login page
    "password_reset": Url(get=PUBLIC, writes=(Write("post", expected=PUBLIC),)),  # an empty form comes back
    "password_reset_done": Url(get=PUBLIC),
    "password_reset_confirm": Url(get=PUBLIC, kwargs=lambda d: {"uidb64": "MQ", "token": "fel"}),
    "password_reset_complete": Url(get=PUBLIC),
    "set_language": Url(
        get=everyone(302), writes=(Write("post", lambda d: {"language": "sv", "next": "/"}, everyone(302)),)
    ),  # fmt: skip
    "tillganglighet:redogorelse": Url(get=PUBLIC),
    "tillganglighet:synpunkter": Url(get=PUBLIC, writes=(Write("post", expected=PUBLIC),)),  # an empty form
    "tillganglighet:tack": Url(get=PUBLIC),
    # Open data: released, suppressed figures only (tests/publicering/test_oppen_api.py).
    "publicering:oppna_data": Url(get=PUBLIC),
    "publicering:statistik": Url(get=PUBLIC, query=f"?ar={AR}"),
    "publicering:oppen_index": Url(get=PUBLIC),
    "publicering:oppen_config": Url(get=PUBLIC),
    "publicering:oppen_indikator": Url(get=PUBLIC),
    "publicering:oppen_forbund": Url(get=PUBLIC),
    "publicering:oppen_publicering": Url(get=PUBLIC),
    "publicering:oppen_schema": Url(get=PUBLIC),
    "publicering:oppen_data": Url(get=PUBLIC, kwargs=lambda d: {"id": "N00001", "ar": str(AR)}),
    "publicering:oppen_data_forbund": Url(get=PUBLIC, kwargs=lambda d: {"id": "N00001", "ar": str(AR), "slug": d.slug}),
    "publicering:oppen_data_lan": Url(get=PUBLIC, kwargs=lambda d: {"id": "N00001", "ar": str(AR), "kod": "01"}),
    # Every logged-in user: the start page, the registry, their own account, the list of checks.
    "start": Url(get=LOGGED_IN),
    "forbund:struktur": Url(get=LOGGED_IN),
    "forbund:list": Url(get=LOGGED_IN),
    "forbund:detail": Url(get=LOGGED_IN, kwargs=slug),
    "konton:mitt_konto": Url(get=LOGGED_IN),
    "konton:losenord": Url(get=LOGGED_IN, writes=(Write("post", expected=LOGGED_IN),)),  # a wrong old password
    "konton:losenord_klart": Url(get=LOGGED_IN),
    "api_nycklar": Url(get=LOGGED_IN, writes=(Write("post", lambda d: {"atgard": "skapa"}, LOGGED_IN),)),
    "session_keep_alive": Url(get={**everyone(405), "anonym": LOGIN}, writes=(Write("post", expected=LOGGED_IN),)),
    "rapportering:kontroller": Url(get=LOGGED_IN),
    "api-schema": Url(get=api(LOGGED_IN)),
    # A förbund's insatser.
    "insatser:forbund_start": Url(get=READ, kwargs=slug),
    "insatser:list": Url(get=READ, kwargs=slug),
    "insatser:create": Url(get=WRITE, kwargs=slug, writes=(Write("post", insats_form, ok(WRITE, 302)),)),
    "insatser:borttagna": Url(get=READ_ALL, kwargs=slug),
    "insatser:borttagen": Url(get=READ_ALL, kwargs=lambda d: {"slug": d.slug, "history_id": d.borttagen}),
    "insatser:aterstall": Url(
        get=WRITE,
        kwargs=lambda d: {"slug": d.slug, "history_id": d.borttagen},
        writes=(Write("post", expected=ok(WRITE, 302)),),
    ),
    "insatser:detail": Url(get=READ_INSATS, kwargs=insats),
    "insatser:update": Url(
        get=WRITE,
        kwargs=insats,
        writes=(Write("post", lambda d: insats_form(d, namn="Nytt namn"), ok(WRITE, 302)),),
    ),
    "insatser:delete": Url(
        get=WRITE, kwargs=insats, writes=(Write("post", lambda d: {"version": d.insats.version}, ok(WRITE, 302)),)
    ),
    "insatser:ar": Url(
        get=DELTAGARE,
        kwargs=insats_ar,
        writes=(
            Write(
                "post",
                lambda d: {"version": d.insats.version, "deltagare_kvinnor": "4", "deltagare_man": "2"},
                ok(DELTAGARE, 302),
            ),
        ),
    ),
    "utfall:ar": Url(
        get=READ_INSATS,
        kwargs=insats_ar,
        writes=(Write("post", lambda d: {"version": 0, "paborjade__kvinnor__16_29": "5"}, ok(DELTAGARE, 302)),),
    ),
    # A förbund's economy, its reporting round and its users.
    "ekonomi:index": Url(get=READ_ALL, kwargs=slug),
    "ekonomi:detail": Url(get=READ_ALL, kwargs=forbund_ar),
    "ekonomi:history": Url(get=READ_ALL, kwargs=forbund_ar),
    "ekonomi:kostnadsrapport": Url(get=READ_ALL, kwargs=forbund_ar),
    "ekonomi:edit": Url(
        get=WRITE, kwargs=forbund_ar, writes=(Write("post", lambda d: {"stat": "1 000"}, ok(WRITE, 302)),)
    ),
    "rapportering:skicka_in": Url(
        get=READ_ALL,
        kwargs=forbund_ar,
        writes=(Write("post", lambda d: {"atgard": "kommentar", "text": "Hej"}, ok(WRITE, 302)),),
    ),
    "rapportering:kvitto": Url(get=READ_ALL, kwargs=forbund_ar),
    "revision:ar": Url(
        get=READ_ALL,
        kwargs=forbund_ar,
        writes=(Write("post", lambda d: {"ansvarsfrihet": "ej_beslutad", "version": "0"}, ok(WRITE, 302)),),
    ),
    "konton:forbund": Url(get=WRITE, kwargs=slug),
    "konton:forbund_utse": Url(
        get=WRITE,
        kwargs=slug,
        writes=(
            Write(
                "post",
                lambda d: {"email": "ny@example.se", "first_name": "Ny", "last_name": "Person"},
                ok(WRITE, 302),
            ),
        ),
    ),
    "konton:forbund_insatser": Url(
        get=WRITE,
        kwargs=lambda d: {"slug": d.slug, "pk": d.people.deltagaransvarig.pk},
        writes=(Write("post", lambda d: {"insatser": [d.insats.pk]}, ok(WRITE, 302)),),
    ),
    "konton:forbund_ta_bort": Url(
        get=WRITE,
        kwargs=lambda d: {"slug": d.slug, "pk": d.people.deltagaransvarig.pk},
        writes=(Write("post", expected=ok(WRITE, 302)),),
    ),
    # The API of a förbund (the förbund of /api/v1/insatser/<pk>/ is the insats's).
    "insatser-api:forbund-insatser": Url(
        get=api(READ), kwargs=slug, writes=(Write("post", api_insats, ok(api(WRITE), 201), json=True),)
    ),
    "insatser-api:insats": Url(
        get=api(READ_INSATS),
        kwargs=lambda d: {"pk": d.insats.pk},
        writes=(
            Write("put", lambda d: api_insats(d, version=d.insats.version), api(WRITE), json=True),
            Write(
                "patch",
                lambda d: {"version": d.insats.version, "arsuppgifter": [{"ar": AR, "deltagare_kvinnor": 11}]},
                api(DELTAGARE),
                json=True,
            ),
            Write("delete", expected=ok(api(WRITE), 204), query=lambda d: f"?version={d.insats.version}"),
        ),
    ),
    "utfall:api": Url(
        get=api(READ_INSATS),
        kwargs=lambda d: {"pk": d.insats.pk, "ar": AR},
        writes=(Write("put", lambda d: {"version": 0}, api(DELTAGARE), json=True),),
    ),
    "ekonomi-api:forbund": Url(
        get=api(READ_ALL),
        kwargs=forbund_ar,
        writes=(Write("put", lambda d: {"version": 0, "esf_intakter": 5}, api(WRITE), json=True),),
    ),
    # National pages: statistics, the economy, outcomes, the review, extracts, releases, the report.
    "statistik:dashboard": Url(get=NATIONELL, query=f"?ar={AR}"),
    "statistik:forbund": Url(get=NATIONELL, query=f"?ar={AR}"),
    "statistik:registrering": Url(get=NATIONELL, query=f"?ar={AR}"),
    "statistik:csv": Url(get=NATIONELL, kwargs=lambda d: {"nyckel": "tabell1"}, query=f"?ar={AR}"),
    "statistik:xlsx": Url(get=NATIONELL, query=f"?ar={AR}"),
    "utfall:nationell": Url(get=NATIONELL),
    "ekonomi-nationell:index": Url(get=ok(NATIONELL, 302)),
    "ekonomi-nationell:ar": Url(get=NATIONELL, kwargs=lambda d: {"ar": AR}),
    "ekonomi-nationell:eget-kapital": Url(get=NATIONELL),
    "ekonomi-nationell:statsmedel": Url(
        get=ADMINISTRATOR,
        kwargs=lambda d: {"ar": AR},
        writes=(Write("post", lambda d: {"nationell_andel": "1 000 000"}, ok(ADMINISTRATOR, 302)),),
    ),
    "revision:nationell": Url(get=NATIONELL, query=f"?ar={AR}"),
    "ekonomi-nationell:statsbidrag": Url(
        get=ADMINISTRATOR,
        kwargs=lambda d: {"ar": AR},
        writes=(Write("post", lambda d: {"tilldelat": "339 000 000"}, ok(ADMINISTRATOR, 302)),),
    ),
    "rapportering:granskningslista": Url(get=NATIONELL),
    "rapportering:granska": Url(
        get=NATIONELL,
        kwargs=forbund_ar,
        writes=(Write("post", lambda d: {"atgard": "kommentar", "text": "Hej"}, ok(GRANSKARE, 302)),),
    ),
    "rapportering:ta_uttag": Url(
        get={**GRANSKARE, "granskare": 405}, writes=(Write("post", lambda d: {"ar": str(AR)}, ok(GRANSKARE, 302)),)
    ),
    "rapportering:uttag": Url(get=NATIONELL, kwargs=lambda d: {"pk": d.uttag.pk}),
    "rapportering:uttag_jamfor": Url(get=NATIONELL, kwargs=lambda d: {"pk": d.uttag.pk}),
    "publicering:lista": Url(get=NATIONELL, writes=(Write("post", lambda d: {"ar": "1999"}, ok(GRANSKARE, 302)),)),
    "rapport:utkast": Url(get=NATIONELL, query=f"?ar={AR}"),
    "rapport:mallar": Url(
        get=NATIONELL, writes=(Write("post", lambda d: {"atgard": "standard"}, ok(ADMINISTRATOR, 302)),)
    ),
    "rapport:standardmall": Url(get=NATIONELL),
    "ekonomi-api:nationell": Url(get=api(NATIONELL), kwargs=lambda d: {"ar": AR}),
    "ekonomi-api:eget-kapital": Url(get=api(NATIONELL), query=f"?fran={AR - 4}&till={AR}"),
    "statistik-api:ar": Url(get=api(NATIONELL), kwargs=lambda d: {"ar": AR}),
    "rapportering-api:kontroller": Url(get=api(NATIONELL), kwargs=lambda d: {"ar": AR}),
    # The administratör's account pages.
    "konton:list": Url(get=ADMINISTRATOR),
    "konton:logg": Url(get=ADMINISTRATOR),
    "konton:bjud_in": Url(
        get=ADMINISTRATOR,
        writes=(
            Write(
                "post",
                lambda d: {
                    "username": "nyanvandare",
                    "email": "ny@example.se",
                    "first_name": "Ny",
                    "last_name": "Användare",
                    "roll": Roll.NATIONELL_HANDLAGGARE,
                    "forbund": "",
                },
                ok(ADMINISTRATOR, 302),
            ),
        ),
    ),
    "konton:detail": Url(
        get=ADMINISTRATOR,
        kwargs=lambda d: {"pk": d.people.stranger.pk},
        writes=(Write("post", lambda d: {"roll": Roll.NATIONELL_HANDLAGGARE, "forbund": ""}, ok(ADMINISTRATOR, 302)),),
    ),
    "konton:inaktivera": Url(
        get=ADMINISTRATOR,
        kwargs=lambda d: {"pk": d.people.stranger.pk},
        writes=(Write("post", expected=ok(ADMINISTRATOR, 302)),),
    ),
    "konton:roll_ta_bort": Url(
        get=ADMINISTRATOR,
        kwargs=lambda d: {"pk": d.behorighet.pk},
        writes=(Write("post", expected=ok(ADMINISTRATOR, 302)),),
    ),
}
