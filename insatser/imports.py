"""Import of insatser and their yearly figures from CSV/XLSX: all rows or none.

One row per insats and year; rows with the same förbund and namn are one insats. An insats that already exists (same
förbund and namn) is updated and the years in the file are set; years not in the file are kept. Every lookup is
read once before the rows are checked, and the writes are bulk operations, so a national year (tens of thousands of
rows) takes seconds, not minutes. Every change is written to the history like a change in the browser.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.importing.bulk import insert_rows
from core.importing.files import ImportFel, Rad, RadFel
from core.importing.historik import ANDRAD, NY, history_insert
from core.importing.planner import analyze
from core.importing.run import Andringar, run_import
from core.models import Importtyp
from insatser.import_rader import ATTRS, KOLUMNER, Grupp, ar_errors, plan_rows
from insatser.models import Insats, InsatsAr
from insatser.rules import AR_FALT
from insatser.validering import medlemskap_for, utforare_fel
from rapportering.las import ar_andrade
from rapportering.selectors import lasta_ar

INSATS_ATTNAMES = [Insats._meta.get_field(f).attname for f in ATTRS]  # the plan's attributes, as columns
BATCH = 1000
DEL = 3000  # the file's insatser compared with the database at a time (whole förbund)


@dataclass
class Resultat:
    nya_insatser: int = 0
    andrade_insatser: int = 0
    oforandrade_insatser: int = 0
    nya_ar: int = 0
    andrade_ar: int = 0
    rader: int = 0
    forbund: set = field(default_factory=set)

    def __str__(self):
        return _(
            "%(rader)s rader: %(nya)s nya insatser, %(andrade)s ändrade, %(oforandrade)s oförändrade; "
            "%(nya_ar)s nya och %(andrade_ar)s ändrade årsuppgifter i %(forbund)s förbund."
        ) % {
            "rader": self.rader,
            "nya": self.nya_insatser,
            "andrade": self.andrade_insatser,
            "oforandrade": self.oforandrade_insatser,
            "nya_ar": self.nya_ar,
            "andrade_ar": self.andrade_ar,
            "forbund": len(self.forbund),
        }

    def som_json(self) -> dict:
        """The counts, for the import record."""
        return {
            "rader": self.rader,
            "nya_insatser": self.nya_insatser,
            "andrade_insatser": self.andrade_insatser,
            "oforandrade_insatser": self.oforandrade_insatser,
            "nya_ar": self.nya_ar,
            "andrade_ar": self.andrade_ar,
            "forbund": len(self.forbund),
        }


def _utforare_fel(andrade: list[tuple[Grupp, Insats]]) -> list[RadFel]:
    """The file does not name utförare, but new dates must still fit the memberships of the kommuner and regioner
    that run each changed insats: the same rule as the form (services.utforare_fel), in three queries in all."""
    ids = [i.pk for _g, i in andrade]
    kommuner: dict[int, list] = defaultdict(list)
    for insats_id, kod, namn in Insats.utforare_kommuner.through.objects.filter(insats_id__in=ids).values_list(
        "insats_id", "kommun_id", "kommun__namn"
    ):
        kommuner[insats_id].append((kod, namn))
    regioner: dict[int, list] = defaultdict(list)
    for insats_id, kod, namn in Insats.utforare_regioner.through.objects.filter(insats_id__in=ids).values_list(
        "insats_id", "lan_id", "lan__region_namn"
    ):
        regioner[insats_id].append((kod, namn))
    berorda = [(g, i) for g, i in andrade if kommuner[i.pk] or regioner[i.pk]]
    medlemskap = medlemskap_for({i.forbund_id for _g, i in berorda}) if berorda else {}
    fel = []
    for g, insats in berorda:
        for _falt, meddelande in utforare_fel(
            medlemskap[insats.forbund_id], insats.startdatum, insats.slutdatum, kommuner[insats.pk], regioner[insats.pk]
        ):
            fel.append(
                RadFel(
                    g.forsta_rad,
                    "startdatum",
                    insats.startdatum.isoformat(),
                    meddelande + " " + _("Ändra datumen eller utförarna i insatsen först."),
                )
            )
    return fel


@dataclass
class Plan:
    """What an insatser import will write, worked out before anything is saved (the preview shows resultat).

    Kept small, since a national year has tens of thousands of rows: new insatser and years are Grupp entries and
    tuples, made into model objects only when written, in batches; only changed rows are model objects.
    """

    resultat: Resultat
    grupper: list[Grupp]
    registrerade: dict[int, tuple[int, ...]]  # existing insats in the file: the years it has
    nya: list[Grupp]
    andrade: list[tuple[Grupp, Insats]]
    andrade_ar: list[InsatsAr]
    touched: set[int]
    skrivna: dict[tuple[int, int], int]


def _insats_attrs(g: Grupp) -> dict:
    """The insats's columns as the file gives them (foreign keys as ids)."""
    attrs = {**g.attrs, "inriktning_id": g.attrs["inriktning"].kod}
    tidigare = attrs.pop("tidigare_inriktning")
    attrs["tidigare_inriktning_id"] = tidigare and tidigare.kod
    del attrs["inriktning"]
    return attrs


def _figures(values: tuple) -> dict:
    """A year's figures by field, from a tuple in AR_FALT order (as the plan keeps them)."""
    return dict(zip(AR_FALT, values, strict=True))


def _delar(grupper: list[Grupp]) -> Iterator[tuple[set[int], list[Grupp]]]:
    """The file's insatser in parts of whole förbund, about DEL insatser each: the database's rows are read and
    compared a part at a time, so a national year's registered figures are never all in memory at once."""
    per_forbund: dict[int, list[Grupp]] = defaultdict(list)
    for g in grupper:
        per_forbund[g.forbund.pk].append(g)
    forbund_ids: set[int] = set()
    delen: list[Grupp] = []
    for forbund_id, egna in per_forbund.items():
        if delen and len(delen) + len(egna) > DEL:
            yield forbund_ids, delen
            forbund_ids, delen = set(), []
        forbund_ids.add(forbund_id)
        delen += egna
    if delen:
        yield forbund_ids, delen


def _registered(forbund_ids: set[int]) -> tuple[dict, dict, dict]:
    """The insatser of these förbund as tuples (locked until the import ends), their målgrupper and their years."""
    existing: dict[tuple[int, str], tuple] = {}  # (förbund, namn): (pk, version, *INSATS_ATTNAMES)
    for forbund_id, namn, *row in (
        Insats.objects.select_for_update()
        .filter(forbund_id__in=forbund_ids)
        .values_list("forbund_id", "namn", "pk", "version", *INSATS_ATTNAMES)
        .iterator(chunk_size=BATCH)
    ):
        existing[(forbund_id, namn.casefold())] = tuple(row)
    malgrupper_now: dict[int, list[str]] = defaultdict(list)
    through = Insats.malgrupper.through.objects.filter(insats__forbund_id__in=forbund_ids)
    for insats_id, kod in through.values_list("insats_id", "malgrupp_id").iterator(chunk_size=BATCH):
        malgrupper_now[insats_id].append(kod)
    ar_now: dict[int, dict[int, tuple]] = defaultdict(dict)  # insats: year: (pk, version, *AR_FALT)
    arsrader = InsatsAr.objects.filter(insats__forbund_id__in=forbund_ids).values_list(
        "insats_id", "ar", "pk", "version", *AR_FALT
    )
    for insats_id, ar, *row in arsrader.iterator(chunk_size=BATCH):
        ar_now[insats_id][ar] = tuple(row)
    return existing, malgrupper_now, ar_now


def plan_import(rows: Iterable[Rad]) -> Plan:
    """Check the rows against the rules and the database and work out every change; ImportFel otherwise."""
    grupper, antal = plan_rows(rows)
    resultat = Resultat(rader=antal, forbund={g.forbund.pk for g in grupper})
    fel: list[RadFel] = []
    nya: list[Grupp] = []
    andrade: list[tuple[Grupp, Insats]] = []
    nya_ar = 0
    andrade_ar: list[InsatsAr] = []
    touched: set[int] = set()
    skrivna: dict[tuple[int, int], int] = {}  # (förbund, year) written, and the number of the first row writing it
    registrerade: dict[int, tuple[int, ...]] = {}  # existing insats: the years it has
    for forbund_ids, delen in _delar(grupper):
        existing, malgrupper_now, ar_now = _registered(forbund_ids)
        for g in delen:
            now = existing.get((g.forbund.pk, g.namn.casefold()))
            if now is None:
                nya.append(g)
                continue
            g.insats_id, version = now[:2]
            registrerade[g.insats_id] = tuple(ar_now[g.insats_id])
            attrs = _insats_attrs(g)
            changed = tuple(attrs[k] for k in INSATS_ATTNAMES) != now[2:] or sorted(
                malgrupper_now[g.insats_id]
            ) != sorted(g.malgrupper)
            # Years already registered but not in the file must still fit the insats as the file describes it.
            for ar, row in ar_now[g.insats_id].items():
                if ar in g.ar:
                    continue
                for _kolumn, meddelande in ar_errors(attrs, ar, _figures(row[2:])):
                    fel.append(
                        RadFel(
                            g.forsta_rad,
                            "startdatum",
                            attrs["startdatum"].isoformat(),
                            _("Insatsen har redan uppgifter för %(ar)s som inte passar: %(fel)s")
                            % {"ar": ar, "fel": meddelande},
                        )
                    )
            if changed:
                andrade.append((g, Insats(pk=g.insats_id, forbund_id=g.forbund.pk, version=version, **attrs)))
            else:
                resultat.oforandrade_insatser += 1
        # Years: new rows and changed rows.
        for g in delen:
            for ar, (rad, *values) in g.ar.items():
                values = tuple(values)
                row = ar_now[g.insats_id].get(ar) if g.insats_id else None
                if row is None:
                    nya_ar += 1
                elif row[2:] != values:
                    pk, version = row[:2]
                    andrade_ar.append(
                        InsatsAr(pk=pk, insats_id=g.insats_id, ar=ar, version=version, **_figures(values))
                    )
                    touched.add(g.insats_id)
                else:
                    continue
                skrivna.setdefault((g.forbund.pk, ar), rad)
        del existing, malgrupper_now, ar_now
    fel += _utforare_fel(andrade)
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: f.rad))
    resultat.nya_insatser, resultat.andrade_insatser = len(nya), len(andrade)
    # A locked förbund-year (approved, or past the round's lock date) is refused before the preview too.
    lasta = lasta_ar(set(skrivna))
    if lasta:
        raise ImportFel(
            sorted(
                (RadFel(skrivna[nyckel], "ar", str(nyckel[1]), las.meddelande) for nyckel, las in lasta.items()),
                key=lambda f: f.rad,
            )
        )
    resultat.nya_ar, resultat.andrade_ar = nya_ar, len(andrade_ar)
    return Plan(resultat, grupper, registrerade, nya, andrade, andrade_ar, touched, skrivna)


def _nya_ar(plan: Plan) -> Iterator[tuple[Grupp, int, tuple]]:
    """The years the plan adds (insats, year, figures), worked out again as they are written rather than kept."""
    for g in plan.grupper:
        registrerade = plan.registrerade.get(g.insats_id, ())
        for ar, (_rad, *values) in g.ar.items():
            if ar not in registrerade:
                yield g, ar, tuple(values)


def _apply(plan: Plan, user) -> Andringar:
    """Write the plan in bulk, with its history rows; a changed year's version goes up, as a save in the form.

    New rows are written from plain values a batch at a time (core.importing.bulk), never as a national year of
    model objects.
    """
    nya, andrade, andrade_ar = plan.nya, plan.andrade, plan.andrade_ar
    registrerade, touched, resultat, skrivna = plan.registrerade, plan.touched, plan.resultat, plan.skrivna
    now = timezone.now()
    rader = (
        {"forbund_id": g.forbund.pk, "namn": g.namn, "skapad": now, "andrad": now, **_insats_attrs(g)} for g in nya
    )
    for g, pk in zip(nya, insert_rows(Insats, rader), strict=True):
        g.insats_id = pk
    new_ids = [g.insats_id for g in nya]
    # Changed insatser
    changed_objs = [i for _g, i in andrade]
    for obj in changed_objs:
        obj.version += 1
        obj.andrad = now
    Insats.objects.bulk_update(changed_objs, [*ATTRS, "version", "andrad"], batch_size=BATCH)
    changed_ids = [i.pk for i in changed_objs]
    through = Insats.malgrupper.through
    through.objects.filter(insats_id__in=changed_ids).delete()
    malgrupper = (
        {"insats_id": g.insats_id, "malgrupp_id": kod}
        for g in itertools.chain(nya, (g for g, _i in andrade))
        for kod in g.malgrupper
    )
    list(insert_rows(through, malgrupper))
    history_insert(Insats, new_ids, user=user, date=now, history_type=NY)
    history_insert(Insats, changed_ids, user=user, date=now, history_type=ANDRAD)

    # Years
    new_ar_ids: list[int] = []
    for batch in itertools.batched(_nya_ar(plan), BATCH):
        rader = ({"insats_id": g.insats_id, "ar": ar, **_figures(values)} for g, ar, values in batch)
        new_ar_ids += insert_rows(InsatsAr, rader)
        touched.update(g.insats_id for g, _ar, _values in batch)
    history_insert(InsatsAr, new_ar_ids, user=user, date=now, history_type=NY)
    for row in andrade_ar:
        row.version += 1  # a form left open on this year now sees a conflict instead of overwriting the import
    InsatsAr.objects.bulk_update(andrade_ar, [*AR_FALT, "version"], batch_size=BATCH)
    history_insert(InsatsAr, [a.pk for a in andrade_ar], user=user, date=now, history_type=ANDRAD)
    # A yearly figure changes the insats's version, as in the browser; new insatser start at version 1.
    existing_touched = touched - set(new_ids) - set(changed_ids)
    if existing_touched:
        Insats.objects.filter(pk__in=existing_touched).update(version=F("version") + 1, andrad=now)
    skrivna_rader = len(new_ids) + len(changed_ids) + len(new_ar_ids) + len(andrade_ar)
    tabeller = (Insats, through, InsatsAr)  # the history tables are only appended to and read by key
    analyze(tabeller, skrivna_rader)  # the next import's reads and the pages must not plan for empty tables
    # A submitted year changed by the file is shown to the reviewer as corrected (as from the form).
    ar_andrade(set(skrivna) | {(i.forbund_id, ar) for i in changed_objs for ar in registrerade[i.pk]}, user=user)
    return Andringar(
        antal=resultat.nya_insatser + resultat.andrade_insatser + resultat.nya_ar + resultat.andrade_ar,
        sammanfattning=resultat.som_json(),
    )


def insats_import(*, content: bytes, filnamn: str, user, dry_run: bool = False) -> Resultat:
    """Import insatser and yearly figures from a CSV/XLSX file. Raises ImportFel (nothing changed) on any error.

    The history and the import record name user (the person importing).
    """
    return run_import(
        typ=Importtyp.INSATSER,
        kolumner=KOLUMNER,
        content=content,
        filnamn=filnamn,
        user=user,
        dry_run=dry_run,
        plan=plan_import,
        stream_rows=True,
        apply=_apply,
    )
