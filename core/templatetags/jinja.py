"""{% jinja "core/tabell.html" tabell=t %}: a Jinja2 template (jinja2/) rendered inside a Django template.

For the templates that loop over thousands of cells (see TEMPLATES in finsam/settings.py). The result is the output
of an autoescaping template, so it is inserted as it is."""

from django import template
from django.template import engines
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def jinja(name: str, **context) -> SafeString:
    return SafeString(engines["jinja2"].get_template(name).render(context))
