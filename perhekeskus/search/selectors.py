"""Running a search: matching, filters, ranking, facets and "did you mean", in SQL on either backend."""

import datetime
import math
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from perhekeskus.catalog.opening_hours import HELSINKI, holiday_name
from perhekeskus.core.validators import distance_km
from perhekeskus.search import query as search_query
from perhekeskus.search.indexing import COUNTED_FACETS
from perhekeskus.search.vocabulary import vocabulary

KM_PER_DEGREE = 111.195
# bm25 weights of FTS5 columns and ts_rank weights of PostgreSQL (D, C, B, A): names weigh most.
FTS5_WEIGHTS = "10.0, 5.0, 2.0, 1.0"
TS_RANK_WEIGHTS = "'{0.1, 0.2, 0.5, 1.0}'"
FACETS = COUNTED_FACETS


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
    distance_km: float | None = None


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None


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


def _filter_sql(filters: Filters, now: datetime.datetime) -> _Sql:
    sql = _Sql()
    for facet in ("municipality", "service_type", "category", "life_situation", "delivery_mode", "language"):
        values = getattr(filters, facet)
        if values:
            sql.add(
                "d.id IN (SELECT document_id FROM search_searchfacet WHERE facet = %s "
                f"AND code IN ({_in(values)}))",
                facet,
                *values,
            )
    if filters.age_months is not None:
        sql.add(
            "(d.age_min_months IS NULL OR d.age_min_months <= %s) AND (d.age_max_months IS NULL OR d.age_max_months >= %s)",
            filters.age_months,
            filters.age_months,
        )
    if filters.free is not None:
        sql.add("d.is_free = %s", filters.free)
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

    On PostgreSQL the queries are parsed once in the FROM clause (`match_query`, `exact_query`): in the
    select list `to_tsquery()` would be parsed again for every row.
    """

    def __init__(self, match: str | None, exact_match: str | None = None) -> None:
        self.vendor = connection.vendor
        self.match = match
        self.exact_match = exact_match  # the match without thesaurus synonyms

    @property
    def source(self) -> str:
        if not self.match:
            return "search_searchdocument d"
        if self.vendor == "sqlite":
            return "search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid"
        return (
            "search_searchdocument d CROSS JOIN to_tsquery('simple', %s) AS match_query"
            " CROSS JOIN to_tsquery('simple', %s) AS exact_query"
        )

    @property
    def source_params(self) -> list[Any]:
        if self.match and self.vendor != "sqlite":
            return [self.match, self.exact_match or self.match]
        return []

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
        """Score expression: higher is better. PostgreSQL ranks by the words themselves (the query
        without synonyms): documents found through synonyms only score 0 and so come after, and
        ts_rank() over a query of many alternatives costs a hundred times more per row."""
        if not self.match:
            return "NULL"
        if self.vendor == "sqlite":
            return f"-bm25(search_fts, {FTS5_WEIGHTS})"
        return f"ts_rank({TS_RANK_WEIGHTS}, d.document, exact_query)"

    def exact_flag(self) -> tuple[str, list[Any]]:
        """1 for documents that match without thesaurus synonyms, else 0."""
        if not self.exact_match or self.exact_match == self.match:
            return "1", []
        if self.vendor == "sqlite":
            return "(d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))", [self.exact_match]
        return "1", []  # the score says it on PostgreSQL

    def run(self, cursor, columns: str, where: "_Sql", tail: str = "", select_params=(), tail_params=()):
        return _run(
            cursor,
            f"SELECT {columns} FROM {self.source} WHERE {where.where} {tail}",
            [*select_params, *self.source_params, *where.params, *tail_params],
        )


def _run(cursor, sql: str, params: list[Any]) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def _count(cursor, backend: _Backend, where: _Sql) -> int:
    return backend.run(cursor, "COUNT(*)", where)[0][0]


def _matches_anything(cursor, word: search_query.Word) -> bool:
    backend = _Backend(search_query.match_expression((word,), connection.vendor))
    where = backend.where(_Sql())
    return bool(backend.run(cursor, "1", where, "LIMIT 1"))


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
) -> SearchResult:
    explicit_municipalities = bool(filters.municipality)
    counts = vocabulary()[1]
    parsed = search_query.parse(
        text, detect_municipalities=not explicit_municipalities, known=lambda term: term in counts
    )
    if parsed.municipalities:
        filters.municipality = list(parsed.municipalities)
    base = _filter_sql(filters, now)
    page_of = _PageOf(
        filters=filters, sort=sort, limit=page_size, offset=(page - 1) * page_size, with_facets=with_facets
    )
    suggestion = None
    on_postgres = connection.vendor == "postgresql"
    # A transaction only on PostgreSQL, for SET LOCAL (on SQLite it would take the write lock).
    with transaction.atomic() if on_postgres else nullcontext(), connection.cursor() as cursor:
        if on_postgres and parsed.words:
            # PostgreSQL misjudges how many rows a query of many alternatives matches and would scan
            # the whole table; the GIN index is the fast way for every text search.
            cursor.execute("SET LOCAL enable_seqscan = off")
        total, hits, facets = _attempt(cursor, parsed, base, page_of)
        if total == 0 and parsed.words:
            fixed = _corrected(cursor, parsed, base)
            if fixed is not None:
                suggestion = fixed.text
                parsed = fixed
                total, hits, facets = _attempt(cursor, parsed, base, page_of)
            if total == 0 and len(parsed.words) > 1:
                total, hits, facets = _attempt(cursor, parsed, base, page_of, any_word=True)
    return SearchResult(total=total, hits=hits, facets=facets, suggestion=suggestion)


@dataclass(frozen=True)
class _PageOf:
    filters: Filters
    sort: str
    limit: int
    offset: int
    with_facets: bool


def _backend_for(parsed, *, any_word: bool = False) -> _Backend:
    if not parsed.words:
        return _Backend(None)
    vendor = connection.vendor
    return _Backend(
        search_query.match_expression(parsed.words, vendor, any_word=any_word),
        search_query.match_expression(parsed.words, vendor, any_word=any_word, synonyms=False),
    )


def _attempt(
    cursor, parsed, base: _Sql, page_of: _PageOf, *, any_word: bool = False
) -> tuple[int, list[Hit], dict[str, dict[str, int]]]:
    """Total, one page of hits and the facet counts of one way of matching the query."""
    backend = _backend_for(parsed, any_word=any_word)
    where = backend.where(base)
    if page_of.with_facets:  # one pass over the matches gives the facets and the total
        facets, total = _facets(cursor, backend, where)
    else:
        facets, total = {}, _count(cursor, backend, where)
    if total == 0 or page_of.offset >= total:
        return total, [], facets
    return total, _rows(cursor, backend, where, page_of), facets


def _attempt_count(cursor, parsed, base: _Sql) -> int:
    backend = _backend_for(parsed)
    return _count(cursor, backend, backend.where(base))


def _rows(cursor, backend: _Backend, where: _Sql, page_of: _PageOf) -> list[Hit]:
    """One page of hits. Ranked by relevance, documents that hold the words themselves come before
    those found through synonyms only."""
    filters = page_of.filters
    score = backend.score()
    exact, select_params = backend.exact_flag() if page_of.sort == "relevance" else ("0", [])
    select_params = list(select_params)
    distance = "NULL"
    if filters.latitude is not None:
        squared, squared_params = _squared_degrees("p.", filters)
        distance = f"(SELECT MIN({squared}) FROM search_searchpoint p WHERE p.document_id = d.id)"
        select_params += squared_params
    if page_of.sort == "distance":
        order = "distance ASC NULLS LAST, d.sort_name, d.id"
    elif page_of.sort == "name" or not backend.match:
        order = "d.sort_name, d.id"
    else:
        order = "exact DESC, score DESC, d.sort_name, d.id"
    # Rank on narrow rows, then read the shown documents by key.
    rows = backend.run(
        cursor,
        f"d.id, {score} AS score, {exact} AS exact, {distance} AS distance",
        where,
        f"ORDER BY {order} LIMIT %s OFFSET %s",
        select_params=select_params,
        tail_params=[page_of.limit, page_of.offset],
    )
    ids = [row[0] for row in rows]
    data = dict(_run(cursor, f"SELECT id, data FROM search_searchdocument WHERE id IN ({_in(ids)})", ids))
    hits = [Hit(document_id=row[0], data=_json(data[row[0]]), score=row[1]) for row in rows]
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


def _facets(cursor, backend: _Backend, where: _Sql) -> tuple[dict[str, dict[str, int]], int]:
    """Counts of each facet's codes among all matches, and the number of matches, in one pass over the
    documents' facet words."""
    counts = Counter()
    rows = backend.run(cursor, "d.facet_codes", where)
    for (codes,) in rows:
        counts.update(codes.split())
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for word, count in counts.items():
        facet, _, code = word.partition(":")
        facets[facet][code] = count
    return facets, len(rows)
