"""Every search document's filterable facts and place in name order, held in memory per process.

Counting facets, filtering and ordering by name over thousands of matches is what made broad searches
slow: the database had to read each matching document's wide row and its facet rows. With this
snapshot a search asks the database only for the ids matching its words (the full-text index, nothing
else) and scores; facet counts and the list filters are bitmaps, the age, price and area filters and
distance and name order lookups.

Documents are never changed in place: reindexing a service deletes its document and writes a new one
with a new id. So a snapshot never holds a wrong copy of a live document, only documents since deleted
(which no longer match anything) and not yet documents written since it was taken: those are read
when a search first meets their ids.
"""

import bisect
import datetime
import math
import threading
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.db import connection

from perhekeskus.core.validators import MAX_AGE_MONTHS

# The prefix of a document's words naming the municipalities it is delivered in (search.indexing).
PLACE = "place:"
TYPE = "service_type:"
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
# The set bits of each byte value, to list the positions of a bitmap.
_BITS = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


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
    def __init__(self, rows: list[Row]) -> None:
        """`rows` in name order."""
        self.position: dict[int, int] = {}
        self.rank: dict[int, float] = {}
        self.keys: list[tuple[str, int]] = []  # (sort name, id) in name order, for placing newcomers
        self.ranks: list[float] = []  # rank of each key
        self.base_size = len(rows)
        # By position: the document's id and map positions.
        self.ids: list[int] = []
        self.points: list[tuple[tuple[float, float], ...]] = []
        # (latitude, longitude, position) of every map position, by latitude: the area filter.
        self.by_latitude: list[tuple[float, float, int]] = []
        positions_by_code: dict[str, list[int]] = {}
        by_age_range: dict[tuple[int, int], list[int]] = {}
        free: list[int] = []
        # Municipality code → the documents delivered there (PLACE words; not counted as facets).
        place_positions: dict[str, list[int]] = {}
        for position, row in enumerate(rows):
            self.position[row.id] = position
            self.rank[row.id] = position * RANK_STEP
            self.keys.append((row.sort_name, row.id))
            self.ranks.append(position * RANK_STEP)
            self._hold(row)
            self.by_latitude.extend((latitude, longitude, position) for latitude, longitude in row.points)
            if row.is_free:
                free.append(position)
            by_age_range.setdefault(_age_range(row), []).append(position)
            for code in row.codes.split():
                if code.startswith(PLACE):
                    place_positions.setdefault(code.removeprefix(PLACE), []).append(position)
                else:
                    positions_by_code.setdefault(code, []).append(position)
        self.by_latitude.sort()
        self.place_bitmaps = {code: bitmap_of(positions) for code, positions in place_positions.items()}
        # The documents of the snapshot as taken, whose positions are in name order.
        self.in_name_order = (1 << self.base_size) - 1
        self.bitmaps = {code: bitmap_of(positions) for code, positions in positions_by_code.items()}
        self.free = bitmap_of(free)
        # (lowest, highest age in months) → the documents for those ages (few distinct ranges), with
        # the bitmaps of the ages asked for so far: one pair, replaced together (`add`), so that a
        # search never keeps a bitmap made from older ranges.
        self.ages: tuple[dict[tuple[int, int], int], dict[int, int]] = (
            {limits: bitmap_of(positions) for limits, positions in by_age_range.items()},
            {},
        )

    def _hold(self, row: Row) -> None:
        """Append what is read by position."""
        self.ids.append(row.id)
        self.points.append(row.points)

    def add(self, rows: list[Row]) -> bool:
        """Add documents written since the snapshot was taken; False when it should be taken again.
        Searches in other threads may be reading meanwhile: what they read by position is appended
        to, the bitmaps and sets are replaced, not changed."""
        bitmaps, place_bitmaps, age_ranges = dict(self.bitmaps), dict(self.place_bitmaps), dict(self.ages[0])
        free = self.free
        by_latitude = list(self.by_latitude)
        for row in rows:
            key = (row.sort_name, row.id)
            index = bisect.bisect(self.keys, key)
            before = self.ranks[index - 1] if index else -RANK_STEP
            after = self.ranks[index] if index < len(self.ranks) else before + 2 * RANK_STEP
            rank = (before + after) / 2
            if not before < rank < after:
                return False
            self.keys.insert(index, key)
            self.ranks.insert(index, rank)
            position = len(self.ids)
            self._hold(row)
            for latitude, longitude in row.points:
                bisect.insort(by_latitude, (latitude, longitude, position))
            if row.is_free:
                free |= 1 << position
            limits = _age_range(row)
            age_ranges[limits] = age_ranges.get(limits, 0) | (1 << position)
            for code in row.codes.split():
                if code.startswith(PLACE):
                    municipality = code.removeprefix(PLACE)
                    place_bitmaps[municipality] = place_bitmaps.get(municipality, 0) | (1 << position)
                else:
                    bitmaps[code] = bitmaps.get(code, 0) | (1 << position)
            self.position[row.id] = position
            self.rank[row.id] = rank
        self.bitmaps, self.place_bitmaps, self.free = bitmaps, place_bitmaps, free
        self.by_latitude, self.ages = by_latitude, (age_ranges, {})
        return len(self.position) - self.base_size <= RETAKE_SHARE * max(self.base_size, 100)

    def facet_counts(self, matches: int) -> dict[str, int]:
        """How many of the documents of the bitmap `matches` carry each "facet:code" word (codes none
        of them carry are left out)."""
        counts = {}
        for code, bitmap in self.bitmaps.items():
            count = (matches & bitmap).bit_count()
            if count:
                counts[code] = count
        return counts

    def passing(self, filters) -> int | None:
        """The bitmap of the documents that pass the filters (search.query.Filters) other than open
        now; None when no such filter is in use. A list filter passes a document that has any of its
        codes; a document without an age range or price is for every age, and not free."""
        passing: int | None = None

        def narrow(bitmap: int) -> None:
            nonlocal passing
            passing = bitmap if passing is None else passing & bitmap

        for facet, codes in filters.code_lists():
            any_code = 0
            for code in codes:
                any_code |= self.bitmaps.get(f"{facet}:{code}", 0)
            narrow(any_code)
        if filters.age_months is not None:
            narrow(self._for_age(filters.age_months))
        if filters.free is not None:
            narrow(self.free if filters.free else self._all() & ~self.free)
        if filters.radius_km is not None:
            narrow(bitmap_of(self._within(filters.latitude, filters.longitude, filters.radius_km)))
        return passing

    def _all(self) -> int:
        return (1 << len(self.ids)) - 1

    def _for_age(self, months: int) -> int:
        ranges, of_age = self.ages
        bitmap = of_age.get(months)
        if bitmap is None:
            bitmap = 0
            for (low, high), positions in ranges.items():
                if low <= months <= high:
                    bitmap |= positions
            of_age[months] = bitmap
        return bitmap

    def _within(self, latitude: float, longitude: float, radius_km: float) -> set[int]:
        """Positions of the documents with a map position within `radius_km`: the equirectangular
        approximation, fine at the scale of a region (shown distances are haversine)."""
        k = math.cos(math.radians(latitude))
        span = radius_km / KM_PER_DEGREE
        band = self.by_latitude
        low = bisect.bisect_left(band, (latitude - span,))
        high = bisect.bisect_right(band, (latitude + span, math.inf))
        return {
            position
            for lat, lon, position in band[low:high]
            if abs(lon - longitude) * k <= span
            and (lat - latitude) ** 2 + ((lon - longitude) * k) ** 2 <= span * span
        }

    def distance_key(self, latitude: float, longitude: float) -> Callable[[int], tuple]:
        """Sort key of a document's position: nearest map position first, those without one last, then
        by name."""
        k = math.cos(math.radians(latitude))
        points, ids, rank = self.points, self.ids, self.rank

        def key(position: int) -> tuple:
            squared = [(lat - latitude) ** 2 + ((lon - longitude) * k) ** 2 for lat, lon in points[position]]
            return (not squared, min(squared, default=0.0), rank[ids[position]])

        return key

    def first_by_name(self, matches: int, count: int) -> list[int]:
        """The ids of the first `count` documents of the bitmap `matches` in name order: those of the
        snapshot as taken by position, documents added since by their rank among them."""
        first = positions_of(matches & self.in_name_order, limit=count)
        added = positions_of(matches >> self.base_size)
        ids = [self.ids[p] for p in first]
        if not added:
            return ids
        ids += [self.ids[self.base_size + p] for p in added]
        return sorted(ids, key=self.rank.__getitem__)[:count]

    def delivered_in(self, municipalities: Iterable[str]) -> int:
        """The bitmap of the documents delivered in any of these municipalities."""
        found = 0
        for code in municipalities:
            found |= self.place_bitmaps.get(code, 0)
        return found

    def of_types(self, codes: Iterable[str]) -> int:
        """The bitmap of the documents of any of these service types."""
        found = 0
        for code in codes:
            found |= self.bitmaps.get(TYPE + code, 0)
        return found

    def ids_in(self, bitmap: int) -> set[int]:
        return {self.ids[p] for p in positions_of(bitmap)}


def _age_range(row: Row) -> tuple[int, int]:
    """The ages a document is for: without limits, every age."""
    high = MAX_AGE_MONTHS if row.age_max_months is None else row.age_max_months
    return (row.age_min_months or 0, high)


def positions_of(bitmap: int, limit: int | None = None) -> list[int]:
    """The set positions of a bitmap, lowest first (the first `limit` of them)."""
    found: list[int] = []
    for index, byte in enumerate(bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")):
        if byte:
            base = index << 3
            found.extend(base + bit for bit in _BITS[byte])
            if limit is not None and len(found) >= limit:
                return found[:limit]
    return found


def bitmap_of(positions: Iterable[int]) -> int:
    """The bitmap with these positions set."""
    positions = list(positions)
    bits = bytearray(max(positions, default=0) // 8 + 1)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


_lock = threading.Lock()
_snapshot: Snapshot | None = None


def snapshot_for(document_ids: list[int]) -> tuple[Snapshot, list[int], list[int]]:
    """The snapshot, holding at least these documents, with those of them that exist (a document
    deleted by another process since a query found it is no longer a match) and their positions."""
    global _snapshot
    with _lock:
        if _snapshot is None:
            _snapshot = Snapshot(_read())
        positions = list(map(_snapshot.position.get, document_ids))
        if None not in positions:
            return _snapshot, document_ids, positions
        missing = [i for i, p in zip(document_ids, positions, strict=True) if p is None]
        if len(missing) > RETAKE_SHARE * _snapshot.base_size or not _snapshot.add(_read(missing)):
            _snapshot = Snapshot(_read())
        positions = list(map(_snapshot.position.get, document_ids))
        found = [i for i, p in zip(document_ids, positions, strict=True) if p is not None]
        return _snapshot, found, [p for p in positions if p is not None]


# Every live document (a search without words): the signature it was read at, the snapshot that
# places them, their ids, positions and bitmap.
_every: tuple[tuple, Snapshot, list[int], list[int], int] | None = None


def every_document(cursor) -> tuple[Snapshot, list[int], list[int], int]:
    """The snapshot, the ids and positions of every live document, and their bitmap. Read again only
    when the documents' count, highest id or sum of ids changed: ids are never used twice, so any
    document written or deleted since changes them."""
    global _every
    cursor.execute("SELECT COUNT(*), MAX(id), SUM(id) FROM search_searchdocument")
    signature = tuple(cursor.fetchone())
    kept = _every
    if kept is not None and kept[0] == signature and kept[1] is _snapshot:
        return kept[1:]
    cursor.execute("SELECT id FROM search_searchdocument")
    snapshot, ids, positions = snapshot_for([row[0] for row in cursor.fetchall()])
    _every = (signature, snapshot, ids, positions, bitmap_of(positions))
    return _every[1:]


def forget() -> None:
    """Drop the snapshot. Needed only where row ids can be used again, as in test transactions rolled
    back on SQLite."""
    global _snapshot, _every
    with _lock:
        _snapshot = _every = None
    forget_open_now()


# The documents open now, as of one minute (opening hours are by the minute), with a lock of its own:
# reading them must not hold up the searches that need only the snapshot.
_open_now: tuple[datetime.datetime, frozenset[int]] | None = None
_open_now_lock = threading.Lock()


def open_now_ids(now: datetime.datetime, read: Callable[[], frozenset[int]]) -> frozenset[int]:
    """The documents open at `now`: `read()` once a minute per process, instead of in every search's
    SQL (the same set for every search of that minute). Indexing in this process forgets them; other
    processes see a change of hours within the minute."""
    global _open_now
    minute = now.replace(second=0, microsecond=0)
    with _open_now_lock:
        if _open_now is None or _open_now[0] != minute:
            _open_now = (minute, read())
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
