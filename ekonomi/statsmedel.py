"""The state's funds as the report's §5.1 states them: the allocation, of which a national share (at most 3 mkr)
with what it was used for, Försäkringskassan's payments to each förbund, förbrukat (paid out + national share used)
and oförbrukat (the allocation − förbrukat). Registered by FK's administratör; read by the national pages and the
report draft. Not registered is not zero: a sum that lacks a part is None ("–")."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core import dataversion
from core.tal import kr
from ekonomi.models import Statsbidrag, Utbetalning
from forbund.selectors import forbund_under_aret

NATIONELL_ANDEL_MAX = 3_000_000  # regleringsbrevet: at most 3 mkr of the allocation for national support


def statsmedel(ar: int) -> dict:
    """§5.1 for a year (3 queries)."""
    sb = Statsbidrag.objects.filter(ar=ar).first()
    antal = forbund_under_aret(ar).count()
    u = Utbetalning.objects.filter(ar=ar).aggregate(summa=Sum("belopp"), antal=Count("pk"))
    tilldelat = sb.tilldelat if sb else None
    nationell_forbrukad = sb.nationell_forbrukad if sb else None
    utbetalt = u["summa"]
    forbrukat = utbetalt + nationell_forbrukad if utbetalt is not None and nationell_forbrukad is not None else None
    return {
        "ar": ar,
        "tilldelat": tilldelat,
        "nationell_andel": sb.nationell_andel if sb else None,
        "nationell_forbrukad": nationell_forbrukad,
        "nationell_anvandning": sb.nationell_anvandning if sb else "",
        "utbetalt": utbetalt,
        "forbund_med_utbetalning": u["antal"],
        "antal_forbund": antal,
        "forbrukat": forbrukat,
        "oforbrukat": tilldelat - forbrukat if tilldelat is not None and forbrukat is not None else None,
    }


def utbetalningar_for(ar: int) -> dict[int, int]:
    return dict(Utbetalning.objects.filter(ar=ar).values_list("forbund_id", "belopp"))


@transaction.atomic
def statsmedel_set(
    *,
    ar: int,
    nationell_andel: int | None,
    nationell_forbrukad: int | None,
    nationell_anvandning: str,
    utbetalningar: dict[int, int | None],
    user=None,
) -> None:
    """Register the national share and FK's payments per förbund (förbund id -> kronor; None removes a payment).
    Checked whole before anything is written; history for every row (bulk, a fixed number of queries)."""
    sb = Statsbidrag.objects.select_for_update().filter(ar=ar).first()
    fel: dict[str, list[str]] = {}
    if sb is None:
        raise ValidationError(_("Registrera först de tilldelade medlen för %(ar)s.") % {"ar": ar})
    if nationell_andel is not None and nationell_andel > NATIONELL_ANDEL_MAX:
        fel["nationell_andel"] = [_("Högst 3 000 000 kr av medlen får användas till nationellt stöd.")]
    if nationell_forbrukad is not None and (nationell_andel is None or nationell_forbrukad > nationell_andel):
        fel["nationell_forbrukad"] = [_("Kan inte vara mer än den nationella andelen.")]
    if any(b is not None and b < 0 for b in utbetalningar.values()):
        fel["__all__"] = [_("Ett belopp kan inte vara negativt.")]
    summa = sum(b for b in utbetalningar.values() if b is not None) + (nationell_andel or 0)
    if summa > sb.tilldelat:
        fel.setdefault("__all__", []).append(
            _("Utbetalningarna och den nationella andelen (%(summa)s) är mer än de tilldelade medlen (%(t)s).")
            % {"summa": kr(summa), "t": kr(sb.tilldelat)}
        )
    tillatna = set(forbund_under_aret(ar).values_list("pk", flat=True))
    if set(utbetalningar) - tillatna:
        fel.setdefault("__all__", []).append(_("Ett förbund som inte fanns under året kan inte få en utbetalning."))
    if fel:
        raise ValidationError(fel)
    andrat = (sb.nationell_andel, sb.nationell_forbrukad, sb.nationell_anvandning) != (
        nationell_andel,
        nationell_forbrukad,
        nationell_anvandning,
    )
    if andrat:
        sb.nationell_andel, sb.nationell_forbrukad = nationell_andel, nationell_forbrukad
        sb.nationell_anvandning = nationell_anvandning
        sb.save()
    befintliga = {u.forbund_id: u for u in Utbetalning.objects.select_for_update().filter(ar=ar)}
    nya = [
        Utbetalning(forbund_id=f, ar=ar, belopp=b)
        for f, b in utbetalningar.items()
        if b is not None and f not in befintliga
    ]
    andrade = []
    for f, b in utbetalningar.items():
        u = befintliga.get(f)
        if u is not None and b is not None and u.belopp != b:
            u.belopp = b
            andrade.append(u)
    borttagna = [befintliga[f] for f, b in utbetalningar.items() if b is None and f in befintliga]
    if nya:
        bulk_create_with_history(nya, Utbetalning, default_user=user)
    if andrade:
        bulk_update_with_history(andrade, Utbetalning, ["belopp"], default_user=user)
    for u in borttagna:
        u.delete()  # a few at most; each deletion is a history row
    dataversion.bump()  # the payments are written in bulk, which sends no signals
