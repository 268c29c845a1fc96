"""The words of the index with their document counts, cached per process for a few minutes.

Indexing in this process forgets the cache at once; other processes see new words within the TTL.
"""

import time

from perhekeskus.search.models import SearchWord

TTL = 300
# "perhetyontekija" is "perhetyöntekijä" typed without the Nordic letters.
FOLDED = str.maketrans("äöå", "aoa")
_vocabulary: tuple[float, list[str], dict[str, int], list[str]] | None = None


def _cached() -> tuple[float, list[str], dict[str, int], list[str]]:
    global _vocabulary
    if _vocabulary is None or time.monotonic() - _vocabulary[0] > TTL:
        counts = dict(SearchWord.objects.values_list("word", "document_count"))
        words = list(counts)
        _vocabulary = (time.monotonic(), words, counts, [fold(w) for w in words])
    return _vocabulary


def vocabulary() -> tuple[list[str], dict[str, int]]:
    """Words of the index with their document counts, cached for a few minutes per process."""
    _at, words, counts, _folded = _cached()
    return words, counts


def folded_vocabulary() -> tuple[list[str], dict[str, int], list[str]]:
    """The words of the index with their counts, and the same words without the letters ä, ö and å
    (fold), of one reading."""
    _at, words, counts, folded = _cached()
    return words, counts, folded


def fold(word: str) -> str:
    return word.translate(FOLDED)


def forget() -> None:
    global _vocabulary
    _vocabulary = None
