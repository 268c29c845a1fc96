"""The SQL of a search: the text search per database (SQLite's FTS5 index, PostgreSQL's full text
search), which finds and scores the matching documents, and the rule of the open-now filter."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connections, router

from perhekeskus.catalog.opening_hours import HELSINKI, holiday_name
from perhekeskus.search import query as search_query
from perhekeskus.search.models import SearchDocument

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
    """The FROM clause, match condition and score of a text search; this base class searches no text
    (every document, on both databases). The filters are not SQL: the search applies them to the ids
    found, in memory (search.snapshot)."""

    id = "d.id"

    def __init__(self, match: str | None = None) -> None:
        self.match = match

    def source(self) -> str:
        return "search_searchdocument d"

    @property
    def source_params(self) -> list[Any]:
        return []

    def id_in(self, ids: list[int]) -> str:
        """The condition that a match is one of `ids`."""
        return f"{self.id} IN ({placeholders(ids)})"

    def where(self, conditions: Sql) -> Sql:
        """`conditions` and the match condition."""
        return Sql(conditions.clauses, conditions.params)

    def score(self) -> str:
        """Score expression of a text search: higher is better."""
        raise NotImplementedError("no text is searched, so nothing is scored")

    def run(self, cursor, columns: str, conditions: Sql | None = None, tail: str = "") -> list[tuple]:
        """Rows of `columns` of the matches that also meet `conditions`."""
        where = self.where(conditions or Sql())
        return rows(
            cursor,
            f"SELECT {columns} FROM {self.source()} WHERE {where.where} {tail}",
            [*self.source_params, *where.params],
        )

    def ids(self, cursor) -> list[int]:
        """The ids of the matches."""
        return [row[0] for row in self.run(cursor, self.id)]

    def finds_any(self, cursor) -> bool:
        """Whether the match finds anything at all."""
        return bool(self.run(cursor, "1", tail="LIMIT 1"))

    def scores(self, cursor) -> dict[int, float]:
        """The score of each match."""
        return dict(self.run(cursor, f"{self.id}, {self.score()}"))

    def scores_of(self, cursor, ids: list[int]) -> dict[int, float]:
        """The scores of those of `ids` that match."""
        if not ids:
            return {}
        return dict(self.run(cursor, f"{self.id}, {self.score()}", Sql([self.id_in(ids)], ids)))


class Fts5Backend(Backend):
    """A text search on SQLite: the FTS5 index (search_fts, whose rowid is the document's id), scored
    by bm25."""

    id = "search_fts.rowid"

    def source(self) -> str:
        return "search_fts"

    def id_in(self, ids: list[int]) -> str:
        """The rowid is written `+rowid` so that FTS5 evaluates MATCH once and filters its rows, instead
        of evaluating the whole MATCH once per listed rowid (seconds for a common word among 50,000
        documents)."""
        return f"+{super().id_in(ids)}"

    def where(self, conditions: Sql) -> Sql:
        return Sql(["search_fts MATCH %s", *conditions.clauses], [self.match, *conditions.params])

    def score(self) -> str:
        return f"-bm25(search_fts, {FTS5_WEIGHTS})"


class PostgresBackend(Backend):
    """A text search on PostgreSQL: the tsvector column `document`, scored by ts_rank. The query is
    parsed once in the FROM clause (`match_query`): in the select list `to_tsquery()` would be parsed
    again for every row."""

    def source(self) -> str:
        return "search_searchdocument d CROSS JOIN to_tsquery('simple', %s) AS match_query"

    @property
    def source_params(self) -> list[Any]:
        return [self.match]

    def where(self, conditions: Sql) -> Sql:
        return Sql(["d.document @@ match_query", *conditions.clauses], conditions.params)

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
