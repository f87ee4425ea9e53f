from django import template

from core import tal

register = template.Library()


@register.filter
def antal(value):
    """A count or an amount with thousand separators; a dash when nothing is registered."""
    return tal.tal(value)


@register.simple_tag
def feltext(label, message) -> str:
    """An error in the error summary: the message alone when it names the field already ("Slutdatum kan inte vara
    före startdatum."), otherwise "Fält: meddelande" so the summary says which field it is about."""
    label, message = str(label or ""), str(message)
    if not label or message.lower().startswith(label.lower()):
        return message
    return f"{label}: {message}"
