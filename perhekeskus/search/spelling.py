"""Spelling correction ("did you mean"): the index words nearest to a word that finds nothing."""

from perhekeskus.search import query as search_query
from perhekeskus.search.backends import Sql, backend_for, backends_for, reading
from perhekeskus.search.vocabulary import vocabulary


def corrections(word: str) -> list[str]:
    """Index words nearest to `word`. A missing or extra letter costs 1 and a wrong letter 2, since
    dropped letters are the commonest typo; longer words may have more edits. Most common first."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    if len(word) < 4 or word.isdigit():
        return []
    words, counts = vocabulary()
    limit = 1 if len(word) == 4 else 2 if len(word) < 8 else 3
    candidates = process.extract(
        word,
        words,
        scorer=Levenshtein.distance,
        scorer_kwargs={"weights": (1, 1, 2)},
        score_cutoff=limit,
        limit=30,
    )
    if not candidates:
        return []
    nearest = min(c[1] for c in candidates)
    best = [c[0] for c in candidates if c[1] == nearest]
    return sorted(best, key=lambda w: (w[0] != word[0], -counts[w], w))[:5]


def corrected(cursor, parsed: search_query.ParsedQuery, base: Sql) -> search_query.ParsedQuery | None:
    """The query with each word that matches nothing replaced by the nearest index word that, with the
    other words and the filters (`base`), finds the most services; None when no word was replaced."""
    changed = parsed
    for index, word in enumerate(parsed.words):
        if backend_for(search_query.match_expression((word,), reading().vendor)).finds_any(cursor):
            continue
        options = [changed.with_word(index, search_query.make_word(c)) for c in corrections(word.surface)]
        if options:
            counts = [backends_for(option)[0].count(cursor, base) for option in options]
            changed = options[counts.index(max(counts))]
    return None if changed is parsed else changed
