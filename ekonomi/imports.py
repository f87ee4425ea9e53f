"""Import of the förbund's economy from CSV/XLSX: all rows or none (docs/ekonomi.md).

One row per amount: forbund (slug or name), ar, post, belopp, and kommunkod/region for a member's contribution.
The rows are checked against the rules and the database columns before anything is saved, so the preview and the
import accept exactly the same files; the saves go through the same services as the pages (history included).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Importtyp
from core.period import Period
from core.services import importkorning_create
from ekonomi.models import Arsekonomi, Medlemsbidrag, Medlemstyp, Statsbidrag
from ekonomi.services import (
    arsekonomi_update,
    medlem_key,
    medlemsbidrag_set,
    registry_members,
    statsbidrag_set,
    validate_ar,
)
from finsam.importing import ImportFel, Rad, RadFel, check_field, closest, history_user, read_rows
from forbund.models import Forbund, Kommun, Lan
from rapportering.las import ar_kontrollera_oppet

IMPORT_KOLUMNER_KRAV = {"forbund", "ar", "post", "belopp"}
IMPORT_KOLUMNER_VAL = {"kommunkod", "region", "anteckning"}

# post -> field of Arsekonomi (negative allowed?)
POSTER_ARSEKONOMI = {
    "esf": ("esf_intakter", False),
    "ovrigt": ("ovriga_intakter", False),
    "administration_budget": ("administration_budget", False),
    "administration_utfall": ("administration_utfall", False),
    "eget_kapital_ingaende": ("eget_kapital_ingaende", True),
    "arets_resultat": ("faststallt_arets_resultat", True),
    "eget_kapital_utgaende": ("faststallt_eget_kapital_utgaende", True),
}
POSTER_MEDLEM = {"stat", "region", "kommun"}
POSTER = sorted(POSTER_MEDLEM | set(POSTER_ARSEKONOMI) | {"statsbidrag"})
# Spellings people use in their own spreadsheets.
KOLUMN_ALIAS = {"år": "ar", "förbund": "forbund", "belopp (kr)": "belopp", "kommun": "kommunkod", "lan": "region"}


@dataclass
class ImportResultat:
    """What an import changed: förbund-years touched and numbers of amounts set."""

    forbund_ar: set = field(default_factory=set)
    medlemsbidrag: int = 0
    ovrigt: int = 0
    statsbidrag: int = 0

    @property
    def antal_forbund_ar(self) -> int:
        return len(self.forbund_ar)

    def __str__(self):
        return _("%(mb)s medlemsbidrag och %(ovrigt)s andra belopp för %(n)s förbund och år, %(sb)s statsbidrag.") % {
            "mb": self.medlemsbidrag,
            "ovrigt": self.ovrigt,
            "n": self.antal_forbund_ar,
            "sb": self.statsbidrag,
        }


def _parse_belopp(rad: Rad, fel: list[RadFel], *, negativt: bool, falt) -> int | None:
    """Whole kronor, within what the model field (falt) can hold."""
    text = rad.text("belopp").replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    if not text:
        fel.append(RadFel(rad.nummer, "belopp", "", _("Belopp saknas.")))
        return None
    try:
        value = int(text)
    except ValueError:
        fel.append(RadFel(rad.nummer, "belopp", rad.text("belopp"), _("Skriv beloppet i hela kronor (ett heltal).")))
        return None
    if value < 0 and not negativt:
        fel.append(RadFel(rad.nummer, "belopp", rad.text("belopp"), _("Beloppet kan inte vara negativt.")))
        return None
    return value if check_field(rad, "belopp", value, falt, fel) else None


def _belopp_falt(post: str):
    """The model field a post's amount is stored in."""
    if post in POSTER_MEDLEM:
        return Medlemsbidrag._meta.get_field("belopp")
    if post == "statsbidrag":
        return Statsbidrag._meta.get_field("tilldelat")
    return Arsekonomi._meta.get_field(POSTER_ARSEKONOMI[post][0])


@transaction.atomic
def ekonomi_import(*, content: bytes, filnamn: str, user, dry_run: bool = False) -> ImportResultat:
    """Import medlemsbidrag, other income, administration and eget kapital per förbund and year: all rows or none.

    Raises ImportFel naming row, column, value and reason for every problem; changes nothing then. The history
    and the import record name user.
    """
    rows = read_rows(content, filnamn, IMPORT_KOLUMNER_KRAV, IMPORT_KOLUMNER_VAL, alias=KOLUMN_ALIAS)
    fel: list[RadFel] = []
    planned_sb: dict[int, tuple[int, Rad]] = {}
    alla_forbund = list(Forbund.objects.all())
    by_slug = {f.slug: f for f in alla_forbund}
    by_name = {f.namn.lower(): f for f in alla_forbund}
    kommuner = {k.kod: k for k in Kommun.objects.all()}
    kommun_by_name = {k.namn.lower(): k for k in kommuner.values()}
    lan = {x.kod: x for x in Lan.objects.all()}
    region_by_name = {x.region_namn.lower(): x for x in lan.values()} | {x.namn.lower(): x for x in lan.values()}

    planned_mb: dict[tuple[int, int], dict] = {}  # (forbund_id, ar) -> {medlem_key: belopp}
    planned_ae: dict[tuple[int, int], dict] = {}
    anteckning: dict[tuple[int, int], str] = {}
    seen: dict[tuple, int] = {}
    forsta_rad: dict[tuple[int, int], Rad] = {}  # the first row of each förbund-year, to name in its errors
    forbund_by_id: dict[int, Forbund] = {}
    for rad in rows:
        forbund_text, ar_text, post = rad.text("forbund"), rad.text("ar"), rad.text("post").lower()
        if post == "statsbidrag":
            _plan_statsbidrag(rad, fel, planned_sb)
            continue
        forbund = by_slug.get(forbund_text) or by_name.get(forbund_text.lower())
        if forbund is None:
            hint = closest(forbund_text, [f.namn for f in alla_forbund] + list(by_slug)) if forbund_text else ""
            msg = _("Okänt förbund.") if forbund_text else _("Förbund saknas.")
            fel.append(RadFel(rad.nummer, "forbund", forbund_text, msg + hint))
        ar = None
        try:
            ar = int(ar_text)
            validate_ar(ar)
        except (ValueError, ValidationError):
            fel.append(RadFel(rad.nummer, "ar", ar_text, _("Ogiltigt år: skriv fyra siffror, t.ex. 2024.")))
            ar = None
        if post not in POSTER:
            hint = closest(post, POSTER) if post else ""
            fel.append(
                RadFel(
                    rad.nummer,
                    "post",
                    rad.text("post"),
                    _("Okänd post; giltiga är %(poster)s.") % {"poster": ", ".join(POSTER)} + hint,
                )
            )
            continue
        negativt = post in POSTER_ARSEKONOMI and POSTER_ARSEKONOMI[post][1]
        belopp = _parse_belopp(rad, fel, negativt=negativt, falt=_belopp_falt(post))
        if forbund and ar is not None:
            if not _existed_during(forbund, ar):
                fel.append(
                    RadFel(
                        rad.nummer, "ar", ar_text, _("%(f)s fanns inte under %(ar)s.") % {"f": forbund.namn, "ar": ar}
                    )
                )
                continue

        key = None
        if post in POSTER_MEDLEM:
            kod_text, region_text = rad.text("kommunkod"), rad.text("region")
            if post == "stat":
                key = medlem_key(Medlemstyp.STAT)
            elif post == "kommun":
                kod = kod_text.zfill(4) if kod_text.isdigit() else kod_text
                kommun = kommuner.get(kod) or kommun_by_name.get(kod_text.lower())
                if kommun is None:
                    msg = _("Okänd kommun: skriv SCB:s fyrsiffriga kommunkod.") if kod_text else _("Kommunkod saknas.")
                    fel.append(RadFel(rad.nummer, "kommunkod", kod_text, msg))
                else:
                    key = medlem_key(Medlemstyp.KOMMUN, kommun.kod)
            else:
                region = (
                    lan.get(region_text.zfill(2)) if region_text.isdigit() else region_by_name.get(region_text.lower())
                )
                if region is None:
                    hint = closest(region_text, [x.region_namn for x in lan.values()]) if region_text else ""
                    msg = (
                        _("Okänd region: skriv länskoden eller regionens namn.") if region_text else _("Region saknas.")
                    )
                    fel.append(RadFel(rad.nummer, "region", region_text, msg + hint))
                else:
                    key = medlem_key(Medlemstyp.REGION, region.kod)
        if forbund is None or ar is None or belopp is None or (post in POSTER_MEDLEM and key is None):
            continue
        forbund_by_id[forbund.pk] = forbund
        dubblett = (forbund.pk, ar, post, key)
        if dubblett in seen:
            fel.append(
                RadFel(
                    rad.nummer, "post", post, _("Samma belopp finns redan på rad %(rad)s.") % {"rad": seen[dubblett]}
                )
            )
            continue
        seen[dubblett] = rad.nummer
        forsta_rad.setdefault((forbund.pk, ar), rad)
        if key is not None:
            planned_mb.setdefault((forbund.pk, ar), {})[key] = (belopp, rad)
        else:
            planned_ae.setdefault((forbund.pk, ar), {})[POSTER_ARSEKONOMI[post][0]] = belopp
            if post == "ovrigt":
                text = rad.text("anteckning")
                check_field(rad, "anteckning", text, Arsekonomi._meta.get_field("ovriga_intakter_anteckning"), fel)
                if belopp and not text:
                    fel.append(
                        RadFel(
                            rad.nummer, "anteckning", "", _("Skriv vad de övriga intäkterna är i kolumnen anteckning.")
                        )
                    )
                anteckning[(forbund.pk, ar)] = text

    # Members must be members of the förbund during the year, by the registry (one query per förbund-year).
    for (fid, ar), belopp_per_medlem in planned_mb.items():
        medlemmar = registry_members(forbund_by_id[fid], ar)
        for key, (_belopp, rad) in belopp_per_medlem.items():
            if key not in medlemmar:
                kolumn = "kommunkod" if key[0] == Medlemstyp.KOMMUN else "region"
                fel.append(
                    RadFel(
                        rad.nummer,
                        kolumn,
                        rad.text(kolumn),
                        _("Inte medlem i %(f)s under %(ar)s enligt registret.")
                        % {"f": forbund_by_id[fid].namn, "ar": ar},
                    )
                )
    # A locked förbund-year (approved, or past the round's lock date) is refused here, so the preview says so too.
    for (fid, ar), rad in forsta_rad.items():
        try:
            ar_kontrollera_oppet(forbund_id=fid, ar=ar)
        except ValidationError as exc:
            fel.append(RadFel(rad.nummer, "ar", str(ar), " ".join(exc.messages)))
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: (f.rad, f.kolumn)))

    resultat = ImportResultat(statsbidrag=len(planned_sb))
    if dry_run:
        resultat.forbund_ar = set(planned_mb) | set(planned_ae)
        resultat.medlemsbidrag = sum(len(v) for v in planned_mb.values())
        resultat.ovrigt = sum(len(v) for v in planned_ae.values())
        return resultat
    with history_user(user):
        for ar, (belopp, _rad) in planned_sb.items():
            statsbidrag_set(ar=ar, tilldelat=belopp)
        for (fid, ar), belopp_per_medlem in planned_mb.items():
            medlemsbidrag_set(
                forbund=forbund_by_id[fid], ar=ar, belopp={k: b for k, (b, _rad) in belopp_per_medlem.items()}
            )
            resultat.medlemsbidrag += len(belopp_per_medlem)
            resultat.forbund_ar.add((fid, ar))
        for (fid, ar), values in planned_ae.items():
            if (fid, ar) in anteckning:
                values["ovriga_intakter_anteckning"] = anteckning[(fid, ar)]
            arsekonomi_update(forbund=forbund_by_id[fid], ar=ar, **values)
            resultat.ovrigt += len(values)
            resultat.forbund_ar.add((fid, ar))
    importkorning_create(
        typ=Importtyp.EKONOMI,
        user=user,
        filnamn=filnamn,
        content=content,
        antal=resultat.medlemsbidrag + resultat.ovrigt + resultat.statsbidrag,
        andringar={
            "medlemsbidrag": resultat.medlemsbidrag,
            "ovrigt": resultat.ovrigt,
            "statsbidrag": sorted(planned_sb),
            "forbund_ar": sorted([forbund_by_id[fid].slug, ar] for fid, ar in resultat.forbund_ar),
        },
    )
    return resultat


def _existed_during(forbund: Forbund, ar: int) -> bool:
    return forbund.verksam.overlaps(Period.year(ar))


def _plan_statsbidrag(rad: Rad, fel: list[RadFel], planned: dict) -> None:
    """A row with post "statsbidrag": the state's allocation to all förbund for the year; förbund left empty."""
    if rad.text("forbund"):
        fel.append(RadFel(rad.nummer, "forbund", rad.text("forbund"), _("Lämna förbund tomt för statsbidrag.")))
    try:
        ar = int(rad.text("ar"))
        validate_ar(ar)
    except (ValueError, ValidationError):
        fel.append(RadFel(rad.nummer, "ar", rad.text("ar"), _("Ogiltigt år: skriv fyra siffror, t.ex. 2024.")))
        return
    belopp = _parse_belopp(rad, fel, negativt=False, falt=_belopp_falt("statsbidrag"))
    if belopp is None:
        return
    if ar in planned:
        fel.append(
            RadFel(
                rad.nummer,
                "ar",
                str(ar),
                _("Samma belopp finns redan på rad %(rad)s.") % {"rad": planned[ar][1].nummer},
            )
        )
        return
    planned[ar] = (belopp, rad)
