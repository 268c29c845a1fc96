"""Whole public pages kept in the shared cache for visitors who bring nothing of their own (issue 27).

A search page or a service page is the same for every visitor with the same address, language,
plain-Finnish choice and own municipality in the same minute (opening hours are by the minute), but
for what is written for each visit: the CSRF token of its forms and, on the search page, the click
token of the visit's own logged search. Those are kept as holes and filled for every visitor, so that
no visitor is handed another's token. Whoever has something of their own on the page gets a page made
for them: a signed-in user, a family with services on its list, a message waiting to be shown.

Kept through core.public_cache, so that any change of what the public reads makes the pages anew: for
their minute, or, when the view says what of a page is the clock's (the search page), while that holds
(PUBLIC_CACHE_SECONDS at most; a minute where the page reads a read replica: core.public_cache).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from perhekeskus.core import preferences, public_cache
from perhekeskus.web import home_municipality, my_list

SECONDS = 60
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# A hole is written "<@name@>": what the page shows of anyone's texts is escaped, so that no text
# written in a listing can make one.
CSRF_HOLE = r"\g<1><@csrf@>\g<2>"


@dataclass(frozen=True)
class Kept:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: str
    # What the view needs of the page on every visit (the search's total, say).
    extra: dict


def keepable(request) -> bool:
    """Whether the visitor brings nothing of their own to the page."""
    return (
        not request.user.is_authenticated
        and not my_list.of(request)
        and not len(messages.get_messages(request))
    )


def _key(request, name: str) -> str:
    # What htmx's headers change in an answer (web.views.search): only the region, from history, or
    # the filters kept open.
    htmx = (
        bool(request.headers.get("HX-Request")),
        bool(request.headers.get("HX-History-Restore-Request")),
        request.headers.get("HX-Trigger") == "filters",
    )
    # A release's static files have names of their own (their content's hash): a page kept before it
    # names the files of the release before.
    release = getattr(staticfiles_storage, "manifest_hash", "")
    return (
        f"page:{name}:{release}:{request.scheme}://{request.get_host()}{request.get_full_path()}:"
        f"{get_language()}:{preferences.plain_finnish_wanted(request)}:{home_municipality.of(request)}:{htmx}"
    )


def page(
    request,
    name: str,
    make: Callable[[], tuple[HttpResponse, dict]],
    *,
    with_query: bool = False,
    holes: Callable[[dict], dict[str, str]] = lambda extra: {},
    fill: Callable[[dict], dict[str, str]] = lambda extra: {},
    still_true: Callable[[dict], bool] | None = None,
) -> tuple[HttpResponse, dict]:
    """The page `make()` renders (its response, and `extra`: what the view needs of it on every
    visit), kept for visitors like this one when they bring nothing of their own. `holes(extra)`: each
    hole's text as written for the visit that made the page (cut out of the page kept); `fill(extra)`:
    each hole's text for a later visit (the CSRF token's holes are filled here). Returns the response
    and `extra`. A page that sets a cookie, or answers other than 200, is not kept. An address with a
    query is kept only `with_query` (the search page's parameters): others would let anyone fill the
    cache with made-up queries. A page is kept for its minute (opening hours are by the minute), or,
    given `still_true(extra)`, while that says that what the page shows of the clock still holds."""
    if not keepable(request) or (request.GET and not with_query):
        return make()
    made = []

    def made_now() -> Kept | None:
        response, extra = make()
        made.append((response, extra))
        if response.status_code != 200 or response.cookies or response.streaming:
            return None
        content = CSRF_INPUT.sub(CSRF_HOLE, response.content.decode())
        for hole, text in holes(extra).items():
            content = content.replace(text, f"<@{hole}@>")
        return Kept(response.status_code, tuple(response.items()), content, extra)

    if still_true is None:
        key, seconds, holds = (
            f"{_key(request, name)}:{public_cache.this_minute()}",
            SECONDS,
            lambda kept: True,
        )
    else:
        key, seconds, holds = _key(request, name), None, lambda kept: still_true(kept.extra)
    kept, was_kept = public_cache.kept_or_made(key, made_now, seconds, holds)
    if not was_kept:
        return made[0]
    content = kept.content
    if "<@csrf@>" in content:  # a page without forms sets no CSRF cookie
        content = content.replace("<@csrf@>", get_token(request))
    for hole, text in fill(kept.extra).items():
        content = content.replace(f"<@{hole}@>", text)
    response = HttpResponse(content, status=kept.status)
    for header, value in kept.headers:
        response[header] = value
    return response, kept.extra
