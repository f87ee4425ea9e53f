"""Import of the förbund's economy from CSV/XLSX: all rows or none (docs/ekonomi.md).

One row per amount: forbund (kortnamn or name), ar, post, belopp, and kommunkod/region for a member's contribution.
The rows are checked and every change worked out before anything is saved (ekonomi.import_rader), so the preview
and the import accept exactly the same files; the writes are bulk operations with their history rows (who, when,
before/after), so the number of queries does not grow with the number of rows.
"""

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.importing.run import Andringar, run_import
from core.models import Importtyp
from ekonomi.import_rader import KOLUMNER, ImportResultat, Plan, plan_rows
from ekonomi.models import ARSEKONOMI_FALT, Arsekonomi, Medlemsbidrag, Statsbidrag
from rapportering.las import ar_andrade

__all__ = ["ImportResultat", "ekonomi_import"]
BATCH = 1000
ANDRADE_FALT = {Statsbidrag: ["tilldelat"], Medlemsbidrag: ["belopp"], Arsekonomi: [*ARSEKONOMI_FALT, "version"]}


def _apply(plan: Plan, user) -> Andringar:
    now = timezone.now()
    for model in (Statsbidrag, Medlemsbidrag, Arsekonomi):
        if plan.nya[model]:
            bulk_create_with_history(plan.nya[model], model, batch_size=BATCH, default_user=user, default_date=now)
        if plan.andrade[model]:
            bulk_update_with_history(
                plan.andrade[model], model, ANDRADE_FALT[model], batch_size=BATCH, default_user=user, default_date=now
            )
    if plan.bara_version:
        # Only the members' contributions changed: the year's version goes up (it is not part of the history).
        Arsekonomi.objects.bulk_update(plan.bara_version, ["version"], batch_size=BATCH)
    ar_andrade(plan.andrade_ar, user=user)
    resultat = plan.resultat
    return Andringar(
        antal=resultat.medlemsbidrag + resultat.ovrigt + resultat.statsbidrag,
        sammanfattning={
            "medlemsbidrag": resultat.medlemsbidrag,
            "ovrigt": resultat.ovrigt,
            "statsbidrag": plan.statsbidrag_ar,
            "forbund_ar": sorted([plan.forbund_slug[fid], ar] for fid, ar in resultat.forbund_ar),
        },
    )


def ekonomi_import(*, content: bytes, filnamn: str, user, dry_run: bool = False) -> ImportResultat:
    """Import medlemsbidrag, other income, administration, eget kapital and statsbidrag: all rows or none.

    Raises ImportFel naming row, column, value and reason for every problem; changes nothing then. The history
    and the import record name user.
    """
    return run_import(
        typ=Importtyp.EKONOMI,
        kolumner=KOLUMNER,
        content=content,
        filnamn=filnamn,
        user=user,
        dry_run=dry_run,
        plan=plan_rows,
        apply=_apply,
    )
