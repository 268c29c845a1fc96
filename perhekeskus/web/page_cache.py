"""Whole public pages kept in the shared cache for visitors who bring nothing of their own (issue 27).

A search page or a service page is the same for every visitor with the same address, language,
plain-Finnish choice and own municipality in the same minute (opening hours are by the minute), but
for what is written for each visit: the CSRF token of its forms and, on the search page, the click
token of the visit's own logged search. Those are kept as holes and filled for every visitor, so that
no visitor is handed another's token. Whoever has something of their own on the page gets a page made
for them: a signed-in user, a family with services on its list, a message waiting to be shown.

Kept through core.public_cache, so that any change of what the public reads makes the pages anew, and
for a minute at most. A page is also kept compressed, cut at its holes: a visitor who takes gzip
costs the compression of the holes' texts only (a search page's 115 kB took 1–1.5 ms to compress on
every visit).
"""

import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from perhekeskus.core import preferences, public_cache
from perhekeskus.web import home_municipality, my_list

SECONDS = 60
# In every key: a release that changes what Kept holds must not meet pages kept by the one before.
KEPT_FORMAT = 2
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# A hole is written "<@name@>": what the page shows of anyone's texts is escaped, so that no text
# written in a listing can make one.
CSRF_HOLE = r"\g<1><@csrf@>\g<2>"


@dataclass(frozen=True)
class Kept:
    status: int
    headers: tuple[tuple[str, str], ...]
    # The page cut at its holes: text, hole's name, text, …, text.
    parts: tuple[str, ...]
    # Each text of `parts` compressed on its own (raw deflate, ended on a byte boundary), so that a
    # visitor who takes gzip gets the page compressed again only in its holes.
    compressed: tuple[bytes, ...]
    # What the view needs of the page on every visit (the search's total, say).
    extra: dict


HOLE = re.compile(r"<@([\w-]+)@>")
# A gzip member without name or time; its data ends with an empty final block, then CRC-32 and length.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
LAST_BLOCK = zlib.compressobj(wbits=-zlib.MAX_WBITS).flush()


def _deflated(text: str) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(text.encode()) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _kept(status: int, headers: tuple, content: str, extra: dict) -> Kept:
    parts = tuple(HOLE.split(content))
    return Kept(status, headers, parts, tuple(_deflated(text) for text in parts[::2]), extra)


def _response(request, kept: Kept, texts: dict[str, str]) -> HttpResponse:
    """The kept page with its holes filled (a hole without a text stays as it was), compressed when
    the visitor takes gzip: the kept parts as compressed when kept, the holes' texts now (on their own,
    so that no secret shares a compression with text a visitor can put in the page: BREACH)."""
    filled = [texts.get(part, f"<@{part}@>") if odd else part for odd, part in _alternating(kept.parts)]
    content = "".join(filled).encode()
    if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        pieces = [
            _deflated(text) if odd else kept.compressed[index // 2]
            for index, (odd, text) in enumerate(_alternating(filled))
        ]
        trailer = struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)
        response = HttpResponse(GZIP_HEADER + b"".join(pieces) + LAST_BLOCK + trailer, status=kept.status)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(content, status=kept.status)
    for header, value in kept.headers:
        response[header] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _alternating(parts) -> list[tuple[bool, str]]:
    """(whether a hole's name, part) of each part of a page cut at its holes."""
    return [(index % 2 == 1, part) for index, part in enumerate(parts)]


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
    return (
        f"page:{KEPT_FORMAT}:{name}:{request.scheme}://{request.get_host()}{request.get_full_path()}:{get_language()}:"
        f"{preferences.plain_finnish_wanted(request)}:{home_municipality.of(request)}:{htmx}:{public_cache.this_minute()}"
    )


def page(
    request,
    name: str,
    make: Callable[[], tuple[HttpResponse, dict]],
    *,
    with_query: bool = False,
    holes: Callable[[dict], dict[str, str]] = lambda extra: {},
    fill: Callable[[dict], dict[str, str]] = lambda extra: {},
) -> tuple[HttpResponse, dict]:
    """The page `make()` renders (its response, and `extra`: what the view needs of it on every
    visit), kept for visitors like this one when they bring nothing of their own. `holes(extra)`: each
    hole's text as written for the visit that made the page (cut out of the page kept); `fill(extra)`:
    each hole's text for a later visit (the CSRF token's holes are filled here). Returns the response
    and `extra`. A page that sets a cookie, or answers other than 200, is not kept. An address with a
    query is kept only `with_query` (the search page's parameters): others would let anyone fill the
    cache with made-up queries."""
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
        return _kept(response.status_code, tuple(response.items()), content, extra)

    kept, was_kept = public_cache.kept_or_made(_key(request, name), made_now, SECONDS)
    if kept is None:  # not to be kept
        return made[0]
    # The page made now goes out as a kept one does, with this visit's texts: compressed once.
    extra = kept.extra
    texts = fill(extra) if was_kept else holes(extra)
    if "csrf" in kept.parts[1::2]:  # a page without forms sets no CSRF cookie
        texts = {**texts, "csrf": get_token(request)}
    return _response(request, kept, texts), extra
