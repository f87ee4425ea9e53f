"""The outcome grid as JSON: nested by kategori, (outcome,) kön and age; null is not registered, 0 is a value.

{"insats": 7, "ar": 2025, "version": 2,
 "paborjade": {"kvinnor": {"16_29": 3, "30_44": null, ...}, "man": {...}},
 "avslutade": {...},
 "utfall": {"arbete_utan_stod": {"kvinnor": {"under_30": 1, "30_plus": 0}, "man": {...}}, ...}}
"""

from django.utils.translation import gettext as _

from core.granser import INTEGER_MAX
from utfall.koder import (
    AVSLUTADE,
    BAND_KODER,
    GRUPP_KODER,
    KON_KODER,
    PABORJADE,
    UTFALL_KATEGORI,
    UTFALL_KODER,
    Nyckel,
)
from utfall.rules import Varden


def till_json(*, insats_id: int, ar: int, version: int, varden: Varden) -> dict:
    data: dict = {"insats": insats_id, "ar": ar, "version": version}
    for kategori in (PABORJADE, AVSLUTADE):
        data[kategori] = {
            kon: {band: varden.get((kategori, "", kon, band)) for band in BAND_KODER} for kon in KON_KODER
        }
    data[UTFALL_KATEGORI] = {
        kod: {kon: {g: varden.get((UTFALL_KATEGORI, kod, kon, g)) for g in GRUPP_KODER} for kon in KON_KODER}
        for kod in UTFALL_KODER
    }
    return data


def _tal(value, falt: str, fel: dict) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        fel[falt] = [_("Skriv antalet som ett heltal, eller null när det inte är registrerat.")]
        return None
    if value < 0:
        fel[falt] = [_("Får inte vara negativt.")]
    elif value > INTEGER_MAX:
        fel[falt] = [_("Talet är för stort: högst %(max)s.") % {"max": INTEGER_MAX}]
    return value


def _objekt(value, falt: str, nycklar, fel: dict) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        fel[falt] = [_("Ska vara ett objekt med nycklarna %(nycklar)s.") % {"nycklar": ", ".join(nycklar)}]
        return {}
    okanda = sorted(set(value) - set(nycklar))
    if okanda:
        fel[falt] = [
            _("Okänd nyckel %(okand)s; giltiga är %(nycklar)s.")
            % {"okand": ", ".join(map(str, okanda)), "nycklar": ", ".join(nycklar)}
        ]
    return value


def fran_json(data) -> tuple[int | None, Varden, dict]:
    """(version, the complete grid, errors keyed by path like "utfall.studier.man.under_30")."""
    fel: dict = {}
    if not isinstance(data, dict):
        return (
            None,
            {},
            {"non_field_errors": [_("Skicka ett JSON-objekt ({…}), inte en lista eller ett enskilt värde.")]},
        )
    tillatna = ("version", "insats", "ar", PABORJADE, AVSLUTADE, UTFALL_KATEGORI)
    _objekt(data, "non_field_errors", tillatna, fel)
    version = data.get("version")
    if version is None or isinstance(version, bool) or not isinstance(version, int):
        fel["version"] = [_("Ange versionen du utgår från som ett heltal (0 när inget är registrerat).")]
        version = None
    varden: dict[Nyckel, int | None] = {}
    for kategori in (PABORJADE, AVSLUTADE):
        per_kon = _objekt(data.get(kategori), kategori, KON_KODER, fel)
        for kon in KON_KODER:
            per_band = _objekt(per_kon.get(kon), f"{kategori}.{kon}", BAND_KODER, fel)
            for band in BAND_KODER:
                varden[(kategori, "", kon, band)] = _tal(per_band.get(band), f"{kategori}.{kon}.{band}", fel)
    per_kod = _objekt(data.get(UTFALL_KATEGORI), UTFALL_KATEGORI, UTFALL_KODER, fel)
    for kod in UTFALL_KODER:
        per_kon = _objekt(per_kod.get(kod), f"utfall.{kod}", KON_KODER, fel)
        for kon in KON_KODER:
            per_grupp = _objekt(per_kon.get(kon), f"utfall.{kod}.{kon}", GRUPP_KODER, fel)
            for g in GRUPP_KODER:
                varden[(UTFALL_KATEGORI, kod, kon, g)] = _tal(per_grupp.get(g), f"utfall.{kod}.{kon}.{g}", fel)
    return version, varden, fel


def falt_till_sokvag(falt: str) -> str:
    """A form field name (utfall__studier__man__under_30) as the JSON path (utfall.studier.man.under_30)."""
    return falt.replace("__", ".") if falt != "__all__" else "non_field_errors"
