"""Demo economy for two förbund (2023–2024) and the state's allocation, so the pages show something real.

Idempotent: the services skip values that are already set.
"""

from ekonomi.services import arsekonomi_update, medlemsbidrag_set, registry_members, statsbidrag_set, statsmedel_set
from forbund.selectors import forbund_under_aret

# §5.1 as the 2023 and 2024 reports state it: (national share used, what for, paid to the förbund in total).
STATSMEDEL = {
    2023: (1_930_000, "en kommunikatör och förbundschefsdagar", 336_000_000),
    2024: (2_400_000, "kommunikationsaktiviteter, utbildningar och konferenser", 335_780_000),
}

# The förbund's state contribution per year (kr); the members add the other half.
STAT = {
    "samordningsforbundet-i-blekinge": {2023: 4_200_000, 2024: 4_400_000},
    "samordningsforbundet-halland": {2023: 7_800_000, 2024: 8_000_000},
}


def _split(total: int, n: int) -> list[int]:
    base, rest = divmod(total, n)
    return [base + (1 if i < rest else 0) for i in range(n)]


def seed(context) -> None:
    for ar in (2021, 2022, 2023, 2024):
        statsbidrag_set(ar=ar, tilldelat=339_000_000)
    for ar, (forbrukad, anvandning, utbetalt) in STATSMEDEL.items():
        forbund = list(forbund_under_aret(ar).order_by("namn").values_list("pk", flat=True))
        statsmedel_set(
            ar=ar,
            nationell_andel=3_000_000,
            nationell_forbrukad=forbrukad,
            nationell_anvandning=anvandning,
            utbetalningar=dict(zip(forbund, _split(utbetalt, len(forbund)), strict=True)),
        )
    for slug, per_ar in STAT.items():
        forbund = context.forbund.get(slug)
        if forbund is None:
            continue
        for ar, stat in per_ar.items():
            medlemmar = registry_members(forbund, ar)
            regioner = sorted(k for k in medlemmar if k[0] == "region")
            kommuner = sorted(k for k in medlemmar if k[0] == "kommun")
            belopp = {("stat", ""): stat}
            # Halland's kommuner paid a little less in 2024, so the 50/25/25 warning has something to show.
            kommun_total = stat // 2 - (150_000 if slug.endswith("halland") and ar == 2024 else 0)
            if regioner:
                belopp |= dict(zip(regioner, _split(stat // 2, len(regioner)), strict=True))
            if kommuner:
                belopp |= dict(zip(kommuner, _split(kommun_total, len(kommuner)), strict=True))
            medlemsbidrag_set(forbund=forbund, ar=ar, belopp=belopp)
            varden = {
                "administration_budget": stat // 4,
                "administration_utfall": stat // 4 - 40_000,
                "esf_intakter": 0,
                "ovriga_intakter": 120_000 if ar == 2024 else 0,
                "ovriga_intakter_anteckning": "Bidrag från länsstyrelsen" if ar == 2024 else "",
            }
            if ar == 2023:
                varden |= {"eget_kapital_ingaende": stat // 3}
            arsekonomi_update(forbund=forbund, ar=ar, **varden)
