"""The one rounding rule for money and percentages: half away from zero, as a reader rounds (2,5 → 3, −2,5 → −3).

Python's round() rounds half to even (round(2.5) == 2) and works on binary floats (round(2.675, 2) == 2.67); every
amount and share shown, exported or summed goes through avrunda instead, so the förbund's page, the national
tables, the exports and the report draft agree to the krona and the tenth of a percent.
"""

from decimal import ROUND_HALF_UP, Decimal


def avrunda(value, decimaler: int = 0):
    """value rounded half away from zero: an int with no decimals, else a float (a Decimal stays a Decimal)."""
    d = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    q = d.quantize(Decimal(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)
    if decimaler <= 0:
        return int(q)
    return q if isinstance(value, Decimal) else float(q)


def kronor(value) -> int:
    """An amount in whole kronor."""
    return avrunda(value, 0)
