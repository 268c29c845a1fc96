"""Display helpers shared by all templates."""

import json
from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.core.markup import render
from perhekeskus.core.translation import (
    active_language,
    direction,
    translate_map_with_language,
    translate_with_language,
)
from perhekeskus.core.validators import format_phone

register = template.Library()


@register.simple_tag
def text(obj, field: str, block: bool = False) -> str:
    """Translated content in the page's language; text that falls back to another language carries its
    own `lang` (WCAG 3.1.2). `block=True` renders paragraphs."""
    value, language = translate_with_language(obj, field)
    if not value:
        return ""
    body = linebreaks(value, autoescape=True) if block else conditional_escape(value)
    if language == active_language():
        return mark_safe(body)
    tag = "div" if block else "span"
    return format_html('<{} lang="{}"{}>{}</{}>', tag, language, direction(language), mark_safe(body), tag)


@register.simple_tag
def markdown_text(obj, field: str) -> str:
    """A coordinator's Markdown text (core.markup, sanitised) in the page's language, with its
    own `lang` when it falls back to another language."""
    value, language = translate_with_language(obj, field)
    if not value:
        return ""
    if language == active_language():
        return render(value)
    return format_html('<div lang="{}"{}>{}</div>', language, direction(language), render(value))


@register.simple_tag
def text_of(texts: dict[str, str], language: str | None = None) -> str:
    """Like `text`, for a language map ({"fi": ..., "sv": ...}) such as search results carry.
    `language`: the page's, from a caller that writes many texts (it is then not asked each time)."""
    page = language or active_language()
    value, written_in = translate_map_with_language(texts, page)
    if not value or written_in == page:
        return conditional_escape(value)
    return format_html('<span lang="{}"{}>{}</span>', written_in, direction(written_in), value)


@register.filter
def phone(value: str) -> str:
    return format_phone(value)


@register.filter
def tel_link(value: str) -> str:
    return format_html('<a href="tel:{}">{}</a>', value, format_phone(value)) if value else ""


@register.filter
def person(user, absent: str | None = None) -> str:
    """Who wrote or did something: the account's full name, or its e-mail address. A record outlives
    its author's account (SET_NULL): then `absent`, "deleted account" unless told otherwise. (A
    template's `default:user.email` fails on a missing user instead of falling back.)"""
    if user is None:
        return _("deleted account") if absent is None else absent
    return user.get_full_name() or user.email


def _age(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
    return ngettext("%(n)s month", "%(n)s months", months) % {"n": months}


@register.simple_tag
def age_range(low: int | None, high: int | None) -> str:
    """'0–7 years', 'from 13 years', 'under 2 years'; empty when the service has no age limits."""
    if low is None and high is None:
        return ""
    if low is None or low == 0:
        return _("under %(age)s") % {"age": _age(high)} if high is not None else ""
    if high is None:
        return _("from %(age)s") % {"age": _age(low)}
    if low % 12 == 0 and high % 12 == 0:
        return _("%(low)s–%(high)s years") % {"low": low // 12, "high": high // 12}
    return f"{_age(low)} – {_age(high)}"


@register.filter
def json_ld(data: dict) -> str:
    """schema.org data as a script element; '<' is escaped so text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.filter
def figure(value) -> str:
    """A figure as people write it: at most two decimals and none that are zero, the language's
    separators ("100 %", "38", "1 204,5"; never "100,00" or "38,00"); "–" when there is none."""
    if value is None or value == "":
        return "–"
    try:
        exact = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return str(value)
    decimals = len(f"{exact:f}".partition(".")[2].rstrip("0"))
    return number_format(exact, decimal_pos=decimals, force_grouping=True)
