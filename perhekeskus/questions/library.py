"""The public library of answers found by everyday words: each published answer is indexed by the
terms of its title, question and answer (search.analysis) and the needs of the everyday vocabulary
its title and question name ("ei nuku" is the need that "uniongelmat" also names), both when it is
published; and by its topic's life-situation term and the service-type terms of the services it
links (search.everyday), so that a query's needs ("vauva ei nuku" is a baby family's sleep) find it
as they find services. The library is small (hundreds or a few thousand answers): every process keeps
which answers hold each term, and scores a query's words against them (about 1 ms a search at 2,000
answers)."""

import math
from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS

from perhekeskus.core import public_cache
from perhekeskus.questions.models import PublishedAnswer
from perhekeskus.search import analysis, everyday
from perhekeskus.search import query as search_query

NEED_WEIGHT = 2.0


def terms_of(title: str, question: str, answer: str, language: str) -> str:
    """The terms a published answer's texts are found by, written when it is published (a vocabulary
    that grows later reaches it when it is published again)."""
    terms = set()
    for text in (title, question, answer):
        terms.update(analysis.text_terms(text, language))
    for word in search_query.parse(f"{title}\n{question}", detect_municipalities=False).words:
        if word.need:
            terms.update(word.own_terms)
    return " ".join(sorted(terms))


def index_terms(answer: PublishedAnswer) -> frozenset[str]:
    """What the answer is found by: its texts' terms, its topic, the types of the services it links."""
    terms = set(answer.terms.split())
    if answer.topic is not None:
        terms.add(everyday.situation_term(answer.topic.code))
    for service in answer.services.all():
        terms.update(everyday.type_term(t.code) for t in service.service_types.all())
    return frozenset(terms)


def _read() -> dict[str, frozenset[int]]:
    # Kept under the generation: read from the primary, never a lagging replica (core.public_cache).
    answers = (
        PublishedAnswer.objects.using(DEFAULT_DB_ALIAS)
        .public()
        .select_related("topic")
        .prefetch_related("services__service_types")
    )
    postings: dict[str, set[int]] = defaultdict(set)
    for answer in answers:
        for term in index_terms(answer):
            postings[term].add(answer.pk)
    return {term: frozenset(ids) for term, ids in postings.items()}


def _postings() -> dict[str, frozenset[int]]:
    """Which answers hold each term, kept in the process until what the public reads changes (a
    published or withdrawn answer moves it on: web watches the library)."""
    return public_cache.in_process({"library of answers": _read})["library of answers"]


def _holding(word: search_query.Word, postings: dict[str, frozenset[int]]) -> set[int]:
    """The answers holding any of the word's terms, or every part of one of its compound readings."""
    found = set().union(*(postings.get(term, ()) for term in word.terms))
    for group in word.compounds:
        found |= frozenset.intersection(*(postings.get(part, frozenset()) for part in group))
    return found


def matching_ids(text: str, limit: int) -> list[int]:
    """The answers the words find, best first: those matching at least half of the words (a need
    counts double), by how much of the query they match, newest first among equals."""
    parsed = search_query.parse(text, detect_municipalities=False)
    words = [w for w in parsed.words if w.terms]
    if not words or limit <= 0:
        return []
    postings = _postings()
    scores: dict[int, float] = defaultdict(float)
    for word in words:
        for pk in _holding(word, postings):
            scores[pk] += NEED_WEIGHT if word.need else 1.0
    wanted = math.ceil(sum(NEED_WEIGHT if w.need else 1.0 for w in words) / 2)
    found = sorted((-score, -pk) for pk, score in scores.items() if score >= wanted)
    return [-negated for _score, negated in found[:limit]]
