"""The state's funds as the report's §5.1 states them: the allocation, of which a national share (at most 3 mkr)
with what it was used for, Försäkringskassan's payments to each förbund, förbrukat (paid out + national share used)
and oförbrukat (the allocation − förbrukat). Registered by FK's administratör (ekonomi.services.statsmedel_set);
read here by the national pages and the report draft. Not registered is not zero: a sum that lacks a part is None
("–")."""

from django.db.models import Count, Sum

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
