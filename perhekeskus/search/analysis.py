"""Text analysis for search, the same at index and at query time.

Text is normalised (NFKC, case folded) and split into words. A Finnish word becomes its base forms
and the base forms of its compound parts (Voikko): "lastenneuvolassa" → lastenneuvola, lapsi, neuvola.
Swedish, English, Russian, Arabic, Persian and Estonian text is stemmed with Snowball, Ukrainian
reduced to its base forms and Somali to light stems (`morphology`); a word Voikko does not know gets
the Finnish Snowball stem. A query word does not know its language, so it is analysed every way its
script allows, and a document matches the word when it holds any of the word's terms.
"""

import csv
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import pyvoikko
import snowballstemmer

from perhekeskus.search import morphology

# A word; hyphens join the parts of a compound, an apostrophe the letters of a Ukrainian word ("сім'я").
WORD_RE = re.compile(r"[^\W_]+(?:(?:-|(?<=[\u0400-\u04ff])'(?=[\u0400-\u04ff]))[^\W_]+)*")
_APOSTROPHE_RE = re.compile(r"(?<=[\u0400-\u04ff])[’ʼ‘`](?=[\u0400-\u04ff])")
# Letters written several ways: the Arabic script's vowel marks, tatweel and the zero-width (non-)
# joiner inside Persian words ("بچه‌ها") left out, hamza on alef written as alef; Arabic-Indic and
# Persian digits as 0–9; Russian "ё" as the "е" it is usually written as.
_FOLDED = str.maketrans(
    {
        **dict.fromkeys([*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE),
                         0x0640, 0x200C, 0x200D]),
        **dict.fromkeys(map(ord, "أإآٱ"), "ا"),
        **{0x0660 + n: str(n) for n in range(10)},
        **{0x06F0 + n: str(n) for n in range(10)},
        ord("ё"): "е",
    }
)  # fmt: skip
# English "n't": "won't" is "will not", "doesn't" "does not" (an apostrophe would split the word).
CONTRACTION_RE = re.compile(r"\b([^\W_]+?)n['’]t\b")
CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
# Words that negate what stands beside them ("lapsi ei puhu", "äter inte", "won't eat"). Finnish
# negation verbs in all persons are known to Voikko ("en", "emme", "eikä": class kieltosana).
NEGATIONS = frozenset({"inte", "ej", "icke", "aldrig", "inget", "ingen", "inga",
                       "not", "no", "never", "cannot", "nothing", "none", "neither", "nor",
                       # contractions typed without the apostrophe
                       "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "werent",
                       "havent", "hasnt", "couldnt", "wouldnt", "shouldnt",
                       # Russian, Ukrainian, Arabic (Persian negates in the verb: "نمی‌خوابد";
                       # Estonian "ei" is Finnish's; Somali "ma" is also Estonian "I")
                       "не", "нет", "ні", "لا", "لم", "لن", "ليس"})  # fmt: skip
DATA_DIR = Path(__file__).resolve().parent / "data"
PROPER_NOUN_CLASSES = frozenset({"paikannimi", "etunimi", "sukunimi", "nimi"})

_STEMMERS = {code: snowballstemmer.stemmer(name) for code, name in
             (("fi", "finnish"), ("sv", "swedish"), ("en", "english"), ("ru", "russian"),
              ("ar", "arabic"), ("fa", "persian"), ("et", "estonian"))}  # fmt: skip
# Voikko (pyvoikko's pure-Python transducer) recurses some 20 calls deep per letter: a long word made
# of short parts ("talotalotalo…") would exceed Python's recursion limit. Longer words than this are
# not analysed (the longest real Finnish compounds are rarely longer); they get the Snowball stem.
MAX_ANALYSED_WORD = 40


def normalize(text: str) -> str:
    """NFKC, case folded. Folding may leave text that is not in NFKC ("İ" with a mark below becomes
    "i", a dot above and the mark, out of canonical order): NFKC once more makes the result the same
    however often text is normalised."""
    # The acute accent typed for an apostrophe ("сім´я"): NFKC would make it a space and a mark.
    folded = unicodedata.normalize("NFKC", (text or "").replace("\u00b4", "'")).casefold()
    if not folded.isascii():
        folded = _APOSTROPHE_RE.sub("'", folded.translate(_FOLDED))
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", folded)


def expand_contractions(text: str) -> str:
    return CONTRACTION_RE.sub(lambda m: CONTRACTED.get(m.group(1).casefold(), m.group(1)) + " not", text)


def query_words(text: str) -> list[str]:
    """The words of a query as typed, normalised, in order; a hyphenated word is one word ("lähi-
    suhdeväkivalta" → "lähisuhdeväkivalta"), English contractions are two ("don't" → "do not")."""
    return [m.group().replace("-", "") for m in WORD_RE.finditer(normalize(expand_contractions(text)))]


@lru_cache(maxsize=10_000)
def is_negation(word: str) -> bool:
    return word in NEGATIONS or any(a.CLASS == "kieltosana" for a in _voikko(word))


def words(text: str) -> list[str]:
    """Normalised words; a hyphenated compound gives the whole word (without hyphens) and its parts."""
    found = []
    for match in WORD_RE.finditer(normalize(text)):
        word = match.group()
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            found.append("".join(parts))
            found.extend(parts)
        else:
            found.append(word)
    return found


@cache
def stop_words() -> frozenset[str]:
    with open(DATA_DIR / "stop-words.txt", encoding="utf-8") as file:
        return frozenset(
            normalize(line.strip()) for line in file if line.strip() and not line.startswith("#")
        )


def _clean_base(base: str) -> str:
    return normalize(base).replace("=", "").replace("-", "")


@lru_cache(maxsize=200_000)
def finnish_analysis(word: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Base forms of a Finnish word and, for a compound, its parts' base forms.

    A word Voikko does not know gets its Finnish Snowball stem as the only base form.
    """
    bases, compounds = set(), set()
    analyses = _voikko(word)
    # The parts of a place name are not its meaning: "Joensuu" is no "joki" (river) nor "suu" (mouth).
    is_name = any(a.CLASS in PROPER_NOUN_CLASSES for a in analyses)
    for analysis in analyses:
        if analysis.BASEFORM:
            bases.add(_clean_base(analysis.BASEFORM))
        parts = tuple(_clean_base(p.BASEFORM) for p in analysis.COMPOUND_PARTS or () if p.BASEFORM)
        if len(parts) > 1 and not is_name:
            compounds.add(parts)
    if not bases:
        bases.add(_STEMMERS["fi"].stemWord(word))
    return tuple(sorted(b for b in bases if b)), tuple(sorted(compounds))


@lru_cache(maxsize=200_000)
def finnish_terms(word: str) -> tuple[str, ...]:
    """Index terms of a Finnish word: its base forms and the base forms of its compound parts."""
    bases, compounds = finnish_analysis(word)
    return tuple(sorted({*bases, *(part for parts in compounds for part in parts if len(part) > 1)}))


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    found = _STEMMERS[language].stemWord(word)
    if language == "et" and len(found) > 4 and found[-1] in "aeiuõäöü":
        # Snowball's Estonian stem keeps the vowel of the genitive ("kooli", "lapse"); without it,
        # the nominative's is the same ("kool", "laps").
        return found[:-1]
    return found


def _voikko(word: str) -> tuple:
    """Voikko's analyses of a word; none for a word too long to analyse."""
    if len(word) > MAX_ANALYSED_WORD:
        return ()
    try:
        return _analyses(word)
    except RecursionError:  # called from deep in the stack already: analysed as an unknown word
        return ()


@lru_cache(maxsize=50_000)
def _analyses(word: str) -> tuple:
    # Cached: a query's word is asked about several times (negation, base forms, known word, verb).
    return tuple(pyvoikko.analyse(word))


def is_known_finnish(word: str) -> bool:
    return bool(_voikko(word))


# Words of Swedish and English at least this common (wordfreq's Zipf scale: 2 is once in ten million
# words) count as known words of the language; rarer entries of the lists are often typos themselves.
KNOWN_ZIPF = 2.0


@cache
def _word_list(language: str) -> frozenset[str]:
    """The known words of Swedish or English (wordfreq); read once per process (a web process reads
    them before its first request: search.selectors.warm)."""
    import wordfreq

    buckets = wordfreq.read_cBpack(wordfreq.available_languages(wordlist="best")[language])
    # Bucket i holds the words of frequency 10^(-i/100), Zipf 9 - i/100.
    return frozenset(word for bucket in buckets[: int((9 - KNOWN_ZIPF) * 100) + 1] for word in bucket)


def is_known(word: str, language: str) -> bool:
    """Whether `word` is a word of `language` (fi: Voikko knows it; the others with a word list in
    wordfreq, among them sv, en, ru, uk, ar and fa: a common enough word)."""
    if language == "fi":
        return is_known_finnish(word)
    return word in _word_list(language)


@lru_cache(maxsize=10_000)
def other_words_than(word: str, name: str) -> bool:
    """Whether Voikko also reads `word` as a common word of another base form than `name` ("virtaa":
    "virta", a current, besides Virrat; "joensuussa" is Joensuu or a river mouth, the same word)."""
    return any(
        a.CLASS not in PROPER_NOUN_CLASSES and _clean_base(a.BASEFORM or "") != name for a in _voikko(word)
    )


PERSONAL_NAME_CLASSES = frozenset({"etunimi", "sukunimi"})


def personal_name_reading(word: str) -> str:
    """How Voikko reads a normalised word as a person's name: "only" as a first name or surname ("eetu",
    "virtanen"), "also" besides a common word ("onni", "tuuli"), "no", or "unknown" (not a word it knows)."""
    classes = {a.CLASS for a in _voikko(word)}
    if not classes:
        return "unknown"
    if not classes & PERSONAL_NAME_CLASSES:
        return "no"
    return "only" if classes <= PROPER_NOUN_CLASSES else "also"


@lru_cache(maxsize=10_000)
def is_finnish_verb(word: str) -> bool:
    return any(a.CLASS == "teonsana" for a in _voikko(word))


def word_terms(word: str, language: str) -> tuple[str, ...]:
    """Index terms of one normalised word of text written in `language`."""
    if word.isdigit():
        return (word,)
    if language == "uk":
        return morphology.ukrainian_lemmas(word)
    word = word.replace("'", "")  # only the Ukrainian dictionary reads it: a term is letters only
    if language == "fi":
        return finnish_terms(word)
    if language in MARKED_STEMS:
        return (word, marked_stem(word, language))
    if language not in _STEMMERS:  # the Sámi languages: the word as written
        return (word,)
    return (stem(word, language),)


# Estonian and Somali stems are short and written in Latin letters: unmarked, they would meet other
# languages' words in the index's one space of terms ("peer" is Estonian "per", Somali "aabe" is "ab"
# of "Oy Ab"). They are marked with their language, and the word as written is a term beside them.
MARKED_STEMS = ("et", "so")


@lru_cache(maxsize=100_000)
def marked_stem(word: str, language: str) -> str:
    found = morphology.somali_stem(word) if language == "so" else stem(word, language)
    return f"zzl{language}{found}"


def query_alternatives(word: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """What a query word may stand for, whatever its language: single terms (any one matches) and
    compound part groups (all parts of one group must match)."""
    if word.isdigit():
        return frozenset({word}), ()
    script = morphology.script_of(word)
    if script == morphology.CYRILLIC:
        written = word.replace("'", "")
        return frozenset({written, stem(written, "ru"), *morphology.ukrainian_lemmas(word)}), ()
    if script == morphology.ARABIC:
        return frozenset({word, stem(word, "ar"), stem(word, "fa")}), ()
    bases, compounds = finnish_analysis(word)
    marked = (marked_stem(word, language) for language in MARKED_STEMS)
    return frozenset({*bases, stem(word, "sv"), stem(word, "en"), word, *marked}), compounds


@lru_cache(maxsize=100_000)
def text_terms(text: str, language: str) -> tuple[str, ...]:
    """Index terms of a text; stop words are left out. Cached: names of types, organisations and
    municipalities repeat across thousands of documents."""
    stops = stop_words()
    terms = []
    for word in words(text):
        if word not in stops:
            terms.extend(word_terms(word, language))
    return tuple(terms)


@lru_cache(maxsize=100_000)
def suggestion_words(text: str, language: str) -> frozenset[str]:
    """Words of a text that "did you mean" may suggest: the words as written and, for Finnish, their
    base forms ("neuvola" rather than "neuvolan")."""
    found = set()
    for word in words(text):
        if len(word) > 2 and not word.isdigit():
            found.add(word)
            if language == "fi":
                found.update(base for base in finnish_analysis(word)[0] if len(base) > 2)
    return frozenset(found)


@cache
def generic_compound_parts() -> frozenset[str]:
    with open(DATA_DIR / "generic-compound-parts.txt", encoding="utf-8") as file:
        return frozenset(line.strip() for line in file if line.strip() and not line.startswith("#"))


def _groups(filename: str) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    with open(DATA_DIR / filename, encoding="utf-8") as file:
        for row in csv.reader(line for line in file if line.strip() and not line.startswith("#")):
            group_terms = set()
            for entry in (e.strip() for e in row if e.strip()):
                group_terms.update(query_alternatives(normalize(entry))[0])
            for term in group_terms:
                groups.setdefault(term, set()).update(group_terms)
    return {term: frozenset(synonyms) for term, synonyms in groups.items()}


@cache
def thesaurus() -> dict[str, frozenset[str]]:
    """Term → the terms of its synonyms, from thesaurus.csv: groups of single-word synonyms of service
    words in any language; a word's terms are all its readings (Finnish base forms, Swedish and English
    stems). Service type names carry these synonyms in the index too."""
    return _groups("thesaurus.csv")


@cache
def translations() -> dict[str, frozenset[str]]:
    """Everyday words across languages (translations.csv), used to widen queries only."""
    return _groups("translations.csv")
