"""The economy pages' amount filters, `kr` and `pct`: the same filters as core/templatetags/tal.py (core.tal),
registered here too so the economy templates keep loading ekonomi_tags.

    {{ v|kr }}        1 234 567 kr      −3 000 kr      –
    {{ v|kr:"tal" }}  1 234 567         (table cells whose header says kr)
    {{ v|kr:"+" }}    +12 500 kr        (a deviation: the sign is always shown)
"""

from django import template

from core.tal import kr as format_kr  # noqa: F401 - ekonomi.forms formats its messages with it
from core.tal import tal as format_tal  # noqa: F401
from core.templatetags.tal import kr, pct

register = template.Library()
register.filter("kr", kr)
register.filter("pct", pct)
