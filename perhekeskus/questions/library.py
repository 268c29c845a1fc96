"""The public library of answers found by everyday words: each published answer is indexed by the
terms of its title, question and answer (search.analysis) and the needs of the everyday vocabulary
its title and question name ("ei nuku" is the need that "uniongelmat" also names), both when it is
published; and by its topic's life-situation term and the service-type terms of the services it
links (search.everyday), so that a query's needs ("vauva ei nuku" is a baby family's sleep) find it
as they find services. The library is small (hundreds or a few thousand answers): every process keeps
its terms and scores them in memory."""

import math
from dataclasses import dataclass

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


@dataclass(frozen=True)
class _Entry:
    pk: int
    terms: frozenset[str]


def _read() -> tuple[_Entry, ...]:
    # Kept under the generation: read from the primary, never a lagging replica (core.public_cache).
    answers = (
        PublishedAnswer.objects.using(DEFAULT_DB_ALIAS)
        .public()
        .select_related("topic")
        .prefetch_related("services__service_types")
    )
    return tuple(_Entry(a.pk, index_terms(a)) for a in answers)


def _entries() -> tuple[_Entry, ...]:
    """Every public answer's terms, kept in the process until what the public reads changes (a
    published or withdrawn answer moves it on: web watches the library)."""
    return public_cache.in_process({"library of answers": _read})["library of answers"]


def _matches(word: search_query.Word, terms: frozenset[str]) -> bool:
    return bool(word.terms & terms) or any(all(p in terms for p in group) for group in word.compounds)


def matching_ids(text: str, limit: int) -> list[int]:
    """The answers the words find, best first: those matching at least half of the words (a need
    counts double), by how much of the query they match, newest first among equals."""
    parsed = search_query.parse(text, detect_municipalities=False)
    words = [w for w in parsed.words if w.terms]
    if not words or limit <= 0:
        return []
    weights = [NEED_WEIGHT if w.need else 1.0 for w in words]
    wanted = math.ceil(sum(weights) / 2)
    found = []
    for entry in _entries():
        score = sum(
            weight for word, weight in zip(words, weights, strict=True) if _matches(word, entry.terms)
        )
        if score >= wanted:
            found.append((-score, -entry.pk, entry.pk))
    found.sort()
    return [pk for _score, _newest, pk in found[:limit]]
