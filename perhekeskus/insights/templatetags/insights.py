from django import template

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
