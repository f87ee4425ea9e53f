"""Reading the rows of an insatser import into one plan per insats, with every error of the file found.

Each row is checked against the rules (insatser.rules, as the form and the API) and against what the database
columns can hold (core.importing.files.check_field), so a preview never accepts what the import cannot save.
"""

import datetime
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.importing.celler import check_field, closest, parse_date, parse_int, parse_ja_nej
from core.importing.files import ImportFel, Rad, RadFel
from core.importing.lookups import Uppslag
from core.importing.run import Kolumner
from forbund.models import Forbund
from insatser.exports import KOLUMNER as EXPORT_KOLUMNER
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ
from insatser.rules import AR_FALT, insats_errors
from insatser.rules import ar_errors as rules_ar_errors
from insatser.validering import INSATS_FALT

KRAV = {"forbund", "namn", "typ", "inriktning", "startdatum"}
KOLUMNER = Kolumner(krav=KRAV, val=set(EXPORT_KOLUMNER) - KRAV)  # the export writes exactly the import's columns
TYP_ALIAS = {
    "individinriktad": Typ.INDIVIDINRIKTAD,
    "strukturovergripande": Typ.STRUKTUROVERGRIPANDE,
    "strukturövergripande": Typ.STRUKTUROVERGRIPANDE,
}


# An insats's own fields the file gives besides its namn (the plan keeps them as a tuple in this order).
ATTRS = tuple(f for f in INSATS_FALT if f not in {"namn", "beskrivning", "utforare_fk", "utforare_af"})
INSATS_KOLUMNER = [*ATTRS, "malgrupper"]  # every row of an insats must describe it the same way
AR_FIELDS = [(f, InsatsAr._meta.get_field(f)) for f in AR_FALT]  # a year's figures and their columns
AR_FIELD = InsatsAr._meta.get_field("ar")


@dataclass(slots=True)
class Grupp:
    """One insats of the file: its first row's number, its attributes and its years (year: row number, figures).
    Row numbers, not rows, and tuples, not dicts: a national file has tens of thousands of them."""

    forbund: Forbund
    namn: str
    forsta_rad: int
    uppgifter: tuple  # the attributes in ATTRS order
    malgrupper: list[str]
    ar: dict[int, tuple] = field(default_factory=dict)  # year: (row number, *figures in AR_FALT order)
    insats_id: int | None = None  # the insats in the database: an existing one, or a new one once written

    @property
    def attrs(self) -> dict:
        return dict(zip(ATTRS, self.uppgifter, strict=True))


def _parse_insats_attrs(rad: Rad, fel: list[RadFel], inriktningar: dict, malgrupper: dict) -> tuple[dict, list[str]]:
    typ_text = rad.text("typ")
    typ = TYP_ALIAS.get(typ_text.lower())
    if typ is None:
        fel.append(
            RadFel(
                rad.nummer,
                "typ",
                typ_text,
                _("Värde saknas.") if not typ_text else _("Skriv individinriktad eller strukturovergripande."),
            )
        )
    kod = rad.text("inriktning")
    inriktning = inriktningar.get(kod.lower())
    if inriktning is None:
        fel.append(
            RadFel(
                rad.nummer,
                "inriktning",
                kod,
                (_("Okänd inriktning.") + closest(kod, list(inriktningar))) if kod else _("Värde saknas."),
            )
        )
    tidigare_kod = rad.text("tidigare_inriktning")
    tidigare = inriktningar.get(tidigare_kod.lower()) if tidigare_kod else None
    if tidigare_kod and tidigare is None:
        fel.append(
            RadFel(
                rad.nummer,
                "tidigare_inriktning",
                tidigare_kod,
                _("Okänd inriktning.") + closest(tidigare_kod, list(inriktningar)),
            )
        )
    koder = []
    for part in rad.text("malgrupper").replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        if part.lower() not in malgrupper:
            fel.append(RadFel(rad.nummer, "malgrupper", part, _("Okänd målgrupp.") + closest(part, list(malgrupper))))
        elif part.lower() not in koder:
            koder.append(sys.intern(part.lower()))  # a few codes, repeated in every row
    attrs = {
        "typ": typ,
        "inriktning": inriktning,
        "tidigare_inriktning": tidigare,
        "startdatum": parse_date(rad, "startdatum", required=True, fel=fel),
        "slutdatum": parse_date(rad, "slutdatum", required=False, fel=fel),
        "esf": parse_ja_nej(rad, "esf", fel=fel),
        "deltagaruppfoljning": parse_ja_nej(rad, "deltagaruppfoljning", fel=fel),
        "volyminsats": parse_ja_nej(rad, "volyminsats", fel=fel),
    }
    if typ == Typ.INDIVIDINRIKTAD:
        attrs["deltagaruppfoljning"] = False  # individinriktade always count participants
    return attrs, sorted(koder)


def _parse_ar(rad: Rad, fel: list[RadFel]) -> tuple[int | None, dict, bool]:
    values = {f: parse_int(rad, f, required=False, fel=fel, field=field) for f, field in AR_FIELDS}
    ar_text = rad.text("ar")
    ar = parse_int(rad, "ar", required=False, fel=fel, field=AR_FIELD)
    has_values = any(v is not None for v in values.values())
    if not ar_text and has_values:
        fel.append(RadFel(rad.nummer, "ar", "", _("Ange år för budget, utfall och deltagare.")))
    return ar, values, bool(ar_text)


def _insats_field_value(attrs: dict, malgrupper: list[str], kolumn: str) -> str:
    if kolumn == "malgrupper":
        return ";".join(malgrupper)
    value = attrs.get(kolumn)
    if isinstance(value, Inriktning):
        return value.kod
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def ar_errors(attrs: dict, ar: int, values: dict) -> list:
    """The rules about one year's figures (insatser.rules.ar_errors) for an insats with these attributes."""
    return rules_ar_errors(
        typ=attrs["typ"],
        deltagaruppfoljning=attrs["deltagaruppfoljning"],
        volyminsats=attrs["volyminsats"],
        startdatum=attrs["startdatum"],
        slutdatum=attrs["slutdatum"],
        ar=ar,
        values=values,
    )


def plan_rows(rows: Iterable[Rad]) -> tuple[list[Grupp], int]:
    """The insatser the rows describe, grouped by förbund and namn, and the number of rows; ImportFel with every
    error otherwise."""
    fel: list[RadFel] = []
    uppslag = Uppslag()
    inriktningar = {i.kod.lower(): i for i in Inriktning.objects.all()}
    malgrupper = {m.kod.lower(): m for m in Malgrupp.objects.all()}
    grupper: dict[tuple[int, str], Grupp] = {}
    antal = 0
    foregaende: tuple = ((), {}, [])  # the row before's description of its insats, as written and as read

    for rad in rows:
        antal += 1
        forbund = uppslag.forbund_i(rad, fel)
        namn = rad.text("namn")
        if not namn:
            fel.append(RadFel(rad.nummer, "namn", "", _("Värde saknas.")))
        elif not check_field(rad, "namn", namn, Insats._meta.get_field("namn"), fel):
            namn = ""
        key = (forbund.pk, namn.casefold()) if forbund is not None and namn else None
        grupp = grupper.get(key)
        raa = (key, *(rad.text(k) for k in INSATS_KOLUMNER))
        if grupp is not None and raa == foregaende[0]:
            attrs, koder = foregaende[1:]  # the row before's insats, described in the same words: its next year
        else:
            attrs, koder = _parse_insats_attrs(rad, fel, inriktningar, malgrupper)
            foregaende = (raa, attrs, koder)
        ar, values, has_ar = _parse_ar(rad, fel)
        if key is None:
            continue
        if grupp is None:
            uppgifter = tuple(attrs[k] for k in ATTRS)
            grupp = grupper[key] = Grupp(forbund, namn, rad.nummer, uppgifter, koder)
            for kolumn, meddelande in insats_errors(
                typ=attrs["typ"] or "",
                inriktning=attrs["inriktning"],
                malgrupp_koder=koder,
                startdatum=attrs["startdatum"],
                slutdatum=attrs["slutdatum"],
                tidigare_inriktning=attrs["tidigare_inriktning"],
                volyminsats=attrs["volyminsats"],
            ):
                if kolumn == "typ" and attrs["typ"] is None:
                    continue  # already reported
                fel.append(
                    RadFel(
                        rad.nummer, kolumn, _insats_field_value(attrs, koder, kolumn) or rad.text(kolumn), meddelande
                    )
                )
        elif tuple(attrs[k] for k in ATTRS) != grupp.uppgifter or koder != grupp.malgrupper:
            forsta = grupp.attrs  # another row of the same insats that describes it otherwise: say where
            for kolumn in INSATS_KOLUMNER:
                new = _insats_field_value(attrs, koder, kolumn)
                old = _insats_field_value(forsta, grupp.malgrupper, kolumn)
                if not new and rad.text(kolumn):
                    continue  # the value itself is wrong, and already reported
                if new != old:
                    fel.append(
                        RadFel(
                            rad.nummer,
                            kolumn,
                            rad.text(kolumn),
                            _("Skiljer sig från rad %(rad)s för samma insats (där: ”%(old)s”).")
                            % {"rad": grupp.forsta_rad, "old": old},
                        )
                    )
        if not has_ar or ar is None:
            continue
        if ar in grupp.ar:
            fel.append(
                RadFel(
                    rad.nummer,
                    "ar",
                    str(ar),
                    _("Året finns redan på rad %(rad)s för samma insats.") % {"rad": grupp.ar[ar][0]},
                )
            )
            continue
        if attrs["typ"] == Typ.INDIVIDINRIKTAD and not attrs["volyminsats"] and values["deltagare_totalt"] is not None:
            summa = (values["deltagare_kvinnor"] or 0) + (values["deltagare_man"] or 0)
            if values["deltagare_totalt"] == summa and (
                values["deltagare_kvinnor"] is not None or values["deltagare_man"] is not None
            ):
                values["deltagare_totalt"] = None  # a sum of kvinnor and män: consistent, not stored twice
        grupp.ar[ar] = (rad.nummer, *(values[f] for f in AR_FALT))
        # This row's attributes: the group's first row's, or a difference already reported above.
        if attrs["startdatum"] and attrs["typ"]:
            for kolumn, meddelande in ar_errors(attrs, ar, values):
                fel.append(RadFel(rad.nummer, kolumn, rad.text(kolumn), meddelande))
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: (f.rad, f.kolumn)))
    return list(grupper.values()), antal
