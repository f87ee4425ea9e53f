"""Which målgrupper occur together (the report: "långtidssjukskrivna tillsammans med unga"): for the individinriktade
insatser that ran in the year, how many name each pair of målgrupper. One query; the pairs are counted in Python
over the (insats, målgrupp) rows of the year, a few per insats."""

from collections import Counter, defaultdict
from itertools import combinations

from insatser.models import Insats, Typ
from statistik.urval import Urval


def malgrupp_kombinationer(urval: Urval) -> list[dict]:
    """[{"malgrupper": [a, b], "insatser": n}, ...] for every pair named together at least once, most common first
    (codes in the order of the list of målgrupper; ties by code)."""
    insatser = Insats.objects.running_in(urval.ar).filter(typ=Typ.INDIVIDINRIKTAD)
    scope = urval.forbund_qs()
    if scope is not None:
        insatser = insatser.filter(forbund__in=scope.values("pk"))
    rader = (
        Insats.malgrupper.through.objects.filter(insats__in=insatser.values("pk"))
        .order_by("malgrupp__ordning", "malgrupp_id")
        .values_list("insats_id", "malgrupp_id")
    )
    per_insats: dict[int, list[str]] = defaultdict(list)
    for insats_id, kod in rader:
        per_insats[insats_id].append(kod)
    par = Counter(p for koder in per_insats.values() for p in combinations(koder, 2))
    return [{"malgrupper": list(p), "insatser": n} for p, n in sorted(par.items(), key=lambda x: (-x[1], x[0]))]
