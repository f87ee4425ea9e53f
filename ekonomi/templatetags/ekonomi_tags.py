"""Amounts in whole kronor with thousands separators (a space in Swedish) and percentages with a decimal comma.

One filter for amounts, `kr`, so every amount on the economy pages looks the same: a real minus sign (U+2212),
never a hyphen, and "–" where nothing is registered (None or "").

    {{ v|kr }}        1 234 567 kr      −3 000 kr      –
    {{ v|kr:"tal" }}  1 234 567         (table cells whose header says kr)
    {{ v|kr:"+" }}    +12 500 kr        (a deviation: the sign is always shown)
    {{ v|kr:"+tal" }} +12 500
"""

from django import template
from django.utils.formats import number_format

from core.avrundning import avrunda

register = template.Library()

MINUS = "\u2212"
EJ_REGISTRERAT = "–"


def format_tal(value, *, tecken: bool = False, decimaler: int | None = None) -> str:
    """A number with Swedish grouping and a real minus sign; "+" in front of positive numbers when tecken."""
    # number_format cuts decimals off; round by the one rule first.
    value = avrunda(value, decimaler or 0)
    text = number_format(abs(value), decimal_pos=decimaler, force_grouping=True)
    if value < 0:
        return f"{MINUS}{text}"
    if value > 0 and tecken:
        return f"+{text}"
    return text


def format_kr(value, *, enhet: bool = True, tecken: bool = False) -> str:
    """1234567 -> "1 234 567 kr"; -5 -> "−5 kr"; None -> "–"."""
    if value is None or value == "":
        return EJ_REGISTRERAT
    text = format_tal(value, tecken=tecken)
    return f"{text}\u00a0kr" if enhet else text


@register.filter
def kr(value, arg=""):
    return format_kr(value, enhet="tal" not in arg, tecken="+" in arg)


@register.filter
def pct(value, arg=""):
    """12.5 -> "12,5 %"; with "+" the sign is always shown (a deviation)."""
    if value is None or value == "":
        return EJ_REGISTRERAT
    return f"{format_tal(value, tecken='+' in arg, decimaler=1)}\u00a0%"
