"""The table model lives in core.tabell (one model for every page table and download) and the formats in core.tal;
the statistics modules import it from here as before."""

from core.tabell import (  # noqa: F401
    AVSTAVNING,
    AVSTAVNINGAR,
    Cell,
    Kolumn,
    Lank,
    Tabell,
    andel,
    andel_kon,
    forandring,
    summa,
)
from core.tal import Talformat as Format  # noqa: F401
from core.tal import visa  # noqa: F401
