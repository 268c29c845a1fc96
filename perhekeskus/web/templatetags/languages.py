"""The page in each language (context_processors.languages) as the head's alternates and the public
language menu, written here rather than by template loops: every page made shows all ten languages
twice, and the loops took ~0.4 ms a page (issue 27)."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> SafeString:
    """A link to the page in each language, and the first (Finnish) as the default, for search engines."""
    versions = context.get("language_versions")
    if not versions:
        return mark_safe("")
    links = [(version["code"], version["absolute_url"]) for version in versions]
    links.append(("x-default", versions[0]["absolute_url"]))
    return mark_safe(  # each part escaped
        "\n  ".join(f'<link rel="alternate" hreflang="{code}" href="{escape(url)}">' for code, url in links)
    )


@register.simple_tag(takes_context=True)
def language_menu_items(context) -> SafeString:
    """The menu's items: the page in each language, each named in itself; the current one marked."""
    return mark_safe(
        "\n      ".join(_item(version) for version in context.get("language_versions", ()))
    )  # escaped


@register.simple_tag(takes_context=True)
def current_language_name(context) -> SafeString:
    """The current language, named in itself."""
    version = next((version for version in context.get("language_versions", ()) if version["current"]), None)
    if version is None:
        return mark_safe("")
    return mark_safe(f'<span lang="{version["code"]}">{escape(version["name"])}</span>')  # escaped


def _item(version: dict) -> str:
    code, url, name = version["code"], escape(version["url"]), escape(version["name"])
    if version["current"]:
        return f'<li><a href="{url}" lang="{code}" aria-current="true">{name}</a></li>'
    return f'<li><a href="{url}" lang="{code}" hreflang="{code}">{name}</a></li>'
