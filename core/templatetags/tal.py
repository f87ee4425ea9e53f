"""The number formats of core.tal as template filters: {% load tal %}.

{{ v|tal }}       23 849     {{ v|tal:"+" }}  +12 (a change)     None: –
{{ v|kr }}        1 234 567 kr      {{ v|kr:"tal" }} 1 234 567 (a column whose heading says kr)
{{ v|kr:"+" }}    +12 500 kr        {{ v|pct }} 12,5 %      {{ v|pct:"+" }} +1,5 %
{{ v|cell:typ }}  a table cell by its column's kind (core.tal.visa)
"""

from django import template

from core import tal as formats

register = template.Library()


@register.filter
def tal(value, arg=""):
    return formats.tal(value, tecken="+" in str(arg))


@register.filter
def kr(value, arg=""):
    return formats.kr(value, enhet="tal" not in arg, tecken="+" in arg)


@register.filter
def pct(value, arg=""):
    return formats.procent(value, tecken="+" in arg)


@register.filter
def cell(value, typ):
    return formats.visa(value, typ)
