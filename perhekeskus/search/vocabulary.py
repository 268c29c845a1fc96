"""The words of the index with their document counts, cached per process for a few minutes.

Indexing in this process forgets the cache at once; other processes see new words within the TTL.
"""

import time

from perhekeskus.search.models import SearchWord

TTL = 300
_vocabulary: tuple[float, list[str], dict[str, int]] | None = None


def vocabulary() -> tuple[list[str], dict[str, int]]:
    """Words of the index with their document counts, cached for a few minutes per process."""
    global _vocabulary
    if _vocabulary is None or time.monotonic() - _vocabulary[0] > TTL:
        counts = dict(SearchWord.objects.values_list("word", "document_count"))
        _vocabulary = (time.monotonic(), list(counts), counts)
    return _vocabulary[1], _vocabulary[2]


def forget() -> None:
    global _vocabulary
    _vocabulary = None
