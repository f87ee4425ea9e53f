"""Amounts in whole kronor with thousands separators (a space in Swedish) and percentages with a decimal comma."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def kr(value):
    """1234567 -> "1 234 567 kr"; empty -> "–"."""
    if value is None or value == "":
        return "–"
    return f"{number_format(value, force_grouping=True)}\u00a0kr"


@register.filter
def belopp(value):
    """Like kr, without the unit (for table cells whose header says kr)."""
    if value is None or value == "":
        return "–"
    return number_format(value, force_grouping=True)


@register.filter
def pct(value):
    if value is None or value == "":
        return "–"
    return f"{number_format(value, decimal_pos=1)}\u00a0%"


@register.filter
def signed(value):
    """A deviation with its sign: "+12 500" / "−3 000"."""
    if value is None or value == "":
        return "–"
    text = number_format(abs(value), force_grouping=True, decimal_pos=1 if not isinstance(value, int) else None)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"\u2212{text}"
    return text
