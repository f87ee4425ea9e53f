"""Import of outcome counts from CSV/XLSX: all rows or none (docs/utfall.md).

One row per cell: forbund (slug or name), namn (the insats), ar, kategori (paborjade|avslutade|utfall), kod (the
outcome, for utfall), kon (kvinnor|man), aldersgrupp (an age band for paborjade/avslutade, under_30|30_plus for
utfall), antal (empty: not registered). Cells in the file are set, others kept. Each insats-year's grid as it will
be is checked by the same rules as the form and the API before anything is saved.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.importing.celler import closest, parse_int
from core.importing.files import ImportFel, Rad, RadFel
from core.importing.lookups import Uppslag
from core.importing.run import Andringar, Kolumner, run_import
from core.models import Importtyp
from insatser.models import Insats
from insatser.rules import allowed_years
from rapportering.selectors import lasta_ar
from utfall import services
from utfall.koder import BAND_KODER, GRUPP_KODER, KON_KODER, NYCKLAR, UTFALL_KATEGORI, UTFALL_KODER, etikett
from utfall.models import Utfall, Utfallsantal
from utfall.rules import alla_fel
from utfall.selectors import kan_ha_utfall, varden_for

KOLUMNER = Kolumner(
    krav={"forbund", "namn", "ar", "kategori", "kon", "aldersgrupp", "antal"},
    val={"kod"},
    alias={"år": "ar", "förbund": "forbund", "insats": "namn", "kön": "kon", "ålder": "aldersgrupp"},
)


@dataclass
class ImportResultat:
    insats_ar: set = field(default_factory=set)
    celler: int = 0

    def __str__(self):
        return _("%(celler)s uppgifter för %(n)s insatser och år.") % {"celler": self.celler, "n": len(self.insats_ar)}


def _kod(rad: Rad, kolumn: str, giltiga, fel: list[RadFel], *, kravs: bool = True) -> str | None:
    value = rad.text(kolumn).lower()
    if not value and not kravs:
        return ""
    if value in giltiga:
        return value
    msg = _("Saknas.") if not value else _("Okänt värde; giltiga är %(giltiga)s.") % {"giltiga": ", ".join(giltiga)}
    fel.append(RadFel(rad.nummer, kolumn, rad.text(kolumn), msg + (closest(value, list(giltiga)) if value else "")))
    return None


def _cell(rad: Rad, fel: list[RadFel]) -> tuple | None:
    """The cell a row names, or None (with errors)."""
    kategori = _kod(rad, "kategori", ("paborjade", "avslutade", UTFALL_KATEGORI), fel)
    kon = _kod(rad, "kon", KON_KODER, fel)
    if kategori is None:
        return None
    if kategori == UTFALL_KATEGORI:
        kod = _kod(rad, "kod", UTFALL_KODER, fel)
        grupp = _kod(rad, "aldersgrupp", GRUPP_KODER, fel)
    else:
        kod = ""
        if rad.text("kod"):
            fel.append(RadFel(rad.nummer, "kod", rad.text("kod"), _("Lämna kod tom för påbörjade och avslutade.")))
            kod = None
        grupp = _kod(rad, "aldersgrupp", BAND_KODER, fel)
    if None in (kod, kon, grupp):
        return None
    return (kategori, kod, kon, grupp)


@dataclass
class Plan:
    resultat: ImportResultat
    planerat: dict[tuple[int, int], dict]  # (insats id, år) -> {cell: antal}
    insatser: dict[int, Insats]


def plan_rows(rows: list[Rad]) -> Plan:
    """Check every row, and each insats-year as it will be, by the rules of the form; ImportFel otherwise."""
    fel: list[RadFel] = []
    uppslag = Uppslag()
    forbund_ids = {f.pk for f in (uppslag.forbund(r.text("forbund")) for r in rows) if f}
    insatser = {
        (i.forbund_id, i.namn.casefold()): i
        for i in Insats.objects.filter(forbund_id__in=forbund_ids).select_related("forbund")
    }
    planerat: dict[tuple[int, int], dict] = {}  # (insats id, år) -> {cell: antal}
    forsta_rad: dict[tuple[int, int], Rad] = {}
    sett: dict[tuple, int] = {}
    by_id: dict[int, Insats] = {}
    for rad in rows:
        forbund = uppslag.forbund_i(rad, fel)
        insats = None
        if forbund is not None:
            insats = insatser.get((forbund.pk, rad.text("namn").casefold()))
            if insats is None:
                fel.append(
                    RadFel(
                        rad.nummer,
                        "namn",
                        rad.text("namn"),
                        _("%(f)s har ingen insats med det namnet.") % {"f": forbund.namn},
                    )
                )
            elif not kan_ha_utfall(insats):
                fel.append(
                    RadFel(
                        rad.nummer,
                        "namn",
                        rad.text("namn"),
                        _("Utfall registreras bara för individinriktade insatser."),
                    )
                )
                insats = None
        ar = parse_int(rad, "ar", required=True, fel=fel, field=Utfall._meta.get_field("ar"))
        if insats is not None and ar is not None and ar not in allowed_years(insats.startdatum, insats.slutdatum):
            years = allowed_years(insats.startdatum, insats.slutdatum)
            fel.append(
                RadFel(
                    rad.nummer,
                    "ar",
                    rad.text("ar"),
                    _("Insatsen pågår inte %(ar)s (den pågår %(fran)s–%(till)s).")
                    % {"ar": ar, "fran": years[0], "till": years[-1]},
                )
            )
            ar = None
        cell = _cell(rad, fel)
        antal = parse_int(rad, "antal", required=False, fel=fel, field=Utfallsantal._meta.get_field("antal"))
        if insats is None or ar is None or cell is None:
            continue
        nyckel = (insats.pk, ar, cell)
        if nyckel in sett:
            fel.append(
                RadFel(
                    rad.nummer,
                    "antal",
                    rad.text("antal"),
                    _("Samma uppgift finns redan på rad %(rad)s.") % {"rad": sett[nyckel]},
                )
            )
            continue
        sett[nyckel] = rad.nummer
        by_id[insats.pk] = insats
        planerat.setdefault((insats.pk, ar), {})[cell] = antal
        forsta_rad.setdefault((insats.pk, ar), rad)

    # Each insats-year as it will be (its registered cells with the file's on top) follows the rules.
    befintliga = varden_for(set(planerat))
    for (insats_id, ar), celler in planerat.items():
        varden = {n: None for n in NYCKLAR} | befintliga.get((insats_id, ar), {}) | celler
        rad = forsta_rad[(insats_id, ar)]
        for nyckel, text in alla_fel(varden):
            fel.append(
                RadFel(
                    rad.nummer,
                    "antal",
                    rad.text("antal"),
                    f"{by_id[insats_id].namn} {ar}, {etikett(nyckel)}: {text}" if nyckel else text,
                )
            )
    # A locked förbund-year is refused here, so the dry run says so too.
    par = {(by_id[i].forbund_id, ar) for i, ar in planerat}
    lasta = lasta_ar(par)
    for (insats_id, ar), rad in forsta_rad.items():
        las = lasta.get((by_id[insats_id].forbund_id, ar))
        if las is not None:
            fel.append(RadFel(rad.nummer, "ar", str(ar), las.meddelande))
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: (f.rad, f.kolumn)))

    resultat = ImportResultat(insats_ar=set(planerat), celler=sum(len(c) for c in planerat.values()))
    return Plan(resultat, planerat, by_id)


def _apply(plan: Plan, user) -> Andringar:
    """Save each insats-year through the outcome service (as the form: rules, version, history)."""
    planerat, by_id = plan.planerat, plan.insatser
    versioner = {
        (i, a): v
        for i, a, v in Utfall.objects.filter(insats_id__in={i for i, _a in planerat}).values_list(
            "insats_id", "ar", "version"
        )
    }
    for (insats_id, ar), celler in planerat.items():
        services.utfall_save(
            insats=by_id[insats_id], ar=ar, version=versioner.get((insats_id, ar), 0), varden=celler, replace=False
        )
    return Andringar(
        antal=plan.resultat.celler,
        sammanfattning={"insats_ar": sorted([by_id[i].forbund.slug, by_id[i].namn, ar] for i, ar in planerat)},
    )


def utfall_import(*, content: bytes, filnamn: str, user, dry_run: bool = False) -> ImportResultat:
    """Set the outcome counts in the file: all rows or none. Raises ImportFel naming row, column, value and reason."""
    return run_import(
        typ=Importtyp.UTFALL,
        kolumner=KOLUMNER,
        content=content,
        filnamn=filnamn,
        user=user,
        dry_run=dry_run,
        plan=plan_rows,
        apply=_apply,
    )
