"""The analysis of the public site's six further languages (decision 0021): which script a word is
written in, Ukrainian base forms (pymorphy3 with its Ukrainian dictionary) and Somali light stems.
Russian, Arabic, Persian and Estonian are stemmed with Snowball in `analysis`.
"""

import re
from functools import cache, lru_cache

CYRILLIC, ARABIC, LATIN, OTHER = "cyrillic", "arabic", "latin", "other"
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_LATIN_RE = re.compile(r"[a-zà-ɏ]")


@lru_cache(maxsize=100_000)
def script_of(word: str) -> str:
    """The script of a normalised word, by its first letter of a script this analysis knows."""
    for letter in word:
        if _LATIN_RE.match(letter):
            return LATIN
        if _CYRILLIC_RE.match(letter):
            return CYRILLIC
        if _ARABIC_RE.match(letter):
            return ARABIC
    return OTHER


@cache
def _ukrainian():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=100_000)
def ukrainian_lemmas(word: str) -> tuple[str, ...]:
    """The base forms the Ukrainian dictionary knows for a word ("дітей" → дитина, "сім'ї" → сімя);
    a word it does not know stays as written, rather than becoming one of its guesses. Apostrophes
    are left out of the terms: a term is letters only."""
    parses = _ukrainian().parse(word)
    known = sorted({p.normal_form for p in parses if p.is_known})
    return tuple(lemma.replace("'", "") for lemma in known) or (word.replace("'", ""),)


# Somali: the definite article, demonstratives and possessives are suffixes of the noun ("carruurta",
# the children; "hooyadayda", my mother), written as one word. No maintained stemmer exists; these
# are taken off, longest first, when at least three letters remain, and then a plural ending
# ("hooyooyinka", the mothers).
_SOMALI_ARTICLES = sorted(
    {
        f"{article}{ending}"
        for article in ("k", "t", "g", "d", "h", "sh")
        for ending in ("ayga", "ayda", "aaga", "aada", "iisa", "eeda", "ooda", "ayaga", "eenna", "iina",
                       "ii", "an", "aas", "a", "u")
    },
    key=len,
    reverse=True,
)  # fmt: skip
_SOMALI_PLURALS = ("ooyin", "ayaal", "yaal")
# A short noun's plural repeats its last consonant after an a: "qoys", "qoysas" (families).
_REPEATED_PLURAL_RE = re.compile(r"^(.{2,}([^aeiou]))a\2$")
_DOUBLED_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=100_000)
def somali_stem(word: str) -> str:
    """A Somali word without its suffixes and plural endings, doubled letters written once and a final a/o/e left out
    ("carruurta", "caruur", "carruurtayda" → carur; "hooyada", "hooyo" → hoy): Somali is written
    with many spellings of long vowels and doubled consonants, and a family's typing varies more."""
    stem = word
    for suffixes in (_SOMALI_ARTICLES, _SOMALI_PLURALS):
        for suffix in suffixes:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stem = stem[: -len(suffix)]
                break
    stem = _REPEATED_PLURAL_RE.sub(r"\1", stem)
    stem = _DOUBLED_RE.sub(r"\1", stem)
    if len(stem) >= 3 and stem[-1] in "aoe":
        stem = stem[:-1]
    return stem
