"""What a family must not leave in a question before anyone reads it: identity codes, phone numbers,
e-mail and street addresses (the search log's detectors, search.scrubbing) and people's names.

A word is taken for a name when Finnish morphology (Voikko) knows it only as a first name or surname
("Eetu", "Virtanen"); or, written with a capital letter inside a sentence, when it is also a name
("Onni", "Tuuli") or a word neither Finnish, Swedish nor English knows ("Ahmed"). Place names are kept:
a municipality identifies nobody. Names in scripts without capital letters (Arabic, Persian) are not
found. Each find is replaced by the same placeholder; when anything was taken out, the family is shown
the result to check before it is sent (web.question_views)."""

import unicodedata

from perhekeskus.search import analysis
from perhekeskus.search.scrubbing import PLACEHOLDER, scrub_telling

__all__ = ["PLACEHOLDER", "screen"]

# The languages whose word lists tell a foreign name from a word, besides Finnish.
OTHER_LANGUAGES = ("sv", "en")
SENTENCE_ENDS = ".!?:;\n"
NFKC_PLACEHOLDER = unicodedata.normalize("NFKC", PLACEHOLDER)


def _is_name(word: str, start: int, line: str) -> bool:
    if len(word) < 2 or word.isupper():
        return False
    lowered = analysis.normalize(word)
    reading = analysis.personal_name_reading(lowered)
    known_elsewhere = any(analysis.is_known(lowered, language) for language in OTHER_LANGUAGES)
    if reading == "only":
        # Typed in lower case, an English or Swedish word is that word ("will", "alla"), not a name.
        return word[0].isupper() or not known_elsewhere
    capital_inside = word[0].isupper() and line[:start].rstrip()[-1:] not in ("", *SENTENCE_ENDS)
    if not capital_inside:
        return False
    if reading == "also":
        return True
    return reading == "unknown" and len(word) > 2 and not known_elsewhere


def _without_names(line: str) -> tuple[str, bool]:
    parts, position, found = [], 0, False
    for match in analysis.WORD_RE.finditer(line):
        if _is_name(match.group(), match.start(), line):
            parts.append(line[position : match.start()] + PLACEHOLDER)
            position, found = match.end(), True
    return "".join(parts) + line[position:], found


def screen(text: str) -> tuple[str, frozenset[str]]:
    """The question as it may be stored, line by line (paragraphs kept), and the kinds of details
    taken out: "identity code", "e-mail", "address", "phone", "name"."""
    lines, kinds = [], set()
    for line in (text or "").strip().splitlines():
        clean, found = scrub_telling(line)
        # NFKC writes a placeholder sent back by the family as three dots: the same mark again.
        clean = clean.replace(NFKC_PLACEHOLDER, PLACEHOLDER)
        clean, named = _without_names(clean)
        kinds |= found | ({"name"} if named else set())
        lines.append(clean)
    return "\n".join(lines).strip(), frozenset(kinds)
