"""Spelling correction ("did you mean"): the index words nearest to a word that finds nothing."""

from collections.abc import Callable

from perhekeskus.search import analysis, morphology
from perhekeskus.search import query as search_query
from perhekeskus.search.backends import backend_for, reading
from perhekeskus.search.vocabulary import fold, folded_vocabulary

# On a tie the first: English loanwords are common in Swedish word lists, Swedish words in English ones
# are not.
LANGUAGES = ("fi", "en", "sv")
# A word in these scripts is a real word when either language's list has it (read at the first such
# word, not at a process's start: most searches are in Latin letters). Estonian and Somali have no
# word list; their words are corrected like any word that finds nothing.
SCRIPT_LANGUAGES = {morphology.CYRILLIC: ("ru", "uk"), morphology.ARABIC: ("ar", "fa")}


def corrections(word: str) -> list[str]:
    """Index words nearest to `word`. A missing or extra letter costs 1 and a wrong letter 2, since
    dropped letters are the commonest typo; longer words may have more edits. "a" for "ä", "o" for
    "ö" costs nothing (a keyboard without them). Most common first."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    if len(word) < 4 or word.isdigit():
        return []
    words, counts, folded = folded_vocabulary()
    limit = 1 if len(word) == 4 else 2 if len(word) < 8 else 3
    candidates = process.extract(
        fold(word),
        folded,
        scorer=Levenshtein.distance,
        scorer_kwargs={"weights": (1, 1, 2)},
        score_cutoff=limit,
        limit=30,
    )
    if not candidates:
        return []
    nearest = min(c[1] for c in candidates)
    best = {words[c[2]] for c in candidates if c[1] == nearest} - {word}
    return sorted(best, key=lambda w: (w[0] != word[0], -counts[w], w))[:5]


def query_language(words: tuple[str, ...], default: str) -> str:
    """The language most of the words are known in: "tired mother" is English on a Finnish page.
    The page's language when no other knows more of them."""
    known = {language: sum(analysis.is_known(w, language) for w in words) for language in LANGUAGES}
    best = max(known, key=lambda language: (known[language], language == default, -LANGUAGES.index(language)))
    return best if known[best] > known.get(default, 0) else default


def _is_word(word: str, language: str) -> bool:
    languages = SCRIPT_LANGUAGES.get(morphology.script_of(word))
    if languages is None:
        return analysis.is_known(word, language)
    return any(analysis.is_known(word, other) for other in languages)


def corrected(
    cursor,
    parsed: search_query.ParsedQuery,
    count: Callable[[search_query.ParsedQuery], int],
    language: str,
) -> search_query.ParsedQuery | None:
    """The query with each word that matches nothing replaced by the nearest index word that, with the
    other words and the filters, finds the most services (`count`: how many a query finds under the
    filters); None when no word was replaced.
    A word of the query's language is never replaced: a real word that finds nothing is not a typo
    (`language`: the page's; the words may tell another)."""
    changed = parsed
    in_language = query_language(parsed.surfaces, language if language in LANGUAGES else "fi")
    for index, word in enumerate(parsed.words):
        if " " in word.surface or _is_word(word.surface, in_language):
            continue
        if backend_for(search_query.match_expression((word,), reading().vendor)).finds_any(cursor):
            continue
        options = [changed.with_word(index, search_query.make_word(c)) for c in corrections(word.surface)]
        if options:
            counts = [count(option) for option in options]
            changed = options[counts.index(max(counts))]
    return None if changed is parsed else changed
