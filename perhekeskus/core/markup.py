"""Coordinators write pages in Markdown; the public sees a safe subset of HTML. Raw HTML in the text
is sanitised (nh3): no scripts, styles, event handlers or javascript: links survive."""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The page's title is its h1: headings in the text start one level lower.
HEADING = re.compile(r"<(/?)h([1-5])([ >])")


def render(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 4)}{m.group(3)}", html)
    return mark_safe(
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            url_relative="deny",
            link_rel="noopener noreferrer",
        )
    )
