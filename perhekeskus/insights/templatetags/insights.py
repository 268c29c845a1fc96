from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog import coverage
from perhekeskus.core.translation import active_language, direction, translate_with_language

register = template.Library()


@register.filter
def of(mapping: dict, key):
    """mapping|of:key — a dictionary's value in a template."""
    return mapping.get(key)


@register.filter
def short(kind) -> str:
    """A provider kind's short form in the matrix (W, M, N… in English)."""
    return coverage.kind_short(kind)


@register.filter
def percent(part, whole) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


@register.filter
def grouped(value) -> str:
    """A whole number with the language's thousands separator (10 049, not 10049); "–" when unknown."""
    if value is None or value == "":
        return "–"
    return number_format(value, force_grouping=True)


ONLY_IN = {"fi": _("only in Finnish"), "sv": _("only in Swedish"), "en": _("only in English")}


@register.simple_tag
def marked(obj, field: str) -> str:
    """A translated text of the report in its own `lang`, followed by a visible "(only in Finnish)"
    where the report's language has no text of its own: a committee reading the Swedish item must see
    which parts nobody has translated."""
    value, language = translate_with_language(obj, field)
    if not value or language == active_language():
        return value or ""
    note = ONLY_IN.get(language)
    if note is None:
        return format_html('<span lang="{}"{}>{}</span>', language, direction(language), value)
    return format_html(
        '<span lang="{}"{}>{}</span> <span class="note">({})</span>',
        language,
        direction(language),
        value,
        note,
    )
