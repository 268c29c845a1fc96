"""Running a search: matching, filters, ranking, facets and "did you mean", in SQL on either backend."""

import datetime
import heapq
import math
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connections, router, transaction

from perhekeskus.catalog.opening_hours import HELSINKI, holiday_name
from perhekeskus.core.validators import MAX_AGE_MONTHS, distance_km
from perhekeskus.network.models import Municipality
from perhekeskus.search import query as search_query
from perhekeskus.search.indexing import COUNTED_FACETS
from perhekeskus.search.models import QueryLink, SearchDocument
from perhekeskus.search.snapshot import snapshot_for
from perhekeskus.search.vocabulary import vocabulary

KM_PER_DEGREE = 111.195
# bm25 weights of FTS5 columns and ts_rank weights of PostgreSQL (D, C, B, A): names weigh most.
FTS5_WEIGHTS = "10.0, 5.0, 2.0, 1.0"
TS_RANK_WEIGHTS = "'{0.1, 0.2, 0.5, 1.0}'"
FACETS = COUNTED_FACETS
# At most this many documents found through synonyms only are ordered by their scores with synonyms.
SYNONYM_RANKING_LIMIT = 2000


def reading():
    """The connection searches read from: the read replica in the views that may use it
    (perhekeskus.core.replica), the database otherwise."""
    return connections[router.db_for_read(SearchDocument)]


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


class _Sql:
    """A WHERE clause with its parameters, built piece by piece."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    @property
    def where(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1 = 1"


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


def _filter_sql(filters: Filters, now: datetime.datetime, *, with_text: bool) -> _Sql:
    """The filters as SQL. `with_text`: a text search comes with them. Its matches are best found
    through the full-text index, but PostgreSQL misjudges how many a query of many alternatives
    matches and would rather walk the index of free/age over most documents; the conditions on those
    columns are then written so that their index does not apply."""
    sql = _Sql()
    for facet in LIST_FILTERS:
        values = getattr(filters, facet)
        if values:
            sql.add(
                "d.id IN (SELECT document_id FROM search_searchfacet WHERE facet = %s "
                f"AND code IN ({_in(values)}))",
                facet,
                *values,
            )
    if filters.age_months is not None:
        if with_text:
            sql.add(
                f"COALESCE(d.age_min_months, 0) <= %s AND COALESCE(d.age_max_months, {MAX_AGE_MONTHS}) >= %s",
                filters.age_months,
                filters.age_months,
            )
        else:
            sql.add(
                "(d.age_min_months IS NULL OR d.age_min_months <= %s) AND (d.age_max_months IS NULL OR d.age_max_months >= %s)",
                filters.age_months,
                filters.age_months,
            )
    if filters.free is not None:
        sql.add("COALESCE(d.is_free, FALSE) = %s" if with_text else "d.is_free = %s", filters.free)
    if filters.open_now:
        _open_now(sql, now)
    if filters.radius_km is not None:
        lat, lon, k = filters.latitude, filters.longitude, math.cos(math.radians(filters.latitude))
        span = filters.radius_km / KM_PER_DEGREE
        squared, squared_params = _squared_degrees("", filters)
        sql.add(
            "d.id IN (SELECT document_id FROM search_searchpoint WHERE latitude BETWEEN %s AND %s "
            f"AND longitude BETWEEN %s AND %s AND {squared} <= %s)",
            lat - span, lat + span, lon - span / k, lon + span / k, *squared_params, span * span,
        )  # fmt: skip
    return sql


def _squared_degrees(prefix: str, filters: Filters) -> tuple[str, list[float]]:
    """Squared distance in degrees of latitude from the searched position to a search point: the
    equirectangular approximation, fine at the scale of a region (shown distances are haversine)."""
    lat, lon, k = filters.latitude, filters.longitude, math.cos(math.radians(filters.latitude))
    return (
        f"({prefix}latitude - %s) * ({prefix}latitude - %s) + ({prefix}longitude - %s) * %s * ({prefix}longitude - %s) * %s",
        [lat, lat, lon, k, lon, k],
    )


def _open_now(sql: _Sql, now: datetime.datetime) -> None:
    """Open at `now` (Helsinki time): today's hours or yesterday's overnight hours, unless the day has
    an exception, which then gives the hours itself; public holidays close schedules that say so."""
    local = now.astimezone(HELSINKI)
    today, minute = local.date(), local.hour * 60 + local.minute
    yesterday = today - datetime.timedelta(days=1)
    rule = (
        "SELECT h.document_id FROM search_searchhours h WHERE h.weekday = %s AND {window}"
        " AND (h.valid_from IS NULL OR h.valid_from <= %s) AND (h.valid_to IS NULL OR h.valid_to >= %s)"
        " AND (h.closed_on_public_holidays = %s OR h.closed_on_public_holidays = %s)"
        " AND NOT EXISTS (SELECT 1 FROM search_searchhoursexception e WHERE e.schedule_id = h.schedule_id AND e.date = %s)"
    )
    # On a holiday only schedules open on holidays count: closed_on_public_holidays must be False.
    today_holiday_values = (False, False) if holiday_name(today) else (False, True)
    yesterday_holiday_values = (False, False) if holiday_name(yesterday) else (False, True)
    sql.add(
        "d.id IN ("
        + rule.format(window="h.opens <= %s AND h.closes > %s")
        + " UNION "
        + rule.format(window="h.closes > 1440 AND h.closes - 1440 > %s")
        + " UNION SELECT e.document_id FROM search_searchhoursexception e"
        " WHERE e.date = %s AND e.closed = %s AND e.opens <= %s AND e.closes > %s)",
        local.weekday(), minute, minute, today, today, *today_holiday_values, today,
        yesterday.weekday(), minute, yesterday, yesterday, *yesterday_holiday_values, yesterday,
        today, False, minute, minute,
    )  # fmt: skip


class _Backend:
    """The vendor-specific FROM clause, match condition and score of a text search.

    On PostgreSQL the query is parsed once in the FROM clause (`match_query`): in the select list
    `to_tsquery()` would be parsed again for every row.
    """

    def __init__(self, match: str | None) -> None:
        self.vendor = reading().vendor
        self.match = match

    def source(self, joined: bool) -> str:
        """`joined`: whether the conditions read the document table (on SQLite a text search alone
        reads only the FTS5 index)."""
        if not self.match:
            return "search_searchdocument d"
        if self.vendor == "sqlite":
            return (
                "search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid"
                if joined
                else "search_fts"
            )
        return "search_searchdocument d CROSS JOIN to_tsquery('simple', %s) AS match_query"

    @property
    def source_params(self) -> list[Any]:
        return [self.match] if self.match and self.vendor != "sqlite" else []

    @property
    def id(self) -> str:
        return "search_fts.rowid" if self.match and self.vendor == "sqlite" else "d.id"

    def id_in(self, ids: list[int]) -> str:
        """The condition that a match is one of `ids`. On SQLite the rowid is written `+rowid` so that
        FTS5 evaluates MATCH once and filters its rows, instead of evaluating the whole MATCH once per
        listed rowid (seconds for a common word among 50,000 documents)."""
        unindexed = "+" if self.match and self.vendor == "sqlite" else ""
        return f"{unindexed}{self.id} IN ({_in(ids)})"

    def where(self, base: "_Sql") -> "_Sql":
        """`base` (the filters) and the match condition."""
        sql = _Sql()
        sql.clauses, sql.params = list(base.clauses), list(base.params)
        if self.match:
            if self.vendor == "sqlite":
                sql.clauses.insert(0, "search_fts MATCH %s")
                sql.params.insert(0, self.match)
            else:
                sql.clauses.insert(0, "d.document @@ match_query")
        return sql

    def score(self) -> str:
        """Score expression of a text search: higher is better."""
        if self.vendor == "sqlite":
            return f"-bm25(search_fts, {FTS5_WEIGHTS})"
        return f"ts_rank({TS_RANK_WEIGHTS}, d.document, match_query)"

    def run(
        self, cursor, columns: str, base: "_Sql", tail="", select_params=(), tail_params=(), joined=False
    ):
        """Rows of `columns` of the matches; `joined`: the columns or `tail` read the document table."""
        where = self.where(base)
        return _run(
            cursor,
            f"SELECT {columns} FROM {self.source(joined or bool(base.clauses))} WHERE {where.where} {tail}",
            [*select_params, *self.source_params, *where.params, *tail_params],
        )


def _run(cursor, sql: str, params: list[Any]) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def _count(cursor, backend: _Backend, base: _Sql) -> int:
    return backend.run(cursor, "COUNT(*)", base)[0][0]


def _matches_anything(cursor, word: search_query.Word) -> bool:
    backend = _Backend(search_query.match_expression((word,), reading().vendor))
    return bool(backend.run(cursor, "1", _Sql(), "LIMIT 1"))


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


def _corrected(cursor, parsed: search_query.ParsedQuery, base: _Sql) -> search_query.ParsedQuery | None:
    """The query with each word that matches nothing replaced by the nearest index word that, with the
    other words and the filters, finds the most services."""
    changed = parsed
    for index, word in enumerate(parsed.words):
        if _matches_anything(cursor, word):
            continue
        options = [changed.with_word(index, search_query.make_word(c)) for c in corrections(word.surface)]
        if options:
            counts = [_attempt_count(cursor, option, base) for option in options]
            changed = options[counts.index(max(counts))]
    return None if changed is parsed else changed


def search(
    *,
    text: str,
    filters: Filters,
    sort: str,
    page: int,
    page_size: int,
    now: datetime.datetime,
    with_facets: bool = True,
    ids_only: bool = False,
    follow_links: bool = True,
) -> SearchResult:
    """`ids_only`: the hits carry only their document ids (and scores), not what a result shows; for
    callers that read the services themselves, a page as large as they like. `follow_links`: use the
    coordinators' query links when the words find nothing."""
    explicit_municipalities = bool(filters.municipality)
    counts = vocabulary()[1]
    parsed = search_query.parse(
        text, detect_municipalities=not explicit_municipalities, known=lambda term: term in counts
    )
    if parsed.municipalities:
        filters.municipality = list(parsed.municipalities)
    base = _filter_sql(filters, now, with_text=bool(parsed.words))
    page_of = _PageOf(
        filters=filters,
        sort=sort,
        limit=page_size,
        offset=(page - 1) * page_size,
        with_facets=with_facets,
        ids_only=ids_only,
    )
    suggestion = None
    database = reading()
    on_postgres = database.vendor == "postgresql"
    # A transaction only on PostgreSQL, for SET LOCAL (on SQLite it would take the write lock).
    with (
        transaction.atomic(using=database.alias) if on_postgres else nullcontext(),
        database.cursor() as cursor,
    ):
        if on_postgres and parsed.words:
            # PostgreSQL misjudges how many rows a query of many alternatives matches and would scan
            # the whole table; the GIN index is the fast way for every text search.
            cursor.execute("SET LOCAL enable_seqscan = off")
        total, hits, facets = _attempt(cursor, parsed, base, page_of)
        link = _link_for(text, filters) if follow_links and total == 0 and parsed.words else None
        if link is not None:
            as_typed = (parsed, filters.service_type, base, (total, hits, facets))
            parsed = _as_linked(link, parsed, filters, known=lambda term: term in counts)
            base = _filter_sql(filters, now, with_text=bool(parsed.words))
            total, hits, facets = _attempt(cursor, parsed, base, page_of)
            if total == 0:  # the link finds nothing under the family's other choices either
                link = None
                parsed, filters.service_type, base, (total, hits, facets) = as_typed
        if link is None and total == 0 and parsed.words:
            fixed = _corrected(cursor, parsed, base)
            if fixed is not None:
                suggestion = fixed.text
                parsed = fixed
                total, hits, facets = _attempt(cursor, parsed, base, page_of)
            if total == 0 and len(parsed.words) > 1:
                total, hits, facets = _attempt(cursor, parsed, base, page_of, any_word=True)
    return SearchResult(
        total=total,
        hits=hits,
        facets=facets,
        linked=link,
        suggestion=suggestion,
        municipalities_in_text=tuple(parsed.municipalities),
    )


def _link_for(text: str, filters: Filters) -> QueryLink | None:
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


def _as_linked(link: QueryLink, parsed, filters: Filters, known):
    """The query as linked: the service type stands for the words, or the other word is searched."""
    if link.service_type is not None:
        filters.service_type = [link.service_type.code]
        return replace(parsed, words=())
    synonym = search_query.parse(link.synonym, detect_municipalities=False, known=known)
    return replace(parsed, words=synonym.words)


@dataclass(frozen=True)
class _PageOf:
    filters: Filters
    sort: str
    limit: int
    offset: int
    with_facets: bool
    ids_only: bool = False


def _backends_for(parsed, *, any_word: bool = False) -> tuple[_Backend, _Backend]:
    """The backend that finds the matches, and the one that scores them: the query without thesaurus
    synonyms. Documents found through synonyms only score 0 and so come after those that hold the
    words themselves; scoring a query of many alternatives would also cost many times more per row."""
    if not parsed.words:
        return _Backend(None), _Backend(None)
    vendor = reading().vendor
    return (
        _Backend(search_query.match_expression(parsed.words, vendor, any_word=any_word)),
        _Backend(search_query.match_expression(parsed.words, vendor, any_word=any_word, synonyms=False)),
    )


def _attempt(
    cursor, parsed, base: _Sql, page_of: _PageOf, *, any_word: bool = False
) -> tuple[int, list[Hit], dict[str, dict[str, int]]]:
    """Total, one page of hits and the facet counts of one way of matching the query.

    The database finds the matching ids (and scores); facets and name order come from the in-memory
    snapshot of the documents (see snapshot.py)."""
    finder, scorer = _backends_for(parsed, any_word=any_word)
    ranked = bool(finder.match) and page_of.sort == "relevance"
    scores: dict[int, float] = {}
    if ranked and scorer.match == finder.match:
        scores = dict(finder.run(cursor, f"{finder.id}, {finder.score()}", base))
        ids = list(scores)
    else:
        ids = [row[0] for row in finder.run(cursor, finder.id, base)]
        if ranked and ids:
            scores = dict(scorer.run(cursor, f"{scorer.id}, {scorer.score()}", base))
    snapshot = snapshot_for(ids)
    # A document deleted by another process since the query ran is no longer a match.
    ids = [i for i in ids if i in snapshot.position]
    total = len(ids)
    facets: dict[str, dict[str, int]] = {}
    if page_of.with_facets:
        facets = {name: {} for name in FACETS}
        for word, count in snapshot.facet_counts(ids).items():
            facet, _, code = word.partition(":")
            facets[facet][code] = count
    if total == 0 or page_of.offset >= total:
        return total, [], facets
    end = page_of.offset + page_of.limit
    if page_of.sort == "distance":
        page = _ids_by_distance(cursor, finder, base, page_of)
    elif ranked:
        rank = snapshot.rank
        through_synonyms = _synonym_scores(cursor, finder, ids, scores) if len(scores) < end else {}
        page = heapq.nsmallest(
            end,
            ids,
            key=lambda i: (
                (0, -scores[i], rank[i]) if i in scores else (1, -through_synonyms.get(i, 0.0), rank[i])
            ),
        )[page_of.offset :]
    else:
        page = heapq.nsmallest(end, ids, key=snapshot.rank.__getitem__)[page_of.offset :]
    if finder.match and not ranked and not page_of.ids_only:
        scores = _scores_of(cursor, scorer, base, page)
    if page_of.ids_only:
        return (
            total,
            [Hit(document_id=i, data={}, score=scores.get(i, 0.0) if finder.match else None) for i in page],
            facets,
        )
    return total, _hits(cursor, page, scores if finder.match else None, page_of.filters), facets


def _synonym_scores(cursor, finder: _Backend, ids: list[int], scores: dict[int, float]) -> dict[int, float]:
    """Scores with synonyms of the documents found through synonyms only, to order them when they
    reach the page: those that match many of the synonyms, or in names, come first. Not for thousands
    of them (that costs too much per row); they then come by name."""
    others = [i for i in ids if i not in scores]
    if not others or len(others) > SYNONYM_RANKING_LIMIT:
        return {}
    only = _Sql()
    only.add(finder.id_in(others), *others)
    return dict(finder.run(cursor, f"{finder.id}, {finder.score()}", only))


def _attempt_count(cursor, parsed, base: _Sql) -> int:
    return _count(cursor, _backends_for(parsed)[0], base)


def _ids_by_distance(cursor, finder: _Backend, base: _Sql, page_of: _PageOf) -> list[int]:
    """One page of matching ids, nearest first (documents without a public place last)."""
    squared, squared_params = _squared_degrees("p.", page_of.filters)
    rows = finder.run(
        cursor,
        f"d.id, (SELECT MIN({squared}) FROM search_searchpoint p WHERE p.document_id = d.id) AS distance",
        base,
        "ORDER BY distance ASC NULLS LAST, d.sort_name, d.id LIMIT %s OFFSET %s",
        select_params=squared_params,
        tail_params=[page_of.limit, page_of.offset],
        joined=True,
    )
    return [row[0] for row in rows]


def _scores_of(cursor, scorer: _Backend, base: _Sql, ids: list[int]) -> dict[int, float]:
    if not ids:
        return {}
    page = _Sql()
    page.clauses, page.params = [*base.clauses, scorer.id_in(ids)], [*base.params, *ids]
    return dict(scorer.run(cursor, f"{scorer.id}, {scorer.score()}", page))


def _hits(cursor, ids: list[int], scores: dict[int, float] | None, filters: Filters) -> list[Hit]:
    """The shown documents, read by key. `scores` None: no text searched, so no score."""
    if not ids:
        return []
    rows = {
        row[0]: row
        for row in _run(
            cursor, f"SELECT id, data, is_free FROM search_searchdocument WHERE id IN ({_in(ids)})", ids
        )
    }
    hits = [
        Hit(
            document_id=i,
            data=_json(rows[i][1]),
            score=None if scores is None else scores.get(i, 0.0),
            is_free=bool(rows[i][2]),
        )
        for i in ids
        if i in rows  # not deleted meanwhile by another process
    ]
    if filters.latitude is not None:
        _add_distances(cursor, hits, filters.latitude, filters.longitude)
    return hits


def _json(value) -> dict:
    if isinstance(value, str):
        import json

        return json.loads(value)
    return value


def _add_distances(cursor, hits: list[Hit], latitude: float, longitude: float) -> None:
    ids = [hit.document_id for hit in hits]
    nearest: dict[int, float] = {}
    for document_id, lat, lon in _run(
        cursor,
        f"SELECT document_id, latitude, longitude FROM search_searchpoint WHERE document_id IN ({_in(ids)})",
        ids,
    ):
        km = distance_km(latitude, longitude, lat, lon)
        nearest[document_id] = min(km, nearest.get(document_id, km))
    for hit in hits:
        hit.distance_km = round(nearest[hit.document_id], 2) if hit.document_id in nearest else None


def opening_among(document_ids: list[int], now: datetime.datetime) -> tuple[set[int], set[int]]:
    """Of these documents: those open at `now` (the rule of the open-now filter), and those that have
    opening hours at all (the others are by appointment, online or by phone)."""
    if not document_ids:
        return set(), set()
    sql = _Sql()
    sql.add(f"d.id IN ({_in(document_ids)})", *document_ids)
    _open_now(sql, now)
    listed = _in(document_ids)
    with reading().cursor() as cursor:
        open_ids = {
            row[0]
            for row in _run(cursor, f"SELECT d.id FROM search_searchdocument d WHERE {sql.where}", sql.params)
        }
        with_hours = {
            row[0]
            for row in _run(
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
            rows = _run(
                cursor,
                f"SELECT document_id, latitude, longitude FROM search_searchpoint WHERE document_id IN ({_in(document_ids)})",
                document_ids,
            )
        for document_id, latitude, longitude in rows:
            points.setdefault(document_id, []).append((latitude, longitude))
    return points


def service_ids_of(document_ids: list[int]) -> list[str]:
    """The service ids (as strings) of these documents, in the same order."""
    found: dict[int, str] = {}
    with reading().cursor() as cursor:
        for start in range(0, len(document_ids), 500):
            chunk = document_ids[start : start + 500]
            rows = _run(
                cursor, f"SELECT id, service_id FROM search_searchdocument WHERE id IN ({_in(chunk)})", chunk
            )
            found.update((document_id, str(uuid.UUID(str(service_id)))) for document_id, service_id in rows)
    return [found[i] for i in document_ids if i in found]
