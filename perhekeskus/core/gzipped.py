"""Kept answers compressed once, when they are kept, instead of on every visit (issue 27).

GZipMiddleware compresses each response as it goes out: for an answer kept in the shared cache, the
same work again on every visit (0.5 ms for the front page, 1.3 ms for a search page of 100 kB, 2.6 ms
for a page of the HSDS service list). A kept answer is compressed once, and sent as it is to every
client that takes gzip (the middleware leaves an encoded response alone).

A kept page has holes filled for each visit (web.page_cache: CSRF tokens, a search's click token),
each of a known length. Its texts are compressed once, in one deflate stream in which each hole is a
run of NUL bytes of its length, flushed at every edge (RFC 1951: a sync flush ends the blocks on a
byte). A visit writes its tokens as stored blocks in the runs' place: the stream decodes to the same
length at every point, so every back-reference of the texts finds what it found when compressed — the
texts, never a run, as no text holds a NUL (a page that does is not compressed ahead). One gzip member
(RFC 1952) with the CRC-32 and length of the whole. The tokens are stored, compressed with nothing, so
the page's length tells nothing of them (BREACH), which GZipMiddleware meets with masked tokens and
random bytes. No library writes gzip with holes; zlib does the compressing.
"""

import re
import struct
import zlib
from gzip import compress as gzip_compress

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


class Parts:
    """Texts with holes between them (one fewer), compressed once; `gzipped(holes)` writes the whole
    with each visit's holes."""

    def __init__(self, texts: list[bytes], hole_lengths: list[int]) -> None:
        assert len(texts) == len(hole_lengths) + 1
        self.texts = texts
        self.hole_lengths = hole_lengths
        # A text with a NUL could meet a hole's run (see above): such a page is compressed as it goes.
        self.streams = (
            None if any(b"\0" in text for text in texts) else _compressed_around(texts, hole_lengths)
        )

    def gzipped(self, holes: list[bytes]) -> bytes | None:
        """The whole, gzipped, with these holes; None when a hole is not of its length (or the page
        could not be compressed ahead)."""
        if self.streams is None or [len(hole) for hole in holes] != self.hole_lengths:
            return None
        crc, size, written = 0, 0, [_HEADER]
        seen: dict[bytes, int] = {}  # where each hole's text was last written
        for position, text in enumerate(self.texts):
            if position:
                hole = holes[position - 1]
                earlier = seen.get(hole)
                # The same token again (a CSRF token in every form): a copy of where it was written.
                if earlier is not None and 3 <= len(hole) <= 257 and size - earlier <= _WINDOW:
                    written.append(_copy(len(hole), size - earlier))
                else:
                    written.append(_stored(hole))
                seen[hole] = size
                crc, size = zlib.crc32(hole, crc), size + len(hole)
            crc, size = zlib.crc32(text, crc), size + len(text)
            written.append(self.streams[position])
        written += [_LAST_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)]
        return b"".join(written)


def _compressed_around(texts: list[bytes], hole_lengths: list[int]) -> list[bytes]:
    """Each text's part of one deflate stream in which each hole is a run of NULs (left out)."""
    stream = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    parts = []
    for position, text in enumerate(texts):
        if position:
            stream.compress(b"\0" * hole_lengths[position - 1])
            stream.flush(zlib.Z_SYNC_FLUSH)  # the run's blocks: a visit stores its hole instead
        parts.append(stream.compress(text) + stream.flush(zlib.Z_SYNC_FLUSH))
    return parts


def _stored(data: bytes) -> bytes:
    """`data` as stored blocks (not final; on a byte, after a sync flush)."""
    blocks = [data[start : start + 0xFFFF] for start in range(0, len(data), 0xFFFF)] or [b""]
    return b"".join(b"\0" + struct.pack("<HH", len(block), len(block) ^ 0xFFFF) + block for block in blocks)


_WINDOW = 32768
# Deflate's length codes (RFC 1951, 3.2.5): (symbol, extra bits, first length), for 3–257.
_LENGTH_CODES = [
    (257 + i, 0 if i < 8 else (i - 4) // 4, 3 + sum(1 << (0 if j < 8 else (j - 4) // 4) for j in range(i)))
    for i in range(28)
]
# Its distance codes: (code, extra bits, first distance), for 1–32768.
_DISTANCE_CODES = [
    (i, 0 if i < 4 else (i - 2) // 2, 1 + sum(1 << (0 if j < 4 else (j - 2) // 2) for j in range(i)))
    for i in range(30)
]


def _copy(length: int, distance: int) -> bytes:
    """A block of fixed codes that repeats `length` (3–257) bytes written `distance` back, ended on a
    byte as a sync flush ends (with an empty stored block)."""
    bits = _Bits()
    bits.put(0b010, 3)  # not final; fixed codes
    symbol, extra, first = next(code for code in reversed(_LENGTH_CODES) if code[2] <= length)
    # Fixed codes of symbols 257–279 are 7 bits, of 280–287 eight (RFC 1951, 3.2.6).
    bits.code(symbol - 256, 7) if symbol < 280 else bits.code(0b11000000 + symbol - 280, 8)
    bits.put(length - first, extra)
    code, extra, first = next(code for code in reversed(_DISTANCE_CODES) if code[2] <= distance)
    bits.code(code, 5)
    bits.put(distance - first, extra)
    bits.code(0, 7)  # end of block
    bits.put(0b000, 3)  # an empty stored block: not final, stored, then on a byte
    return bits.written() + b"\x00\x00\xff\xff"


class _Bits:
    """Bits as deflate packs them: from each byte's lowest bit; a Huffman code from its highest."""

    def __init__(self) -> None:
        self.value, self.count = 0, 0

    def put(self, value: int, count: int) -> None:
        self.value |= value << self.count
        self.count += count

    def code(self, code: int, count: int) -> None:
        self.put(int(f"{code:0{count}b}"[::-1], 2), count)

    def written(self) -> bytes:
        return self.value.to_bytes((self.count + 7) // 8, "little")


def compressed(body: bytes) -> bytes:
    """`body` gzipped whole."""
    return Parts([body], []).gzipped([]) or gzip_compress(body, compresslevel=LEVEL, mtime=0)


def response(request, body: bytes, gzipped: bytes | None, content_type: str) -> HttpResponse:
    """A kept answer: `gzipped` to a client that takes gzip, `body` to others (and to all when it is
    not compressed yet: GZipMiddleware compresses it then)."""
    answer = HttpResponse(content_type=content_type)
    patch_vary_headers(answer, ["Accept-Encoding"])
    if gzipped is not None and accepts_gzip(request):
        answer.content = gzipped
        answer["Content-Encoding"] = "gzip"
    else:
        answer.content = body
    return answer
