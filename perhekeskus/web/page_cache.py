"""Whole public pages kept in the shared cache for visitors who bring nothing of their own (issue 27).

A search page or a service page is the same for every visitor with the same address, language,
plain-Finnish choice and own municipality in the same minute (opening hours are by the minute), but
for what is written for each visit: the CSRF token of its forms and, on the search page, the click
token of the visit's own logged search. Those are kept as holes and filled for every visitor, so that
no visitor is handed another's token. Whoever has something of their own on the page gets a page made
for them: a signed-in user, a family with services on its list, a message waiting to be shown.

Kept through core.public_cache, so that any change of what the public reads makes the pages anew: for
their minute, or, when the view says what of a page is the clock's (the search page, a service page),
while that holds (PUBLIC_CACHE_SECONDS at most; a minute where the page reads a read replica:
core.public_cache). Kept compressed too (core.gzipped): a visit only writes its own tokens into it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from perhekeskus.core import gzipped, preferences, public_cache
from perhekeskus.web import home_municipality, my_list

SECONDS = 60
# In every key: moved on when what is kept changes its shape, so that a release never reads a page
# kept by the one before it (the static files' hash moves only when they change).
SHAPE = 2
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")(?P<token>[^"]*)(")')
# A hole is written "<@name@>": what the page shows of anyone's texts is escaped, so that no text
# written in a listing can make one.
CSRF_HOLE = r"\g<1><@csrf@>\g<3>"


HOLE = re.compile(r"<@([a-z-]+)@>")


@dataclass(frozen=True)
class Kept:
    """A page answered 200, as kept."""

    headers: tuple[tuple[str, str], ...]
    # The names of the page's holes in order, and its texts around them compressed once (core.gzipped).
    holes: tuple[str, ...]
    parts: gzipped.Parts
    # What the view needs of the page on every visit (the search's total, say).
    extra: dict

    @classmethod
    def of(cls, headers: tuple, content: str, lengths: dict[str, int], extra: dict) -> "Kept":
        """The page as kept: `content` with its holes marked, `lengths` the length of each hole's
        text (as UTF-8), which every visit's is too."""
        pieces = HOLE.split(content)  # [text, hole, text, …]
        holes = tuple(pieces[1::2])
        texts = [text.encode() for text in pieces[::2]]
        parts = gzipped.Parts(texts, [lengths.get(name, -1) for name in holes])
        return cls(headers, holes, parts, extra)

    def response(self, request, filled: dict[str, str]) -> HttpResponse:
        """The page with its holes filled (a hole without a text keeps its mark): compressed for a
        client that takes gzip, unless a hole's text is not of the length kept (GZipMiddleware
        compresses that page as it goes)."""
        holes = [filled.get(name, f"<@{name}@>").encode() for name in self.holes]
        compressed = self.parts.gzipped(holes) if gzipped.accepts_gzip(request) else None
        content = compressed or b"".join(
            text + hole for text, hole in zip(self.parts.texts, [*holes, b""], strict=True)
        )
        answer = HttpResponse(content)
        for header, value in self.headers:
            answer[header] = value
        if compressed is not None:
            answer["Content-Encoding"] = "gzip"
            # As GZipMiddleware would: it leaves an encoded response alone.
            patch_vary_headers(answer, ["Accept-Encoding"])
        return answer


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
        f"page:{SHAPE}:{name}:{release}:{request.scheme}://{request.get_host()}{request.get_full_path()}:"
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

    def made_now() -> tuple[tuple, bytes, dict] | None:
        """The page made, as it is before the middleware (compressing it, say) has seen it."""
        response, extra = make()
        made.append((response, extra))
        if response.status_code != 200 or response.cookies or response.streaming:
            return None
        return tuple(response.items()), response.content, extra

    def kept_as(page: tuple[tuple, bytes, dict]) -> Kept:
        """The page as kept, with holes for the visit's own tokens (after the response)."""
        headers, content, extra = page
        content = content.decode()
        # A masked CSRF token is always of the same length (64), as is a click token: each visit's
        # fills the holes of the page compressed (core.gzipped).
        tokens = {len(found["token"].encode()) for found in CSRF_INPUT.finditer(content)}
        lengths = {"csrf": tokens.pop()} if len(tokens) == 1 else {}
        content = CSRF_INPUT.sub(CSRF_HOLE, content)
        for hole, text in holes(extra).items():
            assert HOLE.fullmatch(f"<@{hole}@>"), hole  # a name HOLE does not read would stay unfilled
            content = content.replace(text, f"<@{hole}@>")
            lengths[hole] = len(text.encode())
        return Kept.of(headers, content, lengths, extra)

    if still_true is None:
        key, seconds, holds = (
            f"{_key(request, name)}:{public_cache.this_minute()}",
            SECONDS,
            lambda kept: True,
        )
    else:
        key, seconds, holds = _key(request, name), None, lambda kept: still_true(kept.extra)
    kept, was_kept = public_cache.kept_or_made(key, made_now, seconds, holds, kept_as)
    if not was_kept:
        return made[0]
    filled = fill(kept.extra)
    if "csrf" in kept.holes:  # a page without forms sets no CSRF cookie
        filled["csrf"] = get_token(request)
    return kept.response(request, filled), kept.extra
