"""Kept answers compressed once, when they are kept, instead of on every visit (issue 27).

GZipMiddleware compresses each response as it goes out: for an answer kept in the shared cache, the
same work again on every visit (0.5 ms for the front page, 1.3 ms for a search page of 100 kB, 2.6 ms
for a page of the HSDS service list). A kept answer is compressed once, and sent as it is to every
client that takes gzip (the middleware leaves an encoded response alone).

A kept page with holes filled for each visit (web.page_cache: CSRF tokens, a search's click token) is
compressed in parts: the text between the holes once, each visit's holes apart. Each part is a deflate
stream of its own, ended with a sync flush, so that they join into one (RFC 1951), in one gzip member
whose CRC-32 and length are of the whole (RFC 1952). No library writes gzip in parts; zlib does the
compressing. A hole's token shares no compression window with the rest of the page, so the page's
length tells nothing of it (BREACH), which GZipMiddleware meets with masked tokens and random bytes.
"""

import re
import struct
import zlib

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

# As django.middleware.gzip.GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
LEVEL = 6  # GZipMiddleware's (django.utils.text.compress_string)
# A gzip member's header: deflate, no flags, no time, no extra flags, an unknown system.
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# An empty final block of fixed codes: what zlib writes to finish a stream after a sync flush.
_LAST_BLOCK = b"\x03\x00"


def accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def deflated(data: bytes) -> bytes:
    """`data` as a deflate stream of its own that others can follow (ended with a sync flush)."""
    stream = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return stream.compress(data) + stream.flush(zlib.Z_SYNC_FLUSH)


def joined(parts: list[tuple[bytes, bytes]]) -> bytes:
    """One gzip member of the parts in order, each given as (its bytes, deflated(its bytes))."""
    crc, size = 0, 0
    for data, _stream in parts:
        crc = zlib.crc32(data, crc)
        size += len(data)
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return b"".join([_HEADER, *(stream for _data, stream in parts), _LAST_BLOCK, trailer])


def compressed(body: bytes) -> bytes:
    """`body` gzipped whole."""
    return joined([(body, deflated(body))])


def response(request, body: bytes, gzipped: bytes, content_type: str) -> HttpResponse:
    """A kept answer: `gzipped` to a client that takes gzip, `body` to others."""
    answer = HttpResponse(content_type=content_type)
    patch_vary_headers(answer, ["Accept-Encoding"])
    if accepts_gzip(request):
        answer.content = gzipped
        answer["Content-Encoding"] = "gzip"
    else:
        answer.content = body
    return answer
