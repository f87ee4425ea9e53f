"""The national statistics' reads, by job (the names stay importable from here).

- statistik.urval: the selection (Urval), the code lists (Referens), the years offered and their caveats;
- statistik.arsstatistik: one year's figures in the API's JSON shape (ar_statistik);
- statistik.ekonomisummor: the economy per year (ekonomi_per_ar, eget_kapital_rader);
- statistik.utveckling: trends over years (trend);
- statistik.oversikt: each förbund's key figures and registration (forbund_oversikt).
"""

from statistik.arsstatistik import INSATS_NYCKLAR, TOTALS, ar_statistik, ar_statistik_flera  # noqa: F401
from statistik.ekonomisummor import eget_kapital_rader, ekonomi_per_ar  # noqa: F401
from statistik.oversikt import forbund_oversikt  # noqa: F401
from statistik.urval import (  # noqa: F401
    I,
    Referens,
    S,
    Urval,
    forsta_ar,
    register_komplett_text,
    register_ofullstandigt,
    varningar,
)
from statistik.utveckling import trend  # noqa: F401
