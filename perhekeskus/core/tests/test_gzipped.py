"""Kept answers compressed once, in parts (core.gzipped): what a client unzips is the answer whole."""

import gzip
import zlib

import pytest

from perhekeskus.core import gzipped


@pytest.mark.parametrize(
    "parts",
    [
        [b"<p>yksi</p>"],
        [b""],
        [b"<form>", b"", b"token-1", b"</form>" * 3000],
        [b"a" * 70_000, "ääkköset ja شكرا".encode(), b"a" * 70_000, b"<@csrf@>", b"loppu"],
    ],
)
def test_parts_compressed_apart_unzip_to_the_whole(parts):
    whole = b"".join(parts)
    written = gzipped.joined([(part, gzipped.deflated(part)) for part in parts])
    assert gzip.decompress(written) == whole  # the CRC-32 and the length are checked too
    assert zlib.decompress(written, wbits=31) == whole
    assert gzipped.compressed(whole) == gzipped.joined([(whole, gzipped.deflated(whole))])


def test_a_part_taken_from_another_answer_fails_the_check():
    first = gzipped.joined(
        [(b"page ", gzipped.deflated(b"page ")), (b"token-1", gzipped.deflated(b"token-1"))]
    )
    wrong = gzipped.joined(
        [(b"page ", gzipped.deflated(b"page ")), (b"token-1", gzipped.deflated(b"token-2"))]
    )
    assert gzip.decompress(first) == b"page token-1"
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(wrong)
