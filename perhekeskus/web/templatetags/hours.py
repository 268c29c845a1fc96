"""A place's opening hours for the next seven days as the rows of its table, written here rather than
by template loops: a service page shows a week for each of its places, and the template engine took
~1 ms a week (issue 27)."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def week_rows(week: list, today) -> SafeString:
    """The rows of catalog.opening_hours.week_of: each day named, its holiday, its spans (an overnight
    one said to end the next day), today's row marked."""
    words = {
        "round the clock": escape(_("open round the clock")),
        "next day": escape(_("next day")),
        "closed": escape(_("closed")),
    }
    return mark_safe("\n      ".join(_row(day, spans, holiday, today, words) for day, spans, holiday in week))


def _row(day, spans, holiday, today, words: dict) -> str:
    marked = ' class="today"' if day == today else ""
    named = escape(date_format(day, "l j.n."))
    if holiday:
        named += f' <span class="meta">({escape(str(holiday))})</span>'
    hours = ", ".join(_span(span, day, words) for span in spans) or words["closed"]
    return f'<tr{marked}>\n        <th scope="row">{named}</th>\n        <td>{hours}</td>\n      </tr>'


def _span(span, day, words: dict) -> str:
    if span.is_round_the_clock:
        return words["round the clock"]
    opens, closes = timezone.localtime(span.opens), timezone.localtime(span.closes)
    shown = f'<bdi dir="ltr">{opens:%H.%M}–{closes:%H.%M}</bdi>'
    return shown + (f" ({words['next day']})" if span.closes.date() != day else "")
