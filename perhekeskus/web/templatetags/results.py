"""A search result as a list item, written here rather than by an included template: a search page
shows twenty, and the template engine took ~0.3 ms for each (issue 27); this takes a tenth of that."""

import secrets

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.core.templatetags.perhekeskus import text_of

register = template.Library()

# The service's id in the my-list form written once a page for all its results: of this process, so
# that nothing typed into the page's address can be one.
SERVICE_HOLE = f"@@service-{secrets.token_hex(8)}@@"


@register.simple_tag(takes_context=True)
def result(context, hit: dict, heading: str = "h3") -> SafeString:
    """One result (a view of search_page.hit_views) with its my-list button; `heading`: the level of
    its name's heading."""
    heading = heading if heading in ("h2", "h3", "h4", "h5", "h6") else "h3"
    facts = []
    if hit["places"]:
        more = hit["more_places"]
        facts.append(
            format_html(
                '<li><span class="label">{}:</span> {}{}</li>',
                _("Where"),
                ", ".join(hit["places"]),
                " " + ngettext("and %(counter)s other", "and %(counter)s others", more) % {"counter": more}
                if more
                else "",
            )
        )
    nearest = hit["nearest_place"]
    if nearest:
        far = nearest["distance_km"]
        facts.append(
            format_html(
                '<li><span class="label">{}:</span> {}, {}{}</li>',
                _("Nearest place"),
                text_of(nearest["name"]),
                nearest["municipality"],
                " – " + _("about %(km)s km") % {"km": floatformat(far, "-1")} if far is not None else "",
            )
        )
    if hit["delivery_modes"]:
        facts.append(
            format_html(
                '<li><span class="label">{}:</span> {}</li>', _("How"), ", ".join(hit["delivery_modes"])
            )
        )
    if hit["is_open"]:
        facts.append(format_html('<li class="open-now">{}</li>', _("Open now")))
    elif hit["has_hours"]:
        facts.append(format_html("<li>{}</li>", _("Closed now")))
    facts.append(format_html("<li>{}</li>", _("Free of charge") if hit["is_free"] else _("Has a fee")))
    if hit["interpreter"]:
        facts.append(format_html('<li class="interpreter">{}</li>', _("Interpreter available")))
    if hit["distance_km"] is not None:
        facts.append(
            format_html("<li>{}</li>", _("%(km)s km away") % {"km": floatformat(hit["distance_km"], 1)})
        )
    return format_html(
        '<li class="result">\n  <{heading}><a href="{url}" hx-boost="false">{name}</a></{heading}>\n'
        '  <p class="meta"><a href="{organization_url}" hx-boost="false">{organization}</a></p>\n'
        "{summary}"
        '  <ul class="result-facts">\n    {facts}\n  </ul>\n  {button}\n</li>\n',
        heading=heading,
        url=hit["url"],
        name=text_of(hit["name"]),
        organization_url=hit["organization_url"],
        organization=text_of(hit["organization"]),
        summary=format_html("  <p>{}</p>\n", text_of(hit["summary"])) if hit["summary"] else "",
        facts=format_html_join("\n    ", "{}", ((fact,) for fact in facts)),
        button=_my_list_button(context, hit["id"]),
    )


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
