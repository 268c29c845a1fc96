"""Searching the services: the facade the views call (`search`, and reads of the documents shown),
with the coordinators' query links a search follows. The SQL of the text search on each database is
in backends.py, the filters in memory in snapshot.py, "did you mean" in spelling.py."""

import datetime
import heapq
import json
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from pyroaring import BitMap

from perhekeskus.core.validators import distance_km
from perhekeskus.network.models import Municipality
from perhekeskus.search import query as search_query
from perhekeskus.search import spelling
from perhekeskus.search.backends import Backend, Sql, add_open_now, backends_for, placeholders, reading, rows
from perhekeskus.search.indexing import COUNTED_FACETS
from perhekeskus.search.models import QueryLink
from perhekeskus.search.snapshot import Snapshot, current, every_document, open_now_ids, snapshot_for
from perhekeskus.search.vocabulary import vocabulary

# At most this many documents found through synonyms only are ordered by their scores with synonyms.
SYNONYM_RANKING_LIMIT = 2000
# Matches are ordered by their scores when there are at most this many: scoring costs time for every
# matching row, and among more (a word as broad as "perhe" among 50,000 services) the scores tell a
# family little. More come by name, those delivered in the family's municipality first.
RANK_LIMIT = 3000
# A word in more than this share of the documents ("lapsi", "perhe") tells little: beside a need of
# the everyday vocabulary it does not rank (PostgreSQL's ts_rank, unlike bm25, does not weigh words by
# their rarity).
COMMON_SHARE = 0.2
# A service delivered in the family's municipality ranks as if it matched this much better; so does
# one of the type that answers a need of the everyday vocabulary best (search.query.Word.first_types).
LOCAL_BOOST = 2.0
FIRST_TYPE_BOOST = 2.0


@dataclass
class Hit:
    document_id: int
    data: dict[str, Any]
    score: float | None
    is_free: bool = True
    distance_km: float | None = None


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None
    # Municipalities named in the text, which became a filter.
    municipalities_in_text: tuple[str, ...] = ()
    # The coordinators' link the query was searched by, when the words as typed found nothing.
    linked: QueryLink | None = None
    # Life situations (codes) the words name through the everyday vocabulary, best first: their guides
    # are offered with the results.
    situations: tuple[str, ...] = ()
    # Where the family is, as the search took it (for each result's nearest place): the municipalities
    # whose services ranked first (chosen, named in the words or remembered), and the position searched.
    preferred_municipalities: tuple[str, ...] = ()
    position: tuple[float, float] | None = None


def search(
    *,
    text: str,
    filters: search_query.Filters,
    sort: str,
    page: int,
    page_size: int,
    now: datetime.datetime,
    with_facets: bool = True,
    ids_only: bool = False,
    follow_links: bool = True,
    language: str = "fi",
    facets_add_up: bool = False,
) -> SearchResult:
    """`language`: the language of the page or answer (the query's words may tell another one, for
    "did you mean"). `page_size` 0: the total and the facets only, nothing ranked. `ids_only`: the hits carry only their document ids (and scores), not what a
    result shows; for callers that read the services themselves, a page as large as they like.
    `follow_links`: use the coordinators' query links when the words find nothing. `facets_add_up`: a
    facet with a choice counts what each of its options would find with the words as typed and the
    other filters only (choices within a facet add up: Lieksa or Joensuu), instead of within the
    results, also when the results come from a fallback (a query link, a spelling fix, any of the
    words); a municipality named in the words is not a choice."""
    explicit_municipalities = bool(filters.municipality)
    chosen_facets = (
        tuple(name for name, _codes in filters.code_lists() if name in COUNTED_FACETS)
        if with_facets and facets_add_up
        else ()
    )
    counts = vocabulary()[1]
    common = COMMON_SHARE * max(len(current().held), 1)
    parsed = search_query.parse(
        text,
        detect_municipalities=not explicit_municipalities,
        known=lambda term: term in counts,
        common=lambda term: counts.get(term, 0) > common,
    )
    if parsed.municipalities:
        filters.municipality = list(parsed.municipalities)
    page_of = _PageOf(
        filters=filters,
        sort=sort,
        limit=page_size,
        offset=(page - 1) * page_size,
        with_facets=with_facets,
        ids_only=ids_only,
        chosen_facets=chosen_facets,
    )
    suggestion = None
    database = reading()
    on_postgres = database.vendor == "postgresql"
    # A transaction only for SET LOCAL, of a text search on PostgreSQL (on SQLite it would take the
    # write lock; without words it would be two statements more for nothing).
    steered = on_postgres and bool(parsed.words)
    with (
        transaction.atomic(using=database.alias) if steered else nullcontext(),
        database.cursor() as cursor,
    ):
        if steered:
            # PostgreSQL misjudges how many rows a query of many alternatives matches and would scan
            # the whole table; the GIN index is the fast way for every text search.
            cursor.execute("SET LOCAL enable_seqscan = off")
        if filters.open_now:
            # The same set for every search of a minute: read once a minute (open_now_ids).
            page_of = replace(page_of, only=_open_now_ids(cursor, now))
        total, hits, facets = _attempt(cursor, parsed, page_of)
        # A chosen facet counts over the words as typed, whichever way the results are found below.
        added_up = {facet: facets[facet] for facet in chosen_facets}
        page_of = replace(page_of, chosen_facets=())
        link = query_link_for(text, filters) if follow_links and total == 0 and parsed.words else None
        if link is not None:
            as_typed = (parsed, filters.service_type, (total, hits, facets))
            parsed = _as_linked(link, parsed, filters, known=lambda term: term in counts)
            total, hits, facets = _attempt(cursor, parsed, page_of)
            if total == 0:  # the link finds nothing under the family's other choices either
                link = None
                parsed, filters.service_type, (total, hits, facets) = as_typed
        if link is None and total == 0 and parsed.words:
            fixed = spelling.corrected(
                cursor,
                parsed,
                lambda option: len(_matching(cursor, backends_for(option)[0], page_of).ids),
                language,
            )
            if fixed is not None:
                suggestion = fixed.text
                parsed = fixed
                total, hits, facets = _attempt(cursor, parsed, page_of)
            if total == 0 and len(parsed.words) > 1:
                # Any of the words: first of those that tell something (a need, or a word most
                # services do not hold), then of all. Any of "kahden äidin perhe" would otherwise be
                # every family service, by name.
                telling = tuple(w for w in parsed.words if w.need or not w.common)
                for words in dict.fromkeys((telling, parsed.words)):
                    if words:
                        total, hits, facets = _attempt(
                            cursor, replace(parsed, words=words), page_of, any_word=True
                        )
                    if total:
                        break
    return SearchResult(
        total=total,
        hits=hits,
        facets={**facets, **added_up},
        linked=link,
        suggestion=suggestion,
        municipalities_in_text=tuple(parsed.municipalities),
        situations=parsed.situations,
        preferred_municipalities=tuple(filters.preferred_municipalities()),
        position=(filters.latitude, filters.longitude) if filters.latitude is not None else None,
    )


@dataclass(frozen=True)
class _PageOf:
    filters: search_query.Filters
    sort: str
    limit: int
    offset: int
    with_facets: bool
    ids_only: bool = False
    # Matches must also be among these documents (open now), when given.
    only: BitMap | None = None
    # The facets counted without their own filter (search's `facets_add_up`).
    chosen_facets: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Matches:
    """The documents that match the words and pass the filters, with the snapshot that holds them."""

    snapshot: Snapshot
    ids: BitMap
    # Whether a filter left out some of the documents the words match.
    filtered: bool
    # The documents the words match (and open now, when asked), before the other filters.
    found: BitMap


def _matching(cursor, finder: Backend, page_of: _PageOf) -> _Matches:
    """The database finds the ids matching the words (the full-text index alone); the filters apply
    to them in memory (search.snapshot)."""
    if finder.match is None:
        snapshot, ids = every_document(cursor)
    else:
        snapshot, ids = snapshot_for(BitMap(finder.ids(cursor)))
    if page_of.only is not None:
        ids = ids & page_of.only
    found = ids
    passing = snapshot.passing(page_of.filters)
    if passing is not None:
        ids = ids & passing
    return _Matches(snapshot, ids, filtered=passing is not None or page_of.only is not None, found=found)


def _attempt(
    cursor, parsed, page_of: _PageOf, *, any_word: bool = False
) -> tuple[int, list[Hit], dict[str, dict[str, int]]]:
    """Total, one page of hits and the facet counts of one way of matching the query.

    The database finds the matching ids, and scores them when there are few enough to (RANK_LIMIT);
    filters, facets, name and distance order and the places of delivery come from the in-memory
    snapshot of the documents (see snapshot.py)."""
    finder, scorer = backends_for(parsed, any_word=any_word)
    matches = _matching(cursor, finder, page_of)
    snapshot, ids = matches.snapshot, matches.ids
    total = len(ids)
    facets: dict[str, dict[str, int]] = {}
    if page_of.with_facets:
        facets = {name: {} for name in COUNTED_FACETS}
        for word, count in snapshot.facet_counts(ids).items():
            facet, _, code = word.partition(":")
            if facet in facets:
                facets[facet][code] = count
        for facet in page_of.chosen_facets:
            # In memory, over the words' matches: a search of its own per facet cost as much again.
            passing = snapshot.passing(replace(page_of.filters, **{facet: []}))
            others = matches.found if passing is None else matches.found & passing
            facets[facet] = {
                word.partition(":")[2]: count for word, count in snapshot.facet_counts(others, facet).items()
            }
    if total == 0 or page_of.limit == 0 or page_of.offset >= total:
        return total, [], facets
    end = page_of.offset + page_of.limit
    rank = snapshot.rank
    local = snapshot.delivered_in(page_of.filters.preferred_municipalities())
    ranked = bool(finder.match) and page_of.sort == "relevance" and total <= RANK_LIMIT
    scores: dict[int, float] = {}
    if page_of.sort == "distance":
        nearest = snapshot.distance_key(page_of.filters.latitude, page_of.filters.longitude)
        page = heapq.nsmallest(end, ids, key=nearest)[page_of.offset :]
    elif ranked:
        # The matches found are scored by id when filters left some out.
        scores = scorer.scores_of(cursor, list(ids)) if matches.filtered else scorer.scores(cursor)
        through_synonyms = _synonym_scores(cursor, finder, ids, scores) if len(scores) < end else {}
        near = ids & local
        best = ids & snapshot.of_types(t for w in parsed.words for t in w.first_types)

        def key(i: int) -> tuple:
            boost = (LOCAL_BOOST if i in near else 1.0) * (FIRST_TYPE_BOOST if i in best else 1.0)
            if i in scores:
                return (0, -scores[i] * boost, rank[i])
            return (1, -through_synonyms.get(i, 0.0) * boost, rank[i])

        page = heapq.nsmallest(end, ids, key=key)[page_of.offset :]
    elif page_of.sort == "name" or not local:
        page = snapshot.first_by_name(ids, end)[page_of.offset :]
    else:  # by name, those delivered in the family's municipality first
        page = snapshot.first_by_name(ids & local, end)
        if len(page) < end:
            page += snapshot.first_by_name(ids - local, end - len(page))
        page = page[page_of.offset :]
    # Only ranked matches have a score: scoring the page alone would cost as much as ranking them all.
    shown_scores = scores if ranked else None
    if page_of.ids_only:
        return (
            total,
            [Hit(document_id=i, data={}, score=scores.get(i, 0.0) if ranked else None) for i in page],
            facets,
        )
    return total, _hits(cursor, page, shown_scores, page_of.filters), facets


def _synonym_scores(cursor, finder: Backend, ids: BitMap, scores: dict[int, float]) -> dict[int, float]:
    """Scores with synonyms of the documents found through synonyms only, to order them when they
    reach the page: those that match many of the synonyms, or in names, come first. Not for thousands
    of them (that costs too much per row); they then come by name."""
    others = [i for i in ids if i not in scores]
    if not others or len(others) > SYNONYM_RANKING_LIMIT:
        return {}
    return finder.scores_of(cursor, others)


def _open_now_ids(cursor, now: datetime.datetime) -> BitMap:
    """The documents open at `now`, read once a minute (snapshot.open_now_ids)."""

    def read() -> list[int]:
        sql = Sql()
        add_open_now(sql, now)
        return [row[0] for row in Backend().run(cursor, "d.id", sql)]

    return open_now_ids(now, read)


def warm() -> None:
    """Read what a process's first searches would otherwise wait for: the vocabulary, the word lists
    of "did you mean", the Ukrainian dictionary, the names of municipalities and life situations, the
    snapshot of the documents (seconds in all)."""
    from perhekeskus.search import analysis, everyday

    everyday.needs(["lapsi", "ei", "nuku"])
    analysis.query_alternatives("дитина")
    for language in spelling.LANGUAGES:
        analysis.is_known("perhe", language)
    search_query.parse("lieksa", known=lambda term: False)
    search_query.need_word(everyday.Need((0,), ("parent-coping",), ()), "")
    analysis.thesaurus()
    analysis.translations()
    vocabulary()
    current()


# --- The coordinators' query links ---------------------------------------------------------------


def query_link_for(text: str, filters: search_query.Filters) -> QueryLink | None:
    """A coordinator's link for a query that found nothing (search.models.QueryLink): of the network
    of the municipalities searched in; when none was chosen (or none of a network), of the networks
    that linked the query, if they agree."""
    links = QueryLink.objects.filter(query_key=search_query.grouping_key(text)).select_related("service_type")
    in_networks = (
        Municipality.objects.filter(code__in=filters.municipality, network__isnull=False).exists()
        if filters.municipality
        else False
    )
    if in_networks:
        links = links.filter(network__municipalities__code__in=filters.municipality).distinct()
    links = list(links[:10])
    if not links or len({(link.service_type_id, link.synonym.casefold()) for link in links}) > 1:
        return None  # none, or networks that disagree
    link = links[0]
    if (
        link.service_type is not None
        and filters.service_type
        and link.service_type.code not in filters.service_type
    ):
        return None  # the family chose other types
    return link


def _as_linked(link: QueryLink, parsed, filters: search_query.Filters, known):
    """The query as linked: the service type stands for the words, or the other word is searched."""
    if link.service_type is not None:
        filters.service_type = [link.service_type.code]
        return replace(parsed, words=())
    synonym = search_query.parse(link.synonym, detect_municipalities=False, known=known)
    return replace(parsed, words=synonym.words)


# --- The documents shown -------------------------------------------------------------------------


def _hits(
    cursor, ids: list[int], scores: dict[int, float] | None, filters: search_query.Filters
) -> list[Hit]:
    """The shown documents, read by key. `scores` None: no text searched, so no score."""
    if not ids:
        return []
    found = {
        row[0]: row
        for row in rows(
            cursor,
            f"SELECT id, data, is_free FROM search_searchdocument WHERE id IN ({placeholders(ids)})",
            ids,
        )
    }
    hits = [
        Hit(
            document_id=i,
            data=_json(found[i][1]),
            score=None if scores is None else scores.get(i, 0.0),
            is_free=bool(found[i][2]),
        )
        for i in ids
        if i in found  # not deleted meanwhile by another process
    ]
    if filters.latitude is not None:
        _add_distances(cursor, hits, filters.latitude, filters.longitude)
    return hits


def _json(value) -> dict:
    # SQLite gives the JSON column's text, PostgreSQL the decoded value.
    return json.loads(value) if isinstance(value, str) else value


def _add_distances(cursor, hits: list[Hit], latitude: float, longitude: float) -> None:
    ids = [hit.document_id for hit in hits]
    nearest: dict[int, float] = {}
    for document_id, lat, lon in rows(
        cursor,
        f"SELECT document_id, latitude, longitude FROM search_searchpoint WHERE document_id IN ({placeholders(ids)})",
        ids,
    ):
        km = distance_km(latitude, longitude, lat, lon)
        nearest[document_id] = min(km, nearest.get(document_id, km))
    for hit in hits:
        hit.distance_km = round(nearest[hit.document_id], 2) if hit.document_id in nearest else None


def open_among(document_ids: list[int], now: datetime.datetime) -> set[int]:
    """Those of these documents open at `now`: the minute's set, as the open-now filter reads it (the
    results say what the filter finds). No query but the minute's first in the process."""
    if not document_ids:
        return set()
    with reading().cursor() as cursor:
        open_now = _open_now_ids(cursor, now)
    return {document_id for document_id in document_ids if document_id in open_now}


def opening_among(document_ids: list[int], now: datetime.datetime) -> tuple[set[int], set[int]]:
    """Of these documents: those open at `now` (open_among), and those that have opening hours at all
    (the others are by appointment, online or by phone)."""
    if not document_ids:
        return set(), set()
    open_ids = open_among(document_ids, now)
    listed = placeholders(document_ids)
    with reading().cursor() as cursor:
        with_hours = {
            row[0]
            for row in rows(
                cursor,
                f"SELECT document_id FROM search_searchhours WHERE document_id IN ({listed})"
                f" UNION SELECT document_id FROM search_searchhoursexception WHERE document_id IN ({listed})",
                [*document_ids, *document_ids],
            )
        }
    return open_ids, with_hours


def points_among(document_ids: list[int]) -> dict[int, list[tuple[float, float]]]:
    """The public map positions of these documents."""
    points: dict[int, list[tuple[float, float]]] = {}
    if document_ids:
        with reading().cursor() as cursor:
            found = rows(
                cursor,
                f"SELECT document_id, latitude, longitude FROM search_searchpoint WHERE document_id IN ({placeholders(document_ids)})",
                document_ids,
            )
        for document_id, latitude, longitude in found:
            points.setdefault(document_id, []).append((latitude, longitude))
    return points


def service_ids_of(document_ids: list[int]) -> list[str]:
    """The service ids (as strings) of these documents, in the same order."""
    found: dict[int, str] = {}
    with reading().cursor() as cursor:
        for start in range(0, len(document_ids), 500):
            chunk = document_ids[start : start + 500]
            found.update(
                (document_id, str(uuid.UUID(str(service_id))))
                for document_id, service_id in rows(
                    cursor,
                    f"SELECT id, service_id FROM search_searchdocument WHERE id IN ({placeholders(chunk)})",
                    chunk,
                )
            )
    return [found[i] for i in document_ids if i in found]
