"""The report's data for a year and its tables of key figures (this year, the year before, the change)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rapport.procent import procentenheter  # the one rule for percentage points (settings.PROCENTENHETER)
from statistik.tabell import Kolumn, Tabell, forandring
from statistik.urval import Referens, Urval


@dataclass
class Rapport:
    urval: Urval
    nu: dict
    fore: dict
    trend: list[dict]
    eget_kapital: list[dict] | None
    referens: Referens
    tabeller: list[Tabell]
    varningar: list[str] = field(default_factory=list)

    @property
    def per_nyckel(self) -> dict[str, Tabell]:
        return {t.nyckel: t for t in self.tabeller}


def nyckeltal(
    r: Rapport, nyckel: str, rubrik: str, rader: list[tuple[str, str, object, object]], definition: str, blad: str = ""
):
    ar = r.urval.ar
    return Tabell(
        nyckel=nyckel,
        rubrik=rubrik,
        kolumner=[
            Kolumn(_("Mått"), "text"),
            Kolumn(str(ar), "varde"),
            Kolumn(str(ar - 1), "varde"),
            Kolumn(_("Förändring"), "forandring"),
        ],
        rader=[
            [namn, nu, fore, (procentenheter if e == "procent" else forandring)(nu, fore)]
            for namn, e, nu, fore in rader
        ],
        radtyper=[enhet for _namn, enhet, _nu, _fore in rader],
        definition=definition,
        blad=blad,
    )


def forbund_och_kommuner(r: Rapport) -> Tabell:
    n, f = r.nu["forbund"], r.fore["forbund"]
    return nyckeltal(
        r,
        "forbund",
        _("Samordningsförbund och kommuner"),
        [
            (_("Samordningsförbund vid årets slut"), "antal", n["antal"], f["antal"]),
            (_("Kommuner i samordningsförbund"), "antal", n["kommuner_i_forbund"], f["kommuner_i_forbund"]),
            (_("Kommuner utan samordningsförbund"), "antal", n["kommuner_utan_forbund"], f["kommuner_utan_forbund"]),
            (
                _("Förbund som finansierat individinriktade insatser"),
                "antal",
                n["med_individinriktade_insatser"],
                f["med_individinriktade_insatser"],
            ),
            (_("Förbund med registrerade insatser"), "antal", n["med_insatser"], f["med_insatser"]),
        ],
        _(
            "Förbund och medlemskommuner räknas den 31 december. Ett förbund som gick upp i ett annat under året "
            "räknas inte vid årets slut, men dess insatser räknas för året. Ett förbund räknas i varje län där det "
            "har medlemmar, men bara en gång i hela landet."
        ),
        _("Förbund och kommuner"),
    )
