"""Kept answers compressed once, with holes for each visit's tokens (core.gzipped): what a client unzips
is the answer whole, about as small as compressed whole."""

import gzip
import random
import zlib

import pytest
from django.utils.text import compress_string

from perhekeskus.core import gzipped

RESULT = b'<li><a href="/services/{n}/?from_search=">Perhekahvila {n}</a><form method="post">'


@pytest.mark.parametrize(
    ("texts", "holes"),
    [
        ([b"<p>yksi</p>"], []),
        ([b""], []),
        ([b"<form>", b"", b"</form>" * 3000], [b"t" * 64, b"u" * 64]),
        ([b"a" * 70_000, "ääkköset ja شكرا".encode(), b"a" * 70_000], [b"x" * 70_000, b""]),
        (
            [RESULT.replace(b"{n}", str(n).encode()) for n in range(21)],
            [b"%064d" % (n % 3) for n in range(20)],
        ),
    ],
)
def test_texts_with_each_visits_holes_unzip_to_the_whole(texts, holes):
    parts = gzipped.Parts(texts, [len(hole) for hole in holes])
    for visit in (holes, [hole.swapcase() for hole in holes]):  # another visit's tokens, as long
        whole = b"".join(text + hole for text, hole in zip(texts, [*visit, b""], strict=True))
        written = parts.gzipped(visit)
        assert gzip.decompress(written) == whole  # the CRC-32 and the length are checked too
        assert zlib.decompress(written, wbits=31) == whole
        # About as small as the page compressed whole (the tokens stored as they are).
        assert len(written) <= len(compress_string(whole)) + sum(len(hole) + 40 for hole in visit) + 40


def test_a_hole_of_another_length_or_a_text_with_a_nul_is_not_compressed_ahead():
    parts = gzipped.Parts([b"<p>", b"</p>"], [64])
    assert parts.gzipped([b"t" * 63]) is None and parts.gzipped([b"t" * 65]) is None
    assert gzipped.Parts([b"<p>\0", b"</p>"], [64]).gzipped([b"t" * 64]) is None
    assert gzip.decompress(gzipped.compressed(b"a\0b" * 100)) == b"a\0b" * 100


def test_a_token_met_again_is_written_as_a_copy_of_where_it_was():
    texts = [b'<form method="post"><input name="csrfmiddlewaretoken" value="'] * 21
    token = bytes(range(65, 65 + 64))
    same = gzipped.Parts(texts, [64] * 20).gzipped([token] * 20)
    each_its_own = gzipped.Parts(texts, [64] * 20).gzipped([bytes(range(n, n + 64)) for n in range(20)])
    assert gzip.decompress(same) == b"".join(text + token for text in texts[:20]) + texts[20]
    assert len(same) + 15 * 64 < len(each_its_own)


def test_any_texts_and_holes_unzip_to_the_whole():
    """Holes of every length deflate copies (3–257) and beyond, met again near and farther back than
    deflate's window (32 kB)."""
    rng = random.Random(27)
    for _trial in range(300):
        count = rng.randint(1, 10)
        texts = [
            bytes(rng.choice(b"ab<>/ x") for _ in range(rng.choice([0, 1, 50, 3000, 40_000])))
            for _ in range(count)
        ]
        tokens = [rng.randbytes(rng.choice([1, 2, 3, 64, 78, 257, 258, 300])) for _ in range(3)]
        holes = [rng.choice(tokens) for _ in range(count - 1)]
        whole = b"".join(text + hole for text, hole in zip(texts, [*holes, b""], strict=True))
        assert gzip.decompress(gzipped.Parts(texts, [len(hole) for hole in holes]).gzipped(holes)) == whole
