"""Small readings of the statistics JSON for the draft: shares, changes and their sentences."""

from core.avrundning import avrunda
from core.tabell import andel, andel_kon  # noqa: F401  (the one definition; the report's modules import it here)
from core.tabell import summa as summera_kanda
from rapport.dold import PRICKAR, ar_dold
from rapport.meningar import jamforelse_mening, tal
from rapport.procent import AVRUNDADE, hel_procent, konvention, procentenheter


def procent(value: float | None) -> str:
    """A share as the report writes it in text and tables: whole percent ("57 %"), "–" when unknown."""
    if ar_dold(value):
        return PRICKAR
    return "–" if value is None else f"{hel_procent(value)} %"


def procent_ord(value: float | None) -> str:
    """A share in running text: "57 procent"."""
    if ar_dold(value):
        return PRICKAR
    return "–" if value is None else f"{hel_procent(value)} procent"


def pe_enhet() -> str:
    return "procentenheter" if konvention() == AVRUNDADE else "procentenheter_exakta"


def pe_text(nu: float | None, fore: float | None) -> str:
    """The change of a share in a table cell: "+2", "−3", "0", "–" when there is nothing to compare."""
    andring = procentenheter(nu, fore)
    if andring is None:
        return "–"
    if ar_dold(andring):
        return PRICKAR
    decimaler = 0 if isinstance(andring, int) else 1
    value = avrunda(andring, decimaler)
    text = tal(abs(value), decimaler)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def pe_mening(nu: float | None, fore: float | None, fore_ar: int, storhet: str | None = None) -> str:
    """The comparison sentence for a share (in percentage points, by the configured convention)."""
    return jamforelse_mening(procentenheter(nu, fore), enhet=pe_enhet(), fore_ar=fore_ar, storhet=storhet)


def antal_mening(nu, fore, fore_ar: int, enhet: str, jamforbar: bool = True, storhet: str | None = None) -> str:
    """The comparison sentence for a count; jamforbar False when the year before has nothing registered."""
    andring = nu - fore if jamforbar and nu is not None and fore is not None else None
    return jamforelse_mening(andring, enhet=enhet, fore_ar=fore_ar, storhet=storhet)


def relativ_andring(nu, fore) -> float | None:
    """The change of a count in percent of the year before ("minskat med cirka 57 procent"); None when either is
    unknown or the year before had none (no base to compare with)."""
    if nu is None or not fore:
        return None
    return 100 * (nu - fore) / fore


def relativ_mening(nu, fore, fore_ar: int, storhet: str, jamforbar: bool = True) -> str:
    """The comparison sentence for a count as a relative change, in whole percent."""
    return jamforelse_mening(
        relativ_andring(nu, fore) if jamforbar else None, enhet="procent", fore_ar=fore_ar, storhet=storhet
    )


def summa(*varden):
    """The sum of the values that are known; None when none is (core.tabell.summa, the one rule)."""
    return summera_kanda(varden)


def mkr(kr, decimaler: int = 0) -> str:
    """Kronor as miljoner kronor: 338 180 000 → "338,18" with two decimals."""
    return "–" if kr is None else tal(float(kr) / 1_000_000, decimaler)
