"""From the words a family types to match expressions for the full-text index.

Every word must match (AND); a word matches when a document holds any of its terms, all parts of
one of its compound readings, or its thesaurus synonyms. The last word also matches as a prefix
(search as you type). A word naming a municipality becomes a municipality filter instead.
"""

import re
from dataclasses import dataclass, field, replace
from functools import cache

from perhekeskus.search import analysis

QUERY_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
SAFE_TERM_RE = re.compile(r"^[^\W_]+$")
MIN_PREFIX = 3


@dataclass(frozen=True)
class Word:
    surface: str
    terms: frozenset[str]
    compounds: tuple[tuple[str, ...], ...] = ()
    prefix: str | None = None
    # The terms of the word itself, without thesaurus synonyms: documents that match these rank first.
    own_terms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: tuple[Word, ...]
    municipalities: tuple[str, ...] = ()
    # The words as typed (normalised), municipality words included, for a "did you mean" text.
    surfaces: tuple[str, ...] = field(default=())

    def with_word(self, index: int, word: Word) -> "ParsedQuery":
        words = list(self.words)
        old = words[index].surface
        words[index] = word
        surfaces = tuple(word.surface if s == old else s for s in self.surfaces)
        return replace(self, words=tuple(words), surfaces=surfaces, text=" ".join(surfaces))


@cache
def _municipality_names() -> dict[str, str]:
    """Base form of a municipality name (fi or sv) → municipality code."""
    from perhekeskus.network.models import Municipality

    names = {}
    for code, name_fi, name_sv in Municipality.objects.values_list("code", "name_fi", "name_sv"):
        for name in {name_fi, name_sv}:
            normalised = analysis.normalize(name)
            if " " in normalised:
                continue
            names[normalised] = code
            for base in analysis.finnish_analysis(normalised)[0]:
                names.setdefault(base, code)
    return names


def municipality_of(surface: str) -> str | None:
    names = _municipality_names()
    if surface in names:
        return names[surface]
    for base in analysis.finnish_analysis(surface)[0]:
        if base in names:
            return names[base]
    return None


def make_word(surface: str, *, as_prefix: bool = False, known=lambda term: False) -> Word:
    """A query word and what it may stand for. `known(term)` tells whether a base form stands in the
    index: a compound that does ("tukiperhe") is not also read as its parts ("tuki" and "perhe", which
    stand nearly everywhere)."""
    terms, compounds = analysis.query_alternatives(surface)
    terms, compounds = set(terms), set(compounds)
    if any(known(term) for term in terms):
        compounds = {
            parts for parts in compounds if len(parts) > 1 and parts[-1] in analysis.generic_compound_parts()
        }
    # A compound ending in a generic word ("raskausaika", "parisuhdeongelmat") also stands for its
    # meaningful beginning ("raskaus", "parisuhde").
    generic = analysis.generic_compound_parts()
    for parts in list(compounds):
        if len(parts) > 1 and parts[-1] in generic:
            shorter = "".join(parts[:-1])
            terms |= analysis.query_alternatives(shorter)[0]
            if len(parts) > 2:
                compounds.add(parts[:-1])
    own = {t for t in terms if SAFE_TERM_RE.match(t)}
    expanded = set(own)
    for table in (analysis.thesaurus(), analysis.translations()):
        for term in own:
            expanded |= table.get(term, frozenset())
    return Word(
        surface=surface,
        own_terms=frozenset(own),
        terms=frozenset(t for t in expanded if SAFE_TERM_RE.match(t)),
        compounds=tuple(sorted(c for c in compounds if all(SAFE_TERM_RE.match(p) for p in c))),
        prefix=surface if as_prefix and len(surface) >= MIN_PREFIX and SAFE_TERM_RE.match(surface) else None,
    )


def parse(text: str, *, detect_municipalities: bool = True, known=lambda term: False) -> ParsedQuery:
    normalised = analysis.normalize(text)
    surfaces = [m.group().replace("-", "") for m in QUERY_WORD_RE.finditer(normalised)]
    stops = analysis.stop_words()
    meaningful = [s for s in surfaces if s not in stops] or surfaces
    typing = bool(normalised) and not normalised[-1].isspace()
    words, municipalities = [], []
    for index, surface in enumerate(meaningful):
        code = municipality_of(surface) if detect_municipalities and not surface.isdigit() else None
        if code is not None:
            municipalities.append(code)
            continue
        words.append(make_word(surface, as_prefix=typing and index == len(meaningful) - 1, known=known))
    return ParsedQuery(
        text=" ".join(surfaces),
        words=tuple(words),
        municipalities=tuple(municipalities),
        surfaces=tuple(surfaces),
    )


def grouping_key(text: str) -> str:
    """The words of a query as reports group searches: each meaningful word's base form, municipality
    names left out, in alphabetical order. Inflected forms of one query share a key ("perhekahvilaan",
    "perhekahvilat" → "perhekahvila"); of a word's several readings the shortest is taken ("tukea"
    reads as "tuki" or "tukea": "tuki", as "tuen")."""
    keys = set()
    for match in QUERY_WORD_RE.finditer(analysis.normalize(text)):
        surface = match.group().replace("-", "")
        if surface in analysis.stop_words() or municipality_of(surface) is not None:
            continue
        bases = () if surface.isdigit() else analysis.finnish_analysis(surface)[0]
        keys.add(min(bases, key=lambda base: (len(base), base)) if bases else surface)
    return " ".join(sorted(keys))[:200]


# --- Match expressions per backend -------------------------------------------------------------


def fts5_word(word: Word, synonyms: bool = True) -> str:
    options = [f'"{t}"' for t in sorted(word.terms if synonyms else word.own_terms)]
    options += ["(" + " AND ".join(f'"{p}"' for p in parts) + ")" for parts in word.compounds]
    if word.prefix:
        options.append(f'"{word.prefix}"*')
    return "(" + " OR ".join(options) + ")"


def tsquery_word(word: Word, synonyms: bool = True) -> str:
    options = [f"'{t}'" for t in sorted(word.terms if synonyms else word.own_terms)]
    options += ["(" + " & ".join(f"'{p}'" for p in parts) + ")" for parts in word.compounds]
    if word.prefix:
        options.append(f"'{word.prefix}':*")
    return "(" + " | ".join(options) + ")"


def match_expression(
    words: tuple[Word, ...], vendor: str, *, any_word: bool = False, synonyms: bool = True
) -> str:
    if vendor == "sqlite":
        return (" OR " if any_word else " AND ").join(fts5_word(w, synonyms) for w in words)
    return (" | " if any_word else " & ").join(tsquery_word(w, synonyms) for w in words)


# Filters that take a list of codes (any of them matches).
LIST_FILTERS = ("municipality", "service_type", "category", "life_situation", "delivery_mode", "language")


@dataclass
class Filters:
    municipality: list[str] = field(default_factory=list)
    service_type: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    life_situation: list[str] = field(default_factory=list)
    delivery_mode: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    age_months: int | None = None
    free: bool | None = None
    open_now: bool = False
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None

    def code_lists(self) -> list[tuple[str, list[str]]]:
        """The list filters in use, with their codes."""
        return [(name, getattr(self, name)) for name in LIST_FILTERS if getattr(self, name)]
