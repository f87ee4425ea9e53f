"""Demo data for the national dashboard: synthetic insatser for every förbund that has none yet (idempotent)."""

from django.db.models import Exists, OuterRef

from core.granser import rapportar
from forbund.models import Forbund
from insatser.models import Insats
from statistik.syntetisk import generate


def seed(context) -> None:
    utan = list(Forbund.objects.filter(~Exists(Insats.objects.filter(forbund=OuterRef("pk")))).order_by("slug"))
    if utan:
        generate(utan, 2016, rapportar(), seed=2024)
