"""Demo revisions for 2024 and 2025, so the förbund's page, the national overview and the draft's §5.4 show
something real: most förbund granted ansvarsfrihet, some with remarks, a few not yet decided or not registered."""

import datetime

from django.db.models import Q

from forbund.models import Forbund
from forbund.selectors import forbund_existing_q
from revision.models import ANMARKNINGAR, Ansvarsfrihet, Revision
from revision.services import revision_save


def seed(context) -> None:
    for ar in (2024, 2025):
        forbund = Forbund.objects.filter(forbund_existing_q(datetime.date(ar, 12, 31))).order_by("namn")
        gjorda = set(Revision.objects.filter(ar=ar).values_list("forbund_id", flat=True))
        for i, f in enumerate(forbund.filter(~Q(pk__in=gjorda))):
            if i % 11 == 10:
                continue  # not registered yet: the counts say "uppgifter från X av N förbund"
            beslut = Ansvarsfrihet.EJ_BESLUTAD if (ar == 2025 and i % 7 == 3) else Ansvarsfrihet.BEVILJAD
            if ar == 2024 and i == 17:
                beslut = Ansvarsfrihet.EJ_BEVILJAD
            # About two in five with remarks, most often on mål and eget kapital as the reports say.
            kategorier = {0, 3} if i % 5 == 0 else ({(i // 5) % 5} if i % 5 == 2 else set())
            anmarkningar = {falt: k in kategorier for k, (falt, _n) in enumerate(ANMARKNINGAR)}
            revision_save(
                forbund=f,
                ar=ar,
                version=None,
                berattelse_mottagen=datetime.date(ar + 1, 3, 1 + i % 28),
                ansvarsfrihet=beslut,
                ansvarsfrihet_datum=None
                if beslut == Ansvarsfrihet.EJ_BESLUTAD
                else datetime.date(ar + 1, 5, 1 + i % 28),
                anteckning="Målen och måluppfyllelsen behöver bli tydligare." if anmarkningar["anm_mal"] else "",
                **anmarkningar,
            )
