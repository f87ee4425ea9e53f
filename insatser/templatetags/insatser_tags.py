from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def antal(value):
    """A count or an amount with thousand separators; a dash when nothing is registered."""
    if value is None or value == "":
        return "–"
    return intcomma(value)
