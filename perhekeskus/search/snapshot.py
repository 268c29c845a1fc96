"""Every search document's filterable facts and place in name order, held in memory per process.

Counting facets, filtering and ordering by name over thousands of matches is what made broad searches
slow: the database had to read each matching document's wide row and its facet rows. With this
snapshot a search asks the database only for the ids matching its words (the full-text index, nothing
else) and scores; facet counts and the filters are set operations on compressed bitmaps of document
ids (Roaring, in C: pyroaring), distance and name order lookups.

Documents are never changed in place: reindexing a service deletes its document and writes a new one
with a new id. So a snapshot never holds a wrong copy of a live document, only documents since deleted
(which no longer match anything) and not yet documents written since it was taken: those are read
when a search first meets their ids.
"""

import bisect
import datetime
import heapq
import math
import threading
from collections.abc import Callable, Iterable
from itertools import islice
from typing import NamedTuple

from django.db import connection
from pyroaring import BitMap, FrozenBitMap

from perhekeskus.core.validators import MAX_AGE_MONTHS

# The prefix of a document's words naming the municipalities it is delivered in (search.indexing).
PLACE = "place:"
TYPE = "service_type:"
# The word of the documents of services that can use an interpreter (free or for a fee): the filter
# `interpreter`, not a counted facet.
INTERPRETER = "interpretation:available"
# Life situations are a filter, not a counted facet: documents' facet_codes leave them out, the
# snapshot reads them from the facet rows.
SITUATION = "life_situation"
KM_PER_DEGREE = 111.195
# A name rank leaves room for this many documents added between two neighbours (by halving) before
# the snapshot is taken again.
RANK_STEP = 1024.0
# Documents added since the snapshot was taken, as a share of it, before it is taken again (deleted
# documents stay in the bitmaps until then).
RETAKE_SHARE = 0.2
NONE = FrozenBitMap()


class Row(NamedTuple):
    """What the snapshot holds of one document."""

    id: int
    sort_name: str
    codes: str  # "facet:code" words, and PLACE words of the municipalities it is delivered in
    age_min_months: int | None = None
    age_max_months: int | None = None
    is_free: bool | None = None
    points: tuple[tuple[float, float], ...] = ()  # public map positions (latitude, longitude)


class Snapshot:
    """Bitmaps are of document ids, frozen: a change replaces them (`add`), so that searches in other
    threads read them whole."""

    def __init__(self, rows: list[Row]) -> None:
        """`rows` in name order."""
        self.rank: dict[int, float] = {}
        self.keys: list[tuple[str, int]] = []  # (sort name, id) in name order, for placing newcomers
        self.ranks: list[float] = []  # rank of each key
        self.base_size = len(rows)
        # The ids of the documents as taken, in name order (those added since are placed by rank).
        self.by_name: list[int] = []
        self.points: dict[int, tuple[tuple[float, float], ...]] = {}
        # (latitude, longitude, id) of every map position, by latitude: the area filter.
        self.by_latitude: list[tuple[float, float, int]] = []
        ids_by_code: dict[str, list[int]] = {}
        by_age_range: dict[tuple[int, int], list[int]] = {}
        free: list[int] = []
        # Municipality code → the documents delivered there (PLACE words; not counted as facets).
        ids_by_place: dict[str, list[int]] = {}
        for position, row in enumerate(rows):
            self.rank[row.id] = position * RANK_STEP
            self.keys.append((row.sort_name, row.id))
            self.ranks.append(position * RANK_STEP)
            self.by_name.append(row.id)
            if row.points:
                self.points[row.id] = row.points
            self.by_latitude.extend((latitude, longitude, row.id) for latitude, longitude in row.points)
            if row.is_free:
                free.append(row.id)
            by_age_range.setdefault(_age_range(row), []).append(row.id)
            for code in row.codes.split():
                if code.startswith(PLACE):
                    ids_by_place.setdefault(code.removeprefix(PLACE), []).append(row.id)
                else:
                    ids_by_code.setdefault(code, []).append(row.id)
        self.by_latitude.sort()
        self.held = FrozenBitMap(self.by_name)
        self.added = NONE  # documents added since the snapshot was taken
        self.place_bitmaps = {code: FrozenBitMap(ids) for code, ids in ids_by_place.items()}
        self.bitmaps = {code: FrozenBitMap(ids) for code, ids in ids_by_code.items()}
        self.free = FrozenBitMap(free)
        # (lowest, highest age in months) → the documents for those ages (few distinct ranges), with
        # the bitmaps of the ages asked for so far: one pair, replaced together (`add`), so that a
        # search never keeps a bitmap made from older ranges.
        self.ages: tuple[dict[tuple[int, int], FrozenBitMap], dict[int, FrozenBitMap]] = (
            {limits: FrozenBitMap(ids) for limits, ids in by_age_range.items()},
            {},
        )

    def add(self, rows: list[Row]) -> bool:
        """Add documents written since the snapshot was taken; False when it should be taken again.
        Searches in other threads may be reading meanwhile: the dictionaries they read by id are
        added to, the bitmaps and lists are replaced, not changed."""
        changed: dict[tuple[str, str], list[int]] = {}  # (kind, code) → the ids that join it
        by_latitude = list(self.by_latitude)
        keys, ranks = list(self.keys), list(self.ranks)
        for row in rows:
            key = (row.sort_name, row.id)
            index = bisect.bisect(keys, key)
            before = ranks[index - 1] if index else -RANK_STEP
            after = ranks[index] if index < len(ranks) else before + 2 * RANK_STEP
            rank = (before + after) / 2
            if not before < rank < after:
                return False
            keys.insert(index, key)
            ranks.insert(index, rank)
            if row.points:
                self.points[row.id] = row.points
            for latitude, longitude in row.points:
                bisect.insort(by_latitude, (latitude, longitude, row.id))
            if row.is_free:
                changed.setdefault(("free", ""), []).append(row.id)
            changed.setdefault(("age", _age_range(row)), []).append(row.id)
            for code in row.codes.split():
                if code.startswith(PLACE):
                    changed.setdefault(("place", code.removeprefix(PLACE)), []).append(row.id)
                else:
                    changed.setdefault(("code", code), []).append(row.id)
            self.rank[row.id] = rank
        bitmaps, place_bitmaps, age_ranges = dict(self.bitmaps), dict(self.place_bitmaps), dict(self.ages[0])
        free = self.free
        for (kind, code), ids in changed.items():
            joining = FrozenBitMap(ids)
            if kind == "free":
                free = free | joining
            elif kind == "age":
                age_ranges[code] = age_ranges.get(code, NONE) | joining
            elif kind == "place":
                place_bitmaps[code] = place_bitmaps.get(code, NONE) | joining
            else:
                bitmaps[code] = bitmaps.get(code, NONE) | joining
        newcomers = FrozenBitMap(row.id for row in rows)
        self.bitmaps, self.place_bitmaps, self.free = bitmaps, place_bitmaps, free
        self.by_latitude, self.ages, self.keys, self.ranks = by_latitude, (age_ranges, {}), keys, ranks
        self.added, self.held = self.added | newcomers, self.held | newcomers
        return len(self.held) - self.base_size <= RETAKE_SHARE * max(self.base_size, 100)

    def facet_counts(self, matches: BitMap, facet: str | None = None) -> dict[str, int]:
        """How many of the documents of the bitmap `matches` carry each "facet:code" word (codes none
        of them carry are left out); of one facet's codes, when given."""
        counts = {}
        prefix = f"{facet}:" if facet else ""
        for code, bitmap in self.bitmaps.items():
            if not code.startswith(prefix):
                continue
            count = matches.intersection_cardinality(bitmap)
            if count:
                counts[code] = count
        return counts

    def passing(self, filters) -> BitMap | None:
        """The bitmap of the documents that pass the filters (search.query.Filters) other than open
        now; None when no such filter is in use. A list filter passes a document that has any of its
        codes; a document without an age range or price is for every age, and not free; `interpreter`
        passes the documents with the INTERPRETER word."""
        passing: BitMap | None = None

        def narrow(bitmap: BitMap) -> None:
            nonlocal passing
            passing = bitmap if passing is None else passing & bitmap

        for facet, codes in filters.code_lists():
            narrow(BitMap.union(NONE, *(self.bitmaps.get(f"{facet}:{code}", NONE) for code in codes)))
        if filters.age_months is not None:
            narrow(self._for_age(filters.age_months))
        if filters.free is not None:
            narrow(self.free if filters.free else self.held - self.free)
        if filters.interpreter:
            narrow(self.bitmaps.get(INTERPRETER, NONE))
        if filters.radius_km is not None:
            narrow(BitMap(self._within(filters.latitude, filters.longitude, filters.radius_km)))
        return passing

    def _for_age(self, months: int) -> BitMap:
        ranges, of_age = self.ages
        bitmap = of_age.get(months)
        if bitmap is None:
            bitmap = FrozenBitMap.union(
                NONE, *(ids for (low, high), ids in ranges.items() if low <= months <= high)
            )
            of_age[months] = bitmap
        return bitmap

    def _within(self, latitude: float, longitude: float, radius_km: float) -> set[int]:
        """The documents with a map position within `radius_km`: the equirectangular approximation,
        fine at the scale of a region (shown distances are haversine)."""
        k = math.cos(math.radians(latitude))
        span = radius_km / KM_PER_DEGREE
        band = self.by_latitude
        low = bisect.bisect_left(band, (latitude - span,))
        high = bisect.bisect_right(band, (latitude + span, math.inf))
        return {
            document_id
            for lat, lon, document_id in band[low:high]
            if abs(lon - longitude) * k <= span
            and (lat - latitude) ** 2 + ((lon - longitude) * k) ** 2 <= span * span
        }

    def distance_key(self, latitude: float, longitude: float) -> Callable[[int], tuple]:
        """Sort key of a document: nearest map position first, those without one last, then by name."""
        k = math.cos(math.radians(latitude))
        points, rank = self.points, self.rank

        def key(document_id: int) -> tuple:
            squared = [
                (lat - latitude) ** 2 + ((lon - longitude) * k) ** 2
                for lat, lon in points.get(document_id, ())
            ]
            return (not squared, min(squared, default=0.0), rank[document_id])

        return key

    def first_by_name(self, matches: BitMap, count: int) -> list[int]:
        """The ids of the first `count` documents of the bitmap `matches` in name order."""
        if len(matches) ** 2 * 3 < count * len(self.by_name):
            # Few: sort them. Many: walk the name order until enough of them are met.
            return heapq.nsmallest(count, matches, key=self.rank.__getitem__)
        first = list(islice(filter(matches.__contains__, self.by_name), count))
        added = matches & self.added
        if not added:
            return first
        return sorted([*first, *added], key=self.rank.__getitem__)[:count]

    def delivered_in(self, municipalities: Iterable[str]) -> BitMap:
        """The bitmap of the documents delivered in any of these municipalities."""
        return BitMap.union(NONE, *(self.place_bitmaps.get(code, NONE) for code in municipalities))

    def of_types(self, codes: Iterable[str]) -> BitMap:
        """The bitmap of the documents of any of these service types."""
        return BitMap.union(NONE, *(self.bitmaps.get(TYPE + code, NONE) for code in codes))


def _age_range(row: Row) -> tuple[int, int]:
    """The ages a document is for: without limits, every age."""
    high = MAX_AGE_MONTHS if row.age_max_months is None else row.age_max_months
    return (row.age_min_months or 0, high)


_lock = threading.Lock()
_snapshot: Snapshot | None = None


def current() -> Snapshot:
    """The snapshot (taken when there is none yet)."""
    return snapshot_for(NONE)[0]


def snapshot_for(found: BitMap) -> tuple[Snapshot, BitMap]:
    """The snapshot, holding at least the documents of `found`, with those of them that exist (a
    document deleted by another process since a query found it is no longer a match)."""
    global _snapshot
    with _lock:
        if _snapshot is None:
            _snapshot = Snapshot(_read())
        missing = found - _snapshot.held
        if not missing:
            return _snapshot, found
        if len(missing) > RETAKE_SHARE * _snapshot.base_size or not _snapshot.add(_read(list(missing))):
            _snapshot = Snapshot(_read())
        return _snapshot, found & _snapshot.held


# Every live document (a search without words): the documents' version it was read at, the snapshot
# that holds them, and their bitmap.
_every: tuple[int, Snapshot, FrozenBitMap] | None = None


def every_document(cursor) -> tuple[Snapshot, FrozenBitMap]:
    """The snapshot and the bitmap of every live document. Read again only when the documents' version
    (models.DocumentsVersion, which the database moves on with every document written or deleted) is
    not the one they were read at. The version is read first: documents committed in between make
    the next search read them again, never keep a version they are not of."""
    global _every
    cursor.execute("SELECT version FROM search_documentsversion WHERE id = 1")
    row = cursor.fetchone()
    version = None if row is None else row[0]  # no row: a flushed table, until documents are written
    kept = _every
    if kept is not None and version is not None and kept[0] == version and kept[1] is _snapshot:
        return kept[1], kept[2]
    cursor.execute("SELECT id FROM search_searchdocument")
    snapshot, ids = snapshot_for(BitMap(row[0] for row in cursor.fetchall()))
    every = FrozenBitMap(ids)
    _every = None if version is None else (version, snapshot, every)
    return snapshot, every


def forget() -> None:
    """Drop the snapshot. Needed only where row ids can be used again, as in test transactions rolled
    back on SQLite."""
    global _snapshot, _every
    with _lock:
        _snapshot = _every = None
    forget_open_now()


# The documents open now, as of one minute (opening hours are by the minute), with a lock of its own:
# reading them must not hold up the searches that need only the snapshot.
_open_now: tuple[datetime.datetime, FrozenBitMap] | None = None
_open_now_lock = threading.Lock()


def open_now_ids(now: datetime.datetime, read: Callable[[], Iterable[int]]) -> FrozenBitMap:
    """The documents open at `now`: `read()` once a minute per process, instead of in every search's
    SQL (the same set for every search of that minute). Indexing in this process forgets them; other
    processes see a change of hours within the minute."""
    global _open_now
    minute = now.replace(second=0, microsecond=0)
    with _open_now_lock:
        if _open_now is None or _open_now[0] != minute:
            _open_now = (minute, FrozenBitMap(read()))
        return _open_now[1]


def forget_open_now() -> None:
    global _open_now
    with _open_now_lock:
        _open_now = None


def _read(document_ids: list[int] | None = None) -> list[Row]:
    """Documents in name order, sorted here: the database's collation may differ from Python's."""

    def of_documents(column: str) -> str:
        if document_ids is None:
            return "TRUE"
        return f"{column} IN ({', '.join(['%s'] * len(document_ids))})"

    params = document_ids or []
    situations: dict[int, list[str]] = {}
    points: dict[int, list[tuple[float, float]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, sort_name, facet_codes, age_min_months, age_max_months, is_free"
            f" FROM search_searchdocument WHERE {of_documents('id')}",
            params,
        )
        documents = cursor.fetchall()
        cursor.execute(
            f"SELECT document_id, code FROM search_searchfacet WHERE {of_documents('document_id')} AND facet = %s",
            [*params, SITUATION],
        )
        for document_id, code in cursor.fetchall():
            situations.setdefault(document_id, []).append(f"{SITUATION}:{code}")
        cursor.execute(
            f"SELECT document_id, latitude, longitude FROM search_searchpoint WHERE {of_documents('document_id')}",
            params,
        )
        for document_id, latitude, longitude in cursor.fetchall():
            points.setdefault(document_id, []).append((latitude, longitude))
    rows = [
        Row(
            document_id,
            sort_name,
            " ".join([codes, *situations.get(document_id, ())]),
            age_min,
            age_max,
            is_free,
            tuple(points.get(document_id, ())),
        )
        for document_id, sort_name, codes, age_min, age_max, is_free in documents
    ]
    return sorted(rows, key=lambda row: (row.sort_name, row.id))
