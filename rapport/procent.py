"""Change of a share in percentage points, as one convention for the dashboard, the exports and the report draft.

The report rounds each share to whole percent and subtracts the rounded shares (40,4 % → 42,3 % is +2, where the
exact difference is +1,9). settings.PROCENTENHETER chooses: "avrundade" (the report's, the default) or "exakta".
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.avrundning import avrunda
from rapport.dold import ar_dold

AVRUNDADE = "avrundade"
EXAKTA = "exakta"
KONVENTIONER = (AVRUNDADE, EXAKTA)


def konvention() -> str:
    """The configured convention (settings.PROCENTENHETER, default the report's)."""
    value = getattr(settings, "PROCENTENHETER", AVRUNDADE)
    if value not in KONVENTIONER:
        raise ImproperlyConfigured(f"PROCENTENHETER must be one of {KONVENTIONER}, not {value!r}")
    return value


def hel_procent(andel: float) -> int:
    """A share rounded to whole percent the way a reader does (half up: 42,5 % is 43 %, not Python's 42)."""
    return avrunda(andel)


def procentenheter(nu: float | None, fore: float | None, konv: str | None = None) -> float | int | None:
    """The change from fore to nu (shares in percent, 0–100) in percentage points; None when either is unknown.

    Under "avrundade" the result is a whole number (the rounded shares subtracted), under "exakta" a float.
    """
    if nu is None or fore is None:
        return None
    if ar_dold(nu) or ar_dold(fore):
        return nu if ar_dold(nu) else fore
    if (konv or konvention()) == AVRUNDADE:
        return hel_procent(nu) - hel_procent(fore)
    return nu - fore
