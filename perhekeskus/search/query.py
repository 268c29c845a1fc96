"""From the words a family types to match expressions for the full-text index.

Every word must match (AND); a word matches when a document holds any of its terms, all parts of
one of its compound readings, or its thesaurus synonyms. The last word also matches as a prefix
(search as you type). A word naming a municipality becomes a municipality filter instead.
"""

import re
from dataclasses import dataclass, field, replace

from perhekeskus.core.expiring import expiring
from perhekeskus.search import analysis, everyday

# A life situation named by the everyday vocabulary stands first for this many of its service types.
FIRST_TYPES = 1

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
    # A need the everyday vocabulary recognised (search.everyday): the other words of the query only
    # rank what the needs find.
    need: bool = False
    # The service types that answer the need best (of its first code): they rank first among equals.
    first_types: tuple[str, ...] = ()
    # A word most documents hold ("lapsi"): beside a need it does not rank.
    common: bool = False

    def with_need(self, need: "Word") -> "Word":
        return replace(
            self, terms=self.terms | need.terms, own_terms=self.own_terms | need.own_terms, need=True,
            first_types=need.first_types,
        )  # fmt: skip


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: tuple[Word, ...]
    municipalities: tuple[str, ...] = ()
    # The words as typed (normalised), municipality words included, for a "did you mean" text.
    surfaces: tuple[str, ...] = field(default=())
    # Life situations the everyday vocabulary recognised in the words, best first.
    situations: tuple[str, ...] = ()

    def with_word(self, index: int, word: Word) -> "ParsedQuery":
        words = list(self.words)
        old = words[index].surface
        words[index] = word
        surfaces = tuple(word.surface if s == old else s for s in self.surfaces)
        return replace(self, words=tuple(words), surfaces=surfaces, text=" ".join(surfaces))


# Names of municipalities and the types of life situations are read again after this many seconds
# (coordinators may change them in the admin).
TAXONOMY_TTL = 300


@expiring(TAXONOMY_TTL)
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


def _in_a_network(code: str) -> bool:
    from perhekeskus.network.models import Municipality

    return Municipality.objects.filter(code=code, network__isnull=False).exists()


def municipality_of(surface: str) -> str | None:
    """The municipality a word names. A word that is also a common word of another base form ("virtaa":
    Virrat, or a current) names only a municipality of the site's networks."""
    names = _municipality_names()
    name = surface if surface in names else None
    if name is None:
        name = next((base for base in analysis.finnish_analysis(surface)[0] if base in names), None)
    if name is None:
        return None
    code = names[name]
    if analysis.other_words_than(surface, name) and not _in_a_network(code):
        return None
    return code


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


def parse(
    text: str, *, detect_municipalities: bool = True, known=lambda term: False, common=lambda term: False
) -> ParsedQuery:
    """The words of a query: question frames and stop words left out, municipality names taken as a
    filter, phrases of the everyday vocabulary as needs (one word each), the rest as typed."""
    surfaces = analysis.query_words(text)
    framed = everyday.frame_positions(surfaces, phrases_only=True)
    stops = analysis.stop_words()
    meaningful = [
        i
        for i, s in enumerate(surfaces)
        if i not in framed and s not in stops and not analysis.is_negation(s)
    ]
    # A query of frame or stop words only ("apua", "ei") is searched as typed.
    meaningful = (
        meaningful
        or [i for i, s in enumerate(surfaces) if not analysis.is_negation(s)]
        or list(range(len(surfaces)))
    )
    typing = bool(text) and not analysis.normalize(text)[-1:].isspace()
    municipalities, taken = [], set()
    for index in meaningful:
        surface = surfaces[index]
        code = municipality_of(surface) if detect_municipalities and not surface.isdigit() else None
        if code is not None:
            municipalities.append(code)
            taken.add(index)
    needs = everyday.needs(surfaces, skip=framed | taken, known=known)
    needed = {index: need for need in needs for index in need.positions}
    # Frame words of their own ("apua", "help") unless a phrase took them or nothing else is left.
    single_frames = everyday.frame_positions(surfaces) - set(needed)
    if set(meaningful) - single_frames:
        meaningful = [i for i in meaningful if i not in single_frames]
    words, seen = [], set()
    for index in meaningful:
        need = needed.get(index)
        if index in taken or (need is not None and index != need.positions[0]):
            continue
        if need is None and surfaces[index] in seen and index != len(surfaces) - 1:
            continue  # a word typed again asks nothing more
        seen.add(surfaces[index])
        if need is not None and len(need.positions) > 1:
            words.append(need_word(need, " ".join(surfaces[i] for i in need.positions)))
            continue
        word = make_word(surfaces[index], as_prefix=typing and index == len(surfaces) - 1, known=known)
        word = replace(word, common=any(common(t) for t in word.own_terms))
        if need is not None:  # a word of the vocabulary also means what it says ("separation")
            word = word.with_need(need_word(need, word.surface))
        words.append(word)
    situations = _situations()
    return ParsedQuery(
        text=" ".join(surfaces),
        words=tuple(words),
        municipalities=tuple(municipalities),
        surfaces=tuple(surfaces),
        situations=tuple(dict.fromkeys(c for need in needs for c in need.codes if c in situations)),
    )


def need_word(need: everyday.Need, surface: str) -> Word:
    """A need of the everyday vocabulary as one query word: the index terms of the service types that
    answer it; services of its first code's types (the vocabulary lists the best first) rank above
    those of its others (`first_types`). A life situation stands for its own term (and, when the entry
    names no type, for the first types of its guide, the ones a family usually meets first), and less
    strongly (as synonyms do) for the terms of its other types."""
    situations = _situations()
    names_types = any(code not in situations for code in need.codes)
    named, wider = set(), set()
    for code in need.codes:
        terms = {everyday.type_term(code)}
        if code in situations:
            terms = {everyday.situation_term(code)}
            if not names_types:
                terms.update(everyday.type_term(t) for t in situations[code][:FIRST_TYPES])
            wider.update(everyday.type_term(t) for t in situations[code])
        named.update(terms)
    return Word(
        surface=surface, terms=frozenset(named | wider), own_terms=frozenset(named), need=True,
        first_types=_first_types(need.codes[0], situations),
    )  # fmt: skip


def _first_types(code: str, situations: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The service types of a need's first code (the best answer: it ranks first among equals)."""
    return situations[code][:FIRST_TYPES] if code in situations else (code,)


@expiring(TAXONOMY_TTL)
def _situations() -> dict[str, tuple[str, ...]]:
    """Life situation code → the codes of its service types, in the order of the reference data (the
    order a family usually meets them)."""
    from perhekeskus.catalog.models import LifeSituation
    from perhekeskus.catalog.reference import read_csv

    reference = {row["code"]: row["service_types"].split(";") for row in read_csv("life-situations.csv")}
    found = {}
    for situation in LifeSituation.objects.prefetch_related("service_types"):
        order = reference.get(situation.code, [])
        codes = [t.code for t in situation.service_types.all()]
        found[situation.code] = tuple(
            sorted(codes, key=lambda c: order.index(c) if c in order else len(order))
        )
    return found


def grouping_key(text: str) -> str:
    """The words of a query as reports group searches: each meaningful word's base form, municipality
    names and negations left out, in alphabetical order. Inflected forms of one query share a key ("perhekahvilaan",
    "perhekahvilat" → "perhekahvila"); of a word's several readings the shortest is taken ("tukea"
    reads as "tuki" or "tukea": "tuki", as "tuen")."""
    keys = set()
    for surface in analysis.query_words(text):
        if (
            surface in analysis.stop_words()
            or analysis.is_negation(surface)
            or municipality_of(surface) is not None
        ):
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
    """All words must match (`any_word`: any). When the everyday vocabulary recognised needs among the
    words, only the needs must: "vauva itkee koko ajan" finds what answers a crying baby, and the
    other words ("koko ajan") only rank those (in the scoring expression, `synonyms` False)."""
    needs = tuple(w for w in words if w.need)
    if any_word or not needs or len(needs) == len(words):
        return _joined(words, vendor, any_word, synonyms)
    required = _joined(needs, vendor, False, synonyms)
    ranking = tuple(w for w in words if w.need or not w.common)
    if synonyms or ranking == needs:
        return required
    return f"{required} {'AND' if vendor == 'sqlite' else '&'} ({_joined(ranking, vendor, True, synonyms)})"


def _joined(words: tuple[Word, ...], vendor: str, any_word: bool, synonyms: bool) -> str:
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
    # Only services that can use an interpreter (free of charge or for a fee).
    interpreter: bool = False
    open_now: bool = False
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    # The family's own municipality, remembered from an earlier choice: not a filter, but its services
    # rank first.
    home_municipality: str | None = None

    def preferred_municipalities(self) -> list[str]:
        """The municipalities whose services rank first: those chosen, else the family's own."""
        return self.municipality or ([self.home_municipality] if self.home_municipality else [])

    def code_lists(self) -> list[tuple[str, list[str]]]:
        """The list filters in use, with their codes."""
        return [(name, getattr(self, name)) for name in LIST_FILTERS if getattr(self, name)]
