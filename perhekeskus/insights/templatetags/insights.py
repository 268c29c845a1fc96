from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def of(mapping: dict, key):
    """mapping|of:key — a dictionary's value in a template."""
    return mapping.get(key)


@register.filter
def initial(text) -> str:
    return str(text)[:1].upper()


@register.filter
def percent(part, whole) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


@register.filter
def grouped(value) -> str:
    """A whole number with the language's thousands separator (10 049, not 10049); "–" when unknown."""
    if value is None or value == "":
        return "–"
    return number_format(value, force_grouping=True)
