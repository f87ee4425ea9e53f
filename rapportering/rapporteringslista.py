"""The reporting round's list for the reviewers: every förbund expected to report the year, with its submission, its
timeliness and the checks' findings, and the reporting rates (reads only; it combines the selectors and the checks,
which read through the selectors)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from forbund.models import Medlemskap
from forbund.selectors import forbund_under_aret
from rapportering.kontroller import Niva, kontrollera
from rapportering.models import Arsrapport, Forklaring, Status
from rapportering.selectors import omgang_for


@dataclass
class Rapporteringsrad:
    """One förbund's year in the review queue and the registration status."""

    forbund: object
    lan: list[tuple[str, str]]
    status: str
    status_text: str
    inskickad: datetime.datetime | None
    i_tid: bool | None  # None: not submitted
    korrigerad: bool
    fel: int
    varningar: int
    forklarade: int

    @property
    def oppna_varningar(self) -> int:
        return self.varningar - self.forklarade


def rapporteringslista(*, ar: int, idag: datetime.date | None = None) -> list[Rapporteringsrad]:
    """Every förbund that existed in the year with its submission, timeliness and the checks' findings."""
    start, slut = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
    forbund = list(forbund_under_aret(ar).order_by("namn"))
    lan: dict[int, set] = defaultdict(set)
    for fid, kod, namn in (
        Medlemskap.objects.active_during(start, slut)
        .filter(kommun__isnull=False)
        .values_list("forbund_id", "kommun__lan__kod", "kommun__lan__namn")
        .distinct()
    ):
        lan[fid].add((kod, namn))
    rapporter = {r.forbund_id: r for r in Arsrapport.objects.filter(ar=ar)}
    forklarade = defaultdict(set)
    for fid, kod, insats in (
        Forklaring.objects.filter(ar=ar).exclude(text="").values_list("forbund_id", "kod", "insats")
    ):
        forklarade[fid].add((kod, insats))
    fynd = defaultdict(list)
    for f in kontrollera(ar=ar, idag=idag):
        fynd[f.forbund].append(f)
    sista = omgang_for(ar).sista_dag
    rader = []
    for f in forbund:
        r = rapporter.get(f.pk)
        status = r.status if r else Status.EJ_INSKICKAD
        forst = r.forst_inskickad if r else None
        egna = fynd.get(f.slug, [])
        varningar = [x for x in egna if x.niva == Niva.VARNING]
        rader.append(
            Rapporteringsrad(
                forbund=f,
                lan=sorted(lan.get(f.pk, ())),
                status=status,
                status_text=Status(status).label,
                inskickad=r.inskickad if r else None,
                i_tid=None if forst is None else timezone.localdate(forst) <= sista,
                korrigerad=bool(r and r.korrigerad),
                fel=sum(1 for x in egna if x.niva == Niva.FEL),
                varningar=len(varningar),
                forklarade=sum(1 for x in varningar if (x.kod, x.insats or 0) in forklarade[f.pk]),
            )
        )
    return rader


def andelar(rader: list[Rapporteringsrad]) -> dict:
    """Reporting rate and on-time rate, nationally and per län (a förbund in two län counts in both)."""

    def rakna(urval):
        n = len(urval)
        inskickade = sum(1 for r in urval if r.i_tid is not None)
        i_tid = sum(1 for r in urval if r.i_tid)
        godkanda = sum(1 for r in urval if r.status == "godkand")
        return {"antal": n, "inskickade": inskickade, "i_tid": i_tid, "godkanda": godkanda}

    per_lan = defaultdict(list)
    for r in rader:
        for kod_namn in r.lan:
            per_lan[kod_namn].append(r)
    return {
        "riket": rakna(rader),
        "lan": [{"kod": kod, "namn": namn, **rakna(urval)} for (kod, namn), urval in sorted(per_lan.items())],
    }
