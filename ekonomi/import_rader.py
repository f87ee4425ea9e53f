"""Reading the rows of an economy import into a plan: every error of the file found, every change worked out.

The plan reads what it needs once (förbund, kommuner, regioner, the registry, the locks, the rows the file changes),
so its number of queries does not grow with the number of rows; ekonomi.imports writes it in bulk.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.importing.celler import check_field, closest
from core.importing.files import ImportFel, Rad, RadFel
from core.importing.lookups import Uppslag
from core.importing.run import Kolumner
from core.period import Period
from ekonomi.models import Arsekonomi, Medlemsbidrag, Medlemstyp, Statsbidrag
from ekonomi.services import arsekonomi_set, medlem_key, registry_members_for, validate_ar
from rapportering.selectors import lasta_ar

KOLUMNER = Kolumner(
    krav={"forbund", "ar", "post", "belopp"},
    val={"kommunkod", "region", "anteckning"},
    # Spellings people use in their own spreadsheets.
    alias={"år": "ar", "förbund": "forbund", "belopp (kr)": "belopp", "kommun": "kommunkod", "lan": "region"},
)

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


@dataclass
class ImportResultat:
    """What an import sets: förbund-years touched and numbers of amounts."""

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


@dataclass
class Plan:
    """The rows to write: new and changed objects, and the förbund-years whose version goes up."""

    resultat: ImportResultat
    forbund_slug: dict[int, str]
    statsbidrag_ar: list[int] = field(default_factory=list)
    nya: dict[type, list] = field(default_factory=dict)  # model -> objects to create
    andrade: dict[type, list] = field(default_factory=dict)  # model -> objects changed in memory
    bara_version: list = field(default_factory=list)  # Arsekonomi rows whose figures stay, version goes up
    andrade_ar: set = field(default_factory=set)  # (förbund id, year) changed


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


def _parse_ar(rad: Rad, fel: list[RadFel]) -> int | None:
    try:
        ar = int(rad.text("ar"))
        validate_ar(ar)
    except (ValueError, ValidationError):
        fel.append(RadFel(rad.nummer, "ar", rad.text("ar"), _("Ogiltigt år: skriv fyra siffror, t.ex. 2024.")))
        return None
    return ar


class _Rader:
    """The rows read one by one into amounts per förbund-year; errors collected in fel."""

    def __init__(self):
        self.fel: list[RadFel] = []
        self.uppslag = Uppslag()
        self.sb: dict[int, tuple[int, Rad]] = {}
        self.mb: dict[tuple[int, int], dict] = {}  # (förbund id, år) -> {medlem_key: (belopp, rad)}
        self.ae: dict[tuple[int, int], dict] = {}  # (förbund id, år) -> {field: belopp}
        self.anteckning: dict[tuple[int, int], str] = {}
        self.sett: dict[tuple, int] = {}
        self.forsta_rad: dict[tuple[int, int], Rad] = {}
        self.forbund: dict[int, object] = {}

    def read(self, rad: Rad) -> None:
        fel, post = self.fel, rad.text("post").lower()
        if post == "statsbidrag":
            self._statsbidrag(rad)
            return
        forbund = self.uppslag.forbund_i(rad, fel)
        ar = _parse_ar(rad, fel)
        if post not in POSTER:
            hint = closest(post, POSTER) if post else ""
            meddelande = _("Okänd post; giltiga är %(poster)s.") % {"poster": ", ".join(POSTER)} + hint
            fel.append(RadFel(rad.nummer, "post", rad.text("post"), meddelande))
            return
        negativt = post in POSTER_ARSEKONOMI and POSTER_ARSEKONOMI[post][1]
        belopp = _parse_belopp(rad, fel, negativt=negativt, falt=_belopp_falt(post))
        if forbund and ar is not None and not forbund.verksam.overlaps(Period.year(ar)):
            meddelande = _("%(f)s fanns inte under %(ar)s.") % {"f": forbund.namn, "ar": ar}
            fel.append(RadFel(rad.nummer, "ar", rad.text("ar"), meddelande))
            return
        key = None
        if post == "stat":
            key = medlem_key(Medlemstyp.STAT)
        elif post == "kommun":
            kommun = self.uppslag.kommun_i(rad, fel)
            key = medlem_key(Medlemstyp.KOMMUN, kommun.kod) if kommun else None
        elif post == "region":
            region = self.uppslag.region_i(rad, fel)
            key = medlem_key(Medlemstyp.REGION, region.kod) if region else None
        if forbund is None or ar is None or belopp is None or (post in POSTER_MEDLEM and key is None):
            return
        self.forbund[forbund.pk] = forbund
        dubblett = (forbund.pk, ar, post, key)
        if dubblett in self.sett:
            meddelande = _("Samma belopp finns redan på rad %(rad)s.") % {"rad": self.sett[dubblett]}
            fel.append(RadFel(rad.nummer, "post", post, meddelande))
            return
        self.sett[dubblett] = rad.nummer
        self.forsta_rad.setdefault((forbund.pk, ar), rad)
        if key is not None:
            self.mb.setdefault((forbund.pk, ar), {})[key] = (belopp, rad)
            return
        self.ae.setdefault((forbund.pk, ar), {})[POSTER_ARSEKONOMI[post][0]] = belopp
        if post == "ovrigt":
            text = rad.text("anteckning")
            check_field(rad, "anteckning", text, Arsekonomi._meta.get_field("ovriga_intakter_anteckning"), fel)
            if belopp and not text:
                meddelande = _("Skriv vad de övriga intäkterna är i kolumnen anteckning.")
                fel.append(RadFel(rad.nummer, "anteckning", "", meddelande))
            self.anteckning[(forbund.pk, ar)] = text

    def _statsbidrag(self, rad: Rad) -> None:
        """The state's allocation to all förbund for the year; förbund left empty."""
        if rad.text("forbund"):
            self.fel.append(
                RadFel(rad.nummer, "forbund", rad.text("forbund"), _("Lämna förbund tomt för statsbidrag."))
            )
        ar = _parse_ar(rad, self.fel)
        belopp = _parse_belopp(rad, self.fel, negativt=False, falt=_belopp_falt("statsbidrag")) if ar else None
        if ar is None or belopp is None:
            return
        if ar in self.sb:
            meddelande = _("Samma belopp finns redan på rad %(rad)s.") % {"rad": self.sb[ar][1].nummer}
            self.fel.append(RadFel(rad.nummer, "ar", str(ar), meddelande))
            return
        self.sb[ar] = (belopp, rad)

    def check_registry_and_locks(self) -> None:
        """Members must be members of the förbund during the year (by the registry), and no year may be locked."""
        medlemmar = registry_members_for(set(self.mb))
        for (fid, ar), belopp_per_medlem in self.mb.items():
            for key, (_belopp, rad) in belopp_per_medlem.items():
                if key not in medlemmar[(fid, ar)]:
                    kolumn = "kommunkod" if key[0] == Medlemstyp.KOMMUN else "region"
                    meddelande = _("Inte medlem i %(f)s under %(ar)s enligt registret.") % {
                        "f": self.forbund[fid].namn,
                        "ar": ar,
                    }
                    self.fel.append(RadFel(rad.nummer, kolumn, rad.text(kolumn), meddelande))
        # A locked förbund-year (approved, or past the round's lock date) is refused here, so the preview says so too.
        for (fid, ar), las in lasta_ar(set(self.forsta_rad)).items():
            self.fel.append(RadFel(self.forsta_rad[(fid, ar)].nummer, "ar", str(ar), las.meddelande))


def plan_rows(rows: list[Rad]) -> Plan:
    """Check every row and work out every change; ImportFel (with every error) when anything is wrong."""
    rader = _Rader()
    for rad in rows:
        rader.read(rad)
    rader.check_registry_and_locks()
    if rader.fel:
        raise ImportFel(sorted(rader.fel, key=lambda f: (f.rad, f.kolumn)))
    resultat = ImportResultat(
        forbund_ar=set(rader.mb) | set(rader.ae),
        medlemsbidrag=sum(len(v) for v in rader.mb.values()),
        ovrigt=sum(len(v) for v in rader.ae.values()),
        statsbidrag=len(rader.sb),
    )
    plan = Plan(
        resultat,
        forbund_slug={pk: f.slug for pk, f in rader.forbund.items()},
        statsbidrag_ar=sorted(rader.sb),
        nya={Statsbidrag: [], Medlemsbidrag: [], Arsekonomi: []},
        andrade={Statsbidrag: [], Medlemsbidrag: [], Arsekonomi: []},
    )
    _plan_statsbidrag(plan, rader)
    _plan_medlemsbidrag(plan, rader)
    _plan_arsekonomi(plan, rader)
    return plan


def _plan_statsbidrag(plan: Plan, rader: _Rader) -> None:
    befintliga = {s.ar: s for s in Statsbidrag.objects.select_for_update().filter(ar__in=list(rader.sb))}
    for ar, (belopp, _rad) in rader.sb.items():
        rad = befintliga.get(ar)
        if rad is None:
            plan.nya[Statsbidrag].append(Statsbidrag(ar=ar, tilldelat=belopp))
        elif rad.tilldelat != belopp:
            rad.tilldelat = belopp
            plan.andrade[Statsbidrag].append(rad)


def _plan_medlemsbidrag(plan: Plan, rader: _Rader) -> None:
    if not rader.mb:
        return
    befintliga = {
        (m.forbund_id, m.ar, medlem_key(m.medlemstyp, m.region_id or m.kommun_id)): m
        for m in Medlemsbidrag.objects.select_for_update()
        .filter(forbund_id__in={f for f, _a in rader.mb}, ar__in={a for _f, a in rader.mb})
        .order_by("pk")
    }
    for (fid, ar), belopp_per_medlem in rader.mb.items():
        for key, (belopp, _rad) in belopp_per_medlem.items():
            rad = befintliga.get((fid, ar, key))
            if rad is None:
                plan.nya[Medlemsbidrag].append(Medlemsbidrag.for_medlem(forbund_id=fid, ar=ar, key=key, belopp=belopp))
            elif rad.belopp != belopp:
                rad.belopp = belopp
                plan.andrade[Medlemsbidrag].append(rad)
            else:
                continue
            plan.andrade_ar.add((fid, ar))


def _plan_arsekonomi(plan: Plan, rader: _Rader) -> None:
    """Every year with figures has its row (so eget kapital rolls forward through it); a changed year's version
    goes up, as a save from the form does (a new row counts as a change)."""
    par = set(rader.mb) | set(rader.ae)
    if not par:
        return
    befintliga = {
        (a.forbund_id, a.ar): a
        for a in Arsekonomi.objects.select_for_update().filter(
            forbund_id__in={f for f, _a in par}, ar__in={a for _f, a in par}
        )
    }
    for fid, ar in sorted(par):
        values = dict(rader.ae.get((fid, ar), {}))
        if (fid, ar) in rader.anteckning:
            values["ovriga_intakter_anteckning"] = rader.anteckning[(fid, ar)]
        rad = befintliga.get((fid, ar))
        ny = rad is None
        if ny:
            rad = Arsekonomi(forbund_id=fid, ar=ar)
        andrad = arsekonomi_set(rad, values)
        if ny or andrad:
            try:
                rad.clean()
            except ValidationError as exc:
                forsta = rader.forsta_rad[(fid, ar)]
                raise ImportFel([RadFel(forsta.nummer, "ar", str(ar), " ".join(exc.messages))]) from None
        if ny:
            rad.version = 2  # created (1) and changed (+1), as the form's first save
            plan.nya[Arsekonomi].append(rad)
            plan.andrade_ar.add((fid, ar))
        elif andrad or (fid, ar) in plan.andrade_ar:
            rad.version += 1
            (plan.andrade[Arsekonomi] if andrad else plan.bara_version).append(rad)
            plan.andrade_ar.add((fid, ar))
