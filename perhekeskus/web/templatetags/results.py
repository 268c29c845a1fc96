"""A search result as a list item, written here rather than by an included template: a search page
shows twenty, and the template engine took ~0.3 ms for each (issue 27); this takes a tenth of that."""

import secrets
from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.core.templatetags.perhekeskus import text_of
from perhekeskus.core.translation import active_language

register = template.Library()

# The service's id in the my-list form written once a page for all its results: of this process, so
# that nothing typed into the page's address can be one.
SERVICE_HOLE = f"@@service-{secrets.token_hex(8)}@@"


@register.simple_tag(takes_context=True)
def results(context, hits: list[dict], heading: str = "h3") -> SafeString:
    """The results (views of search_page.hit_views) as list items, each with its my-list button;
    `heading`: the level of their names' headings. All in one tag: a loop of the template engine
    around each cost ~15 µs a result."""
    heading = heading if heading in ("h2", "h3", "h4", "h5", "h6") else "h3"
    words = _words(context)
    return mark_safe("".join(_result(context, words, hit, heading) for hit in hits))  # each escaped


def _result(context, words: dict[str, str], hit: dict, heading: str) -> str:
    """One result, written with f-strings, every value escaped (html.escape, as Django's escape is):
    format_html's lazy-text checks cost as much as the rest."""
    facts = []
    if hit["places"]:
        more = hit["more_places"]
        others = ngettext("and %(counter)s other", "and %(counter)s others", more) % {"counter": more}
        facts.append(
            f'<li><span class="label">{words["where"]}:</span> {escape(", ".join(hit["places"]))}'
            f"{' ' + escape(others) if more else ''}</li>"
        )
    nearest = hit["nearest_place"]
    if nearest:
        far = nearest["distance_km"]
        about = (
            " – " + escape(_("about %(km)s km") % {"km": floatformat(far, "-1")}) if far is not None else ""
        )
        facts.append(
            f'<li><span class="label">{words["nearest"]}:</span> {text_of(nearest["name"], words["language"])}, '
            f"{escape(nearest['municipality'])}{about}</li>"
        )
    if hit["delivery_modes"]:
        facts.append(
            f'<li><span class="label">{words["how"]}:</span> {escape(", ".join(hit["delivery_modes"]))}</li>'
        )
    if hit["is_open"]:
        facts.append(f'<li class="open-now">{words["open"]}</li>')
    elif hit["has_hours"]:
        facts.append(f"<li>{words['closed']}</li>")
    facts.append(f"<li>{words['free'] if hit['is_free'] else words['fee']}</li>")
    if hit["interpreter"]:
        facts.append(f'<li class="interpreter">{words["interpreter"]}</li>')
    if hit["distance_km"] is not None:
        away = _("%(km)s km away") % {"km": floatformat(hit["distance_km"], 1)}
        facts.append(f"<li>{escape(away)}</li>")
    summary = f"  <p>{text_of(hit['summary'], words['language'])}</p>\n" if hit["summary"] else ""
    facts_html = "\n    ".join(facts)
    return (
        f'<li class="result">\n  <{heading}><a href="{escape(hit["url"])}" hx-boost="false">'
        f"{text_of(hit['name'], words['language'])}</a></{heading}>\n"
        f'  <p class="meta"><a href="{escape(hit["organization_url"])}" hx-boost="false">'
        f"{text_of(hit['organization'], words['language'])}</a></p>\n"
        f"{summary}"
        f'  <ul class="result-facts">\n    {facts_html}\n  </ul>\n  {_my_list_button(context, hit["id"])}\n</li>\n'
    )


def _words(context) -> dict[str, str]:
    """The labels of results, escaped, and the page's language: once a page."""
    if "result words" not in context.render_context:
        context.render_context["result words"] = {"language": active_language()} | {
            name: escape(text)
            for name, text in {
                "where": _("Where"),
                "nearest": _("Nearest place"),
                "how": _("How"),
                "open": _("Open now"),
                "closed": _("Closed now"),
                "free": _("Free of charge"),
                "fee": _("Has a fee"),
                "interpreter": _("Interpreter available"),
            }.items()
        }
    return context.render_context["result words"]


def _my_list_button(context, service_id: str) -> SafeString:
    """web/_my_list_button.html for this service: the form (add, or remove when on the family's list)
    written once a page each, then the service's id put in."""
    in_list = service_id in context.get("my_list_ids", ())
    key = ("my list button", in_list)
    if key not in context.render_context:
        button = context.template.engine.get_template("web/_my_list_button.html")
        with context.push(service_id=SERVICE_HOLE, in_list=in_list):
            context.render_context[key] = button.render(context)
    return mark_safe(context.render_context[key].replace(SERVICE_HOLE, escape(service_id)))
