"""Demo insatser for `seed_demo`: a few insatser per demo förbund, with figures for last year and this year, and
the historical SUS example (`data/exempel-sus.csv`: SUS classes and volyminsatser in 2021–2022) imported as a user
would import it."""

import datetime
from pathlib import Path

from insatser.imports import insats_import
from insatser.models import Inriktning, Insats, Malgrupp, Typ
from insatser.services import insats_ar_save, insats_create

SUS_EXEMPEL = Path(__file__).resolve().parent / "data" / "exempel-sus.csv"

DEMO = [
    # namn, typ, inriktning, målgrupper, start, slut, deltagaruppföljning, (budget, utfall, planerat, k, m, totalt)
    (
        "Steget vidare",
        Typ.INDIVIDINRIKTAD,
        "arbetslivsinriktad",
        ["unga", "langtidssjukskrivna"],
        (2023, 3, 1),
        None,
        False,
        (1_200_000, 1_150_000, 40, 23, 15, None),
    ),
    (
        "Hälsa och arbete",
        Typ.INDIVIDINRIKTAD,
        "forberedande",
        ["ingen_specifik"],
        (2022, 1, 1),
        None,
        False,
        (800_000, 790_500, 30, 19, 9, None),
    ),
    (
        "Unga in",
        Typ.INDIVIDINRIKTAD,
        "identifiera_behov",
        ["unga", "unga_aktivitetsersattning"],
        (2024, 8, 15),
        None,
        False,
        (650_000, None, 25, None, None, None),
    ),
    (
        "Samverkansdagar",
        Typ.STRUKTUROVERGRIPANDE,
        "utveckla_samverkan",
        [],
        (2023, 1, 1),
        None,
        True,
        (150_000, 142_000, 120, None, None, 134),
    ),
    (
        "Kartläggning av behov",
        Typ.STRUKTUROVERGRIPANDE,
        "behovsanalys",
        [],
        (2024, 1, 1),
        (2025, 6, 30),
        False,
        (200_000, 210_000, None, None, None, None),
    ),
]


def seed(context) -> None:
    today = datetime.date.today()
    inriktningar = {i.kod: i for i in Inriktning.objects.all()}
    malgrupper = {m.kod: m for m in Malgrupp.objects.all()}
    for slug, forbund in context.forbund.items():
        ansvarig = context.users.get("deltagare") if slug == "samordningsforbundet-i-blekinge" else None
        for namn, typ, kod, mg, start, slut, uppfoljning, figures in DEMO:
            if Insats.objects.filter(forbund=forbund, namn=namn).exists():
                continue
            slutdatum = datetime.date(*slut) if slut else None
            insats = insats_create(
                forbund=forbund,
                namn=namn,
                typ=typ,
                inriktning=inriktningar[kod],
                malgrupper=[malgrupper[m] for m in mg],
                startdatum=datetime.date(*start),
                slutdatum=slutdatum,
                deltagaruppfoljning=uppfoljning,
                utforare_fk=True,
                utforare_af=typ == Typ.INDIVIDINRIKTAD,
                beskrivning="Exempelinsats för demo.",
                deltagaransvariga=[ansvarig] if ansvarig and typ == Typ.INDIVIDINRIKTAD else [],
            )
            budget, utfall, planerat, k, m, totalt = figures
            last_year = (slutdatum.year if slutdatum else today.year) - 1
            for ar in (last_year, today.year):
                if ar < insats.startdatum.year or (slutdatum and ar > slutdatum.year):
                    continue
                insats.refresh_from_db()
                current = ar == today.year
                insats_ar_save(
                    insats=insats,
                    version=insats.version,
                    ar=ar,
                    values={
                        "budget": budget,
                        "utfall": None if current else utfall,
                        "budgeterat_antal_deltagare": planerat,
                        "deltagare_kvinnor": None if current and k and k > 20 else k,
                        "deltagare_man": None if current and k and k > 20 else m,
                        "deltagare_totalt": totalt,
                    },
                )
    # Re-importing the same file changes nothing, so a second seed_demo leaves the history as it was.
    insats_import(content=SUS_EXEMPEL.read_bytes(), filnamn=SUS_EXEMPEL.name, user=None)
