"""The words of the index with their document counts, cached per process for a few minutes.

Indexing in this process forgets the cache at once; other processes see new words within the TTL.
"""

from perhekeskus.core.expiring import expiring
from perhekeskus.search.models import SearchWord

TTL = 300
# "perhetyontekija" is "perhetyöntekijä" typed without the Nordic letters.
FOLDED = str.maketrans("äöå", "aoa")


@expiring(TTL)
def _cached() -> tuple[list[str], dict[str, int], list[str]]:
    counts = dict(SearchWord.objects.values_list("word", "document_count"))
    words = list(counts)
    return words, counts, [fold(w) for w in words]


def vocabulary() -> tuple[list[str], dict[str, int]]:
    """Words of the index with their document counts, cached for a few minutes per process."""
    words, counts, _folded = _cached()
    return words, counts


def folded_vocabulary() -> tuple[list[str], dict[str, int], list[str]]:
    """The words of the index with their counts, and the same words without the letters ä, ö and å
    (fold), of one reading."""
    return _cached()


def fold(word: str) -> str:
    return word.translate(FOLDED)


def forget() -> None:
    _cached.forget()
