"""The SQL of a search: the filters as a WHERE clause, and the text search per database (SQLite's FTS5
index, PostgreSQL's full text search), which finds, counts and scores the matching documents."""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.db import connections, router

from perhekeskus.catalog.opening_hours import HELSINKI, holiday_name
from perhekeskus.core.validators import MAX_AGE_MONTHS
from perhekeskus.search import query as search_query
from perhekeskus.search.models import SearchDocument

KM_PER_DEGREE = 111.195
# bm25 weights of FTS5 columns and ts_rank weights of PostgreSQL (D, C, B, A): names weigh most.
FTS5_WEIGHTS = "10.0, 5.0, 2.0, 1.0"
TS_RANK_WEIGHTS = "'{0.1, 0.2, 0.5, 1.0}'"


def reading():
    """The connection searches read from: the read replica in the views that may use it
    (perhekeskus.core.replica), the database otherwise."""
    return connections[router.db_for_read(SearchDocument)]


def placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def rows(cursor, sql: str, params: list[Any]) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


class Sql:
    """A WHERE clause with its parameters, built piece by piece."""

    def __init__(self, clauses=(), params=()) -> None:
        self.clauses: list[str] = list(clauses)
        self.params: list[Any] = list(params)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    @property
    def where(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1 = 1"


def filter_sql(
    filters: search_query.Filters, now: datetime.datetime, *, with_text: bool, open_now: bool = True
) -> Sql:
    """The filters as SQL. `with_text`: a text search comes with them. Its matches are best found
    through the full-text index, but PostgreSQL misjudges how many a query of many alternatives
    matches and would rather walk the index of free/age over most documents; the conditions on those
    columns are then written so that their index does not apply."""
    sql = Sql()
    for facet, values in filters.code_lists():
        sql.add(
            "d.id IN (SELECT document_id FROM search_searchfacet WHERE facet = %s "
            f"AND code IN ({placeholders(values)}))",
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
    if filters.open_now and open_now:  # `open_now` False: the caller keeps to the open ones itself
        add_open_now(sql, now)
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


def _squared_degrees(prefix: str, filters: search_query.Filters) -> tuple[str, list[float]]:
    """Squared distance in degrees of latitude from the searched position to a search point: the
    equirectangular approximation, fine at the scale of a region (shown distances are haversine)."""
    lat, lon, k = filters.latitude, filters.longitude, math.cos(math.radians(filters.latitude))
    return (
        f"({prefix}latitude - %s) * ({prefix}latitude - %s) + ({prefix}longitude - %s) * %s * ({prefix}longitude - %s) * %s",
        [lat, lat, lon, k, lon, k],
    )


def add_open_now(sql: Sql, now: datetime.datetime) -> None:
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


# --- The text search per database ----------------------------------------------------------------


class Backend:
    """The FROM clause, match condition and score of a search; this base class searches no text (the
    filters alone, over the document table, the same on both databases)."""

    id = "d.id"

    def __init__(self, match: str | None = None) -> None:
        self.match = match

    def source(self, joined: bool) -> str:
        """`joined`: whether the conditions read the document table (on SQLite a text search alone
        reads only the FTS5 index)."""
        return "search_searchdocument d"

    @property
    def source_params(self) -> list[Any]:
        return []

    def id_in(self, ids: list[int]) -> str:
        """The condition that a match is one of `ids`."""
        return f"{self.id} IN ({placeholders(ids)})"

    def where(self, base: Sql) -> Sql:
        """`base` (the filters) and the match condition."""
        return Sql(base.clauses, base.params)

    def score(self) -> str:
        """Score expression of a text search: higher is better."""
        raise NotImplementedError("no text is searched, so nothing is scored")

    def run(self, cursor, columns: str, base: Sql, tail="", select_params=(), tail_params=(), joined=False):
        """Rows of `columns` of the matches; `joined`: the columns or `tail` read the document table."""
        where = self.where(base)
        return rows(
            cursor,
            f"SELECT {columns} FROM {self.source(joined or bool(base.clauses))} WHERE {where.where} {tail}",
            [*select_params, *self.source_params, *where.params, *tail_params],
        )

    def count(self, cursor, base: Sql) -> int:
        return self.run(cursor, "COUNT(*)", base)[0][0]

    def finds_any(self, cursor) -> bool:
        """Whether the match finds anything at all, filters aside."""
        return bool(self.run(cursor, "1", Sql(), "LIMIT 1"))

    def scores(self, cursor, base: Sql) -> dict[int, float]:
        """The score of each match."""
        return dict(self.run(cursor, f"{self.id}, {self.score()}", base))

    def scores_of(self, cursor, base: Sql, ids: list[int]) -> dict[int, float]:
        """The scores of those of `ids` that match."""
        if not ids:
            return {}
        return self.scores(cursor, Sql([*base.clauses, self.id_in(ids)], [*base.params, *ids]))

    def ids_by_distance(
        self, cursor, base: Sql, filters: search_query.Filters, limit: int, offset: int
    ) -> list[int]:
        """One page of matching ids, nearest first (documents without a public place last)."""
        squared, squared_params = _squared_degrees("p.", filters)
        found = self.run(
            cursor,
            f"d.id, (SELECT MIN({squared}) FROM search_searchpoint p WHERE p.document_id = d.id) AS distance",
            base,
            "ORDER BY distance ASC NULLS LAST, d.sort_name, d.id LIMIT %s OFFSET %s",
            select_params=squared_params,
            tail_params=[limit, offset],
            joined=True,
        )
        return [row[0] for row in found]


class Fts5Backend(Backend):
    """A text search on SQLite: the FTS5 index (search_fts, whose rowid is the document's id), scored
    by bm25."""

    id = "search_fts.rowid"

    def source(self, joined: bool) -> str:
        return (
            "search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid" if joined else "search_fts"
        )

    def id_in(self, ids: list[int]) -> str:
        """The rowid is written `+rowid` so that FTS5 evaluates MATCH once and filters its rows, instead
        of evaluating the whole MATCH once per listed rowid (seconds for a common word among 50,000
        documents)."""
        return f"+{super().id_in(ids)}"

    def where(self, base: Sql) -> Sql:
        return Sql(["search_fts MATCH %s", *base.clauses], [self.match, *base.params])

    def score(self) -> str:
        return f"-bm25(search_fts, {FTS5_WEIGHTS})"


class PostgresBackend(Backend):
    """A text search on PostgreSQL: the tsvector column `document`, scored by ts_rank. The query is
    parsed once in the FROM clause (`match_query`): in the select list `to_tsquery()` would be parsed
    again for every row."""

    def source(self, joined: bool) -> str:
        return "search_searchdocument d CROSS JOIN to_tsquery('simple', %s) AS match_query"

    @property
    def source_params(self) -> list[Any]:
        return [self.match]

    def where(self, base: Sql) -> Sql:
        return Sql(["d.document @@ match_query", *base.clauses], base.params)

    def score(self) -> str:
        return f"ts_rank({TS_RANK_WEIGHTS}, d.document, match_query)"


def backend_for(match: str | None) -> Backend:
    """The backend that searches `match` (a match expression of search.query) on the database read."""
    if not match:
        return Backend(match)
    return Fts5Backend(match) if reading().vendor == "sqlite" else PostgresBackend(match)


def backends_for(parsed: search_query.ParsedQuery, *, any_word: bool = False) -> tuple[Backend, Backend]:
    """The backend that finds the matches, and the one that scores them: the query without thesaurus
    synonyms. Documents found through synonyms only score 0 and so come after those that hold the
    words themselves; scoring a query of many alternatives would also cost many times more per row."""
    if not parsed.words:
        return Backend(), Backend()
    vendor = reading().vendor
    return (
        backend_for(search_query.match_expression(parsed.words, vendor, any_word=any_word)),
        backend_for(search_query.match_expression(parsed.words, vendor, any_word=any_word, synonyms=False)),
    )
