"""Families' everyday words for needs (data/everyday/<language>.csv) and the question frames around
them (data/question-frames.txt), recognised in a query.

An entry is a phrase ("lapsi ei nuku", "won't eat", "dagis") with the service types or life situations
that answer it. A phrase matches a query that holds each of its words (in any order, other words
between; Finnish and Ukrainian words by base form, the other languages by stem), and holds a negation beside them if
and only if the phrase has one: "ei syö" is not "syö". The words a phrase matched then stand for one
need, searched as the index terms of its types (see `type_term`), which every document of such a type
carries: the vocabulary can grow without rewriting the index, and the phrase's own words, which stand
in many unrelated documents, no longer drive the ranking.
"""

import csv
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata

from perhekeskus.core.translation import PUBLIC_LANGUAGES
from perhekeskus.search import analysis

logger = logging.getLogger(__name__)

LANGUAGES = PUBLIC_LANGUAGES
EVERYDAY_DIR = analysis.DATA_DIR / "everyday"
FRAMES = analysis.DATA_DIR / "question-frames.txt"
# The analysed vocabulary (`manage.py compile_vocabulary`), and what it is compiled from. FORMAT
# changes when the analysis does, so that a test tells the file is out of date.
COMPILED = EVERYDAY_DIR / "compiled.json"
SOURCES = (
    *(EVERYDAY_DIR / f"{language}.csv" for language in LANGUAGES),
    FRAMES,
    analysis.DATA_DIR / "stop-words.txt",
)
FORMAT = 2
# A negation negates the words after it, at most this many meaningful words away ("ei oikein syö",
# "does not eat"); these also the word just before them ("äter inte", "sover aldrig").
NEAR = 2
NEGATIONS_AFTER = frozenset({"inte", "ej", "icke", "aldrig"})
# Finnish negation verbs that are also Swedish or other words ("en psykolog"): a negation only before a verb.
AMBIGUOUS_NEGATIONS = frozenset({"en", "et"})
_CODE_RE = re.compile(r"[^a-z0-9]")
# A word no phrase matched stands for the codes of at least this share of the phrases it appears in.
ASSOCIATED_SHARE = 0.6
# … and of at least this many phrases (one or two may be a coincidence: "things to do").
ASSOCIATED_MIN = 2


def type_term(code: str) -> str:
    """The index term every document of a service type carries; no word of any language looks like it."""
    return "zzt" + _CODE_RE.sub("", code)


def situation_term(code: str) -> str:
    """The index term every document of a service of a life situation carries."""
    return "zzs" + _CODE_RE.sub("", code)


@dataclass(frozen=True)
class Entry:
    phrase: str
    language: str
    # The readings of each meaningful word: a query word matches a slot when it shares one.
    slots: tuple[frozenset[str], ...]
    negated: bool
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Need:
    """Words of a query that one or more entries matched, and the codes that answer them."""

    positions: tuple[int, ...]  # indexes of the matched words in the query's word list
    codes: tuple[str, ...]
    phrases: tuple[str, ...]


def _slot(word: str, language: str) -> frozenset[str]:
    if language == "fi":
        return frozenset({word, *analysis.finnish_analysis(word)[0]})
    return frozenset({word.replace("'", ""), *analysis.word_terms(word, language)})


@lru_cache(maxsize=10_000)
def _readings(word: str) -> frozenset[str]:
    """What a query word may be, whatever its language, and its everyday translations ("kid" is a
    "child", "barn" a "lapsi")."""
    readings = analysis.query_alternatives(word)[0]
    translations = analysis.translations()
    return readings.union(*(translations.get(r, ()) for r in readings))


@lru_cache(maxsize=10_000)
def _with_parts(word: str) -> frozenset[str]:
    """The readings of a query word and, of a compound no phrase knows ("koliikkivauva",
    "tarhapaikka"), those of its meaningful parts."""
    readings = _readings(word)
    index = _entries_by_reading()
    if any(r in index for r in readings):
        return readings
    generic = analysis.generic_compound_parts()
    compounds = analysis.finnish_analysis(word)[1]
    # "perheneuvolapalvelut" is first of all a "perheneuvola".
    shorter = {"".join(parts[:-1]) for parts in compounds if len(parts) > 2 and parts[-1] in generic}
    if any(r in index for s in shorter for r in _readings(s)):
        return readings.union(*(_readings(s) for s in shorter))
    parts = {p for parts in compounds for p in parts if len(p) > 2 and p not in generic}
    return readings.union(*(_readings(p) for p in parts))


def _data_rows(path):
    with open(path, encoding="utf-8") as file:
        yield from csv.reader(line for line in file if line.strip() and not line.startswith("#"))


def entries() -> tuple[Entry, ...]:
    return _vocabulary()[0]


def frames() -> tuple[tuple[frozenset[str], ...], ...]:
    """The question frames, longest first, each word with its Finnish base forms. Frames of several
    words ("en tiedä", "where can I find") are left out before the vocabulary is matched; frames of one
    word ("apua", "help") only from the words no phrase took ("home help" is a phrase)."""
    return _vocabulary()[1]


@cache
def _vocabulary() -> tuple[tuple[Entry, ...], tuple[tuple[frozenset[str], ...], ...]]:
    """The entries and frames, read from the compiled file (analysing some 4,000 words with Voikko
    takes seconds, too long for a process's first search) while it is that of the data files as they
    are; compiled here otherwise (a data file changed and `manage.py compile_vocabulary` has not run)."""
    try:
        compiled = json.loads(COMPILED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        compiled = {}
    if compiled.get("digest") != source_digest():
        logger.warning("%s is not that of the data files: compiling the vocabulary", COMPILED.name)
        compiled = compile_vocabulary()
    entries = tuple(
        Entry(phrase, language, tuple(frozenset(s) for s in slots), negated, tuple(codes))
        for phrase, language, slots, negated, codes in compiled["entries"]
    )
    frames = tuple(tuple(frozenset(w) for w in frame) for frame in compiled["frames"])
    return entries, frames


def source_digest() -> str:
    """Of the data files, the format, and the analysers (another Voikko dictionary reads other base
    forms)."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for package in ("pyvoikko", "snowballstemmer", "pymorphy3", "pymorphy3-dicts-uk"):
        digest.update(f"{package} {metadata.version(package)}".encode())
    for path in SOURCES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def compile_vocabulary() -> dict:
    """The entries and frames analysed, as the compiled file holds them (JSON, in a stable order)."""
    frames = []
    with open(FRAMES, encoding="utf-8") as file:
        for line in file:
            if line.strip() and not line.startswith("#"):
                frames.append(tuple(_frame_readings(w) for w in analysis.query_words(line)))
    frames.sort(key=len, reverse=True)
    phrase_frames = [f for f in frames if len(f) > 1]
    found = []
    stops = analysis.stop_words()
    for language in LANGUAGES:
        path = EVERYDAY_DIR / f"{language}.csv"
        if not path.exists():
            continue
        for row in _data_rows(path):
            if row[:2] == ["phrase", "codes"]:
                continue
            phrase, codes = row[0].strip(), [c.strip() for c in row[1].split(";") if c.strip()]
            words = analysis.query_words(phrase)
            framed = _frame_positions(words, phrase_frames)  # left out of queries before matching
            negated = any(_negates(words, i) for i in range(len(words)) if i not in framed)
            slots = [
                sorted(_slot(w, language))
                for i, w in enumerate(words)
                if i not in framed and w not in stops and not _negates(words, i)
            ]
            if slots and codes:
                found.append([phrase, language, slots, negated, codes])
    return {
        "digest": source_digest(),
        "frames": [[sorted(w) for w in frame] for frame in frames],
        "entries": found,
    }


@cache
def _entries_by_reading() -> dict[str, tuple[int, ...]]:
    index: dict[str, set[int]] = {}
    for number, entry in enumerate(entries()):
        for slot in entry.slots:
            for reading in slot:
                index.setdefault(reading, set()).add(number)
    return {reading: tuple(sorted(numbers)) for reading, numbers in index.items()}


def _negates(words: list[str], index: int) -> bool:
    word = words[index]
    if word in AMBIGUOUS_NEGATIONS:
        following = words[index + 1] if index + 1 < len(words) else ""
        return analysis.is_finnish_verb(following)
    return analysis.is_negation(word)


def _negated(sequence: list[str], negations: list[tuple[int, bool]]) -> tuple[set[int], set[int]]:
    """Places in `sequence` of the words a negation reaches: the next NEAR words ("ei halua syödä",
    "ei löydä opiskelupaikkaa") and the word before a negation that follows its verb ("äter inte");
    and of those, the words it surely negates: not past a verb's object or complement ("ei nuku
    väsynyt äiti": the mother is tired, not "not tired"). A phrase with a negation matches words it
    reaches; a phrase without one does not match words it surely negates."""
    reached: set[int] = set()
    negated: set[int] = set()
    places = {m for m, _after in negations}
    for m, after in negations:
        if after and m > 0:
            reached.add(m - 1)
            negated.add(m - 1)
        seen_verb = ended = False
        for n in range(m + 1, min(m + NEAR, len(sequence) - 1) + 1):
            if n in places:
                break
            verb = analysis.is_finnish_verb(sequence[n])
            ended = ended or (seen_verb and not verb)
            reached.add(n)
            if not ended:
                negated.add(n)
            seen_verb = seen_verb or verb
    return reached, negated


def needs(words: list[str], skip: frozenset[int] = frozenset(), known=lambda term: False) -> list[Need]:
    """The needs the vocabulary recognises in a query's words (in order; stop words included, they
    are passed over). `skip`: indexes of words already taken (municipality names). A longer phrase
    wins over a shorter one within it ("lapsi ei nuku" over "ei nuku"), of as long ones the one whose
    words stand closer together; phrases of the same words add
    their codes together. A word no phrase took and that no service's text uses (`known(term)`: a
    term of the index) stands for what the phrases it appears in are for (_associated_codes)."""
    stops = analysis.stop_words()
    # The meaningful words and negations, with their place in that sequence (for nearness).
    sequence = [i for i, w in enumerate(words) if i not in skip and (w not in stops or _negates(words, i))]
    negations = [(n, words[i] in NEGATIONS_AFTER) for n, i in enumerate(sequence) if _negates(words, i)]
    # A word no service's text uses may be read by its parts (_with_parts).
    content = [
        (n, i, _readings(words[i]) if any(known(r) for r in _readings(words[i])) else _with_parts(words[i]))
        for n, i in enumerate(sequence)
        if not _negates(words, i)
    ]
    reached, negated_words = _negated([words[i] for i in sequence], negations)
    index = _entries_by_reading()
    candidates = sorted(
        {number for _n, _i, readings in content for r in readings for number in index.get(r, ())}
    )
    all_entries = entries()
    matched: list[tuple[Entry, tuple[int, ...], int]] = []
    for number in candidates:
        entry = all_entries[number]
        used: list[tuple[int, int]] = []
        for slot in entry.slots:
            word = next(
                ((n, i) for n, i, readings in content if (n, i) not in used and readings & slot), None
            )
            if word is None:
                break
            used.append(word)
        else:
            if (
                any(n in reached for n, _i in used)
                if entry.negated
                else not any(n in negated_words for n, _i in used)
            ):
                matched.append((entry, tuple(sorted(i for _n, i in used)), number))
    # Longer phrases first; of as long ones, those whose words stand closer together.
    matched.sort(key=lambda m: (-len(m[1]), m[1][-1] - m[1][0], m[2]))
    accepted: list[tuple[frozenset[int], list[str], list[str]]] = []
    for entry, positions, _number in matched:
        taken = frozenset(positions)
        same = next((a for a in accepted if a[0] == taken), None)
        if same is not None:
            same[1].extend(c for c in entry.codes if c not in same[1])
            same[2].append(entry.phrase)
        elif not any(taken & a[0] for a in accepted):
            accepted.append((taken, list(entry.codes), [entry.phrase]))
    taken_by_phrases = frozenset().union(*(a[0] for a in accepted))
    framed = frame_positions(words)
    for n, i, readings in content:
        if i not in taken_by_phrases and i not in framed and not any(known(r) for r in readings):
            codes = _associated_codes(_readings(words[i]), negated=n in reached)
            if codes:
                accepted.append((frozenset({i}), list(codes), []))
    return sorted(
        (Need(tuple(sorted(taken)), tuple(codes), tuple(phrases)) for taken, codes, phrases in accepted),
        key=lambda need: need.positions,
    )


def _associated_codes(readings: frozenset[str], *, negated: bool) -> tuple[str, ...]:
    """The codes a word no phrase matched stands for on its own: those of most of the phrases it
    appears in ("kastelee" appears only where bedwetting is; "lapsi" is everywhere and stands for
    nothing)."""
    index = _entries_by_reading()
    all_entries = entries()
    found = {n for r in readings for n in index.get(r, ()) if all_entries[n].negated == negated}
    if not found:
        return ()
    counts: dict[str, int] = {}
    for number in found:
        for code in all_entries[number].codes:
            counts[code] = counts.get(code, 0) + 1
    return tuple(
        sorted(
            (c for c, count in counts.items() if count >= max(ASSOCIATED_MIN, ASSOCIATED_SHARE * len(found))),
            key=counts.get,
            reverse=True,
        )
    )


def _frame_readings(word: str) -> frozenset[str]:
    return frozenset({word, *analysis.finnish_analysis(word)[0]})


def frame_positions(words: list[str], *, phrases_only: bool = False) -> frozenset[int]:
    """Indexes of the words of a query that belong to question frames ("mistä saa apua", "where can
    I find"): left out of the search. `phrases_only`: frames of several words only."""
    return _frame_positions(words, *_frames_indexed(phrases_only))


@cache
def _frames_indexed(phrases_only: bool) -> tuple[list, dict[str, list[int]]]:
    chosen = [f for f in frames() if len(f) > 1] if phrases_only else list(frames())
    return chosen, _by_first_word(chosen)


def _by_first_word(frames) -> dict[str, list[int]]:
    """Reading of a frame's first word → the numbers of the frames that begin with it."""
    index: dict[str, list[int]] = {}
    for number, frame in enumerate(frames):
        for reading in frame[0]:
            index.setdefault(reading, []).append(number)
    return index


def _frame_positions(
    words: list[str], frames, by_first: dict[str, list[int]] | None = None
) -> frozenset[int]:
    """The words the frames take, each frame in turn (longest first) at each place it fits, leftmost
    first; `by_first` (_by_first_word): only the frames a word of the query begins are tried."""
    readings = [_frame_readings(w) for w in words]
    by_first = _by_first_word(frames) if by_first is None else by_first
    tried = sorted(
        {
            (number, start)
            for start, found in enumerate(readings)
            for r in found
            for number in by_first.get(r, ())
        }
    )
    taken: set[int] = set()
    for number, start in tried:
        frame = frames[number]
        span = range(start, start + len(frame))
        if (
            span.stop <= len(words)
            and not taken.intersection(span)
            and all(frame[k] & readings[start + k] for k in range(len(frame)))
        ):
            taken.update(span)
    return frozenset(taken)
