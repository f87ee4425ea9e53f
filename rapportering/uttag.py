"""Frozen extracts (uttag): the year's statistics taken once and never changed, and their comparison with live figures.

An extract holds the statistics JSON (the API's and export_statistik's shape), every förbund's key figures, the
dashboard's tables as data (core.tabell.som_data) as they were when it was taken, so its page shows them exactly as
they were, drawn by the same templates as the dashboard, and what a release is made from
(publicering.selectors.Siffror: kön per förbund, inriktningar, outcome counts), so a release from the extract has the
same tables as one from the live figures had then.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.granser import FORSTA_FORBUNDSAR, ar_kontrollera, innevarande_ar
from core.tabell import Tabell, fran_data, som_data
from forbund.selectors import forbund_under_aret
from publicering.selectors import siffror_live
from rapportering.models import Arsrapport, Status, Uttag
from statistik.arsstatistik import ar_statistik
from statistik.charts import Diagram
from statistik.oversikt import forbund_oversikt
from statistik.tabeller import rapport
from statistik.urval import Urval

FORBUND_FALT = (
    "insatser",
    "individinriktade",
    "strukturovergripande",
    "deltagare_individinriktade",
    "deltagare_strukturovergripande",
    "budget",
    "utfall",
)


def forbund_siffror(ar: int) -> dict[str, dict]:
    """Every förbund's key figures for the year, by slug (what the comparison reports per förbund)."""
    return {r["slug"]: {"namn": r["namn"], **{f: r[f] for f in FORBUND_FALT}} for r in forbund_oversikt(Urval(ar=ar))}


def godkanda_och_alla(ar: int) -> tuple[list[str], bool]:
    """The förbund (slugs) whose year is approved, and whether every förbund that existed in the year is."""
    alla = set(forbund_under_aret(ar).values_list("slug", flat=True))
    godkanda = set(Arsrapport.objects.filter(ar=ar, status=Status.GODKAND).values_list("forbund__slug", flat=True))
    return sorted(godkanda & alla), bool(alla) and alla <= godkanda


@transaction.atomic
def uttag_ta(*, ar: int, user) -> Uttag:
    """Take the year's extract now: statistics, förbund figures, the dashboard's tables, approvals; print nothing."""
    ar_kontrollera(ar, FORSTA_FORBUNDSAR, innevarande_ar())
    urval = Urval(ar=ar)
    r = rapport(urval)
    godkanda, alla = godkanda_och_alla(ar)
    return Uttag.objects.create(
        ar=ar,
        tagen_av=user,
        statistik={
            "statistik": ar_statistik(urval),
            "forbund": forbund_siffror(ar),
            "tabeller": [som_data(t) for t in r.tabeller],
            "publicering": siffror_live(ar).as_json(),
        },
        godkanda=godkanda,
        alla_godkanda=alla,
    )


def uttag_tabeller(uttag: Uttag) -> list[Tabell]:
    """The extract's tables as they were taken."""
    return [fran_data(t, Diagram) for t in uttag.statistik.get("tabeller", [])]


def uttag_for(ar: int, val: str) -> Uttag | None:
    """The extract a user asked for: an id or "senaste" (the newest of the year). None if there is none."""
    qs = Uttag.objects.filter(ar=ar)
    if val == "senaste":
        return qs.first()
    # isascii: "²".isdigit() is true but int() refuses it.
    return qs.filter(pk=int(val)).first() if val.isascii() and val.isdigit() and len(val) < 12 else None


def _platta(data, prefix="") -> dict[str, object]:
    if isinstance(data, dict):
        ut = {}
        for k, v in data.items():
            ut.update(_platta(v, f"{prefix}.{k}" if prefix else str(k)))
        return ut
    if isinstance(data, list):
        ut = {}
        for i, v in enumerate(data):
            nyckel = v.get("kod") if isinstance(v, dict) and "kod" in v else i
            ut.update(_platta(v, f"{prefix}[{nyckel}]"))
        return ut
    return {prefix: data}


def jamfor(uttag: Uttag) -> dict:
    """Which figures changed since the extract was taken: the statistics (by path) and each förbund's figures."""
    fore = _platta(uttag.statistik["statistik"])
    nu = _platta(ar_statistik(Urval(ar=uttag.ar)))
    statistik = [
        {"figur": k, "uttag": fore.get(k), "nu": nu.get(k)}
        for k in sorted(set(fore) | set(nu))
        if fore.get(k) != nu.get(k) and not k.startswith("varningar")
    ]
    fore_f, nu_f = uttag.statistik["forbund"], forbund_siffror(uttag.ar)
    forbund = []
    for slug in sorted(set(fore_f) | set(nu_f)):
        a, b = fore_f.get(slug, {}), nu_f.get(slug, {})
        andrade = [{"figur": f, "uttag": a.get(f), "nu": b.get(f)} for f in FORBUND_FALT if a.get(f) != b.get(f)]
        if andrade:
            forbund.append({"slug": slug, "namn": (b or a).get("namn", slug), "andringar": andrade})
    return {"statistik": statistik, "forbund": forbund}


def visat_uttag(urval: Urval, val: str) -> Uttag | None:
    """Which figures the dashboard, its workbook and export_statistik show for a selection: the frozen extract asked
    for (an id or "senaste"; extracts are of the whole country), or None for live figures when none is asked for.
    The one decision behind the page's "Om uttaget" and the workbook's sheet (statistik.forbundtabeller.om_siffrorna).
    ValidationError, with the reason, for an extract that does not exist or is asked for a län or förbund."""
    if not val:
        return None
    if not urval.nationellt:
        raise ValidationError(_("Ett uttag gäller hela landet: välj inte län eller förbund."))
    uttag = uttag_for(urval.ar, val)
    if uttag is None:
        raise ValidationError(_("Det finns inget uttag ”%(val)s” av %(ar)s.") % {"val": val, "ar": urval.ar})
    return uttag
