"""Every search document's facet codes and place in name order, held in memory per process.

Counting facets and ordering by name over thousands of matches is what made broad searches slow: the
database had to read each matching document's wide row. With this snapshot a search asks the database
only for the matching ids (and scores); facet counts are popcounts of bitmaps, name order a lookup.

Documents are never changed in place: reindexing a service deletes its document and writes a new one
with a new id. So a snapshot never holds a wrong copy of a live document, only documents since deleted
(which no longer match anything) and not yet documents written since it was taken: those are read
when a search first meets their ids.
"""

import bisect
import datetime
import threading
from collections.abc import Callable, Iterable

from django.db import connection

# The prefix of a document's words naming the municipalities it is delivered in (search.indexing).
PLACE = "place:"
TYPE = "service_type:"
# A name rank leaves room for this many documents added between two neighbours (by halving) before
# the snapshot is taken again.
RANK_STEP = 1024.0
# Documents added since the snapshot was taken, as a share of it, before it is taken again (deleted
# documents stay in the bitmaps until then).
RETAKE_SHARE = 0.2


class Snapshot:
    def __init__(self, rows: list[tuple[int, str, str]]) -> None:
        """`rows`: (id, sort name, facet codes) in name order."""
        self.position: dict[int, int] = {}
        self.rank: dict[int, float] = {}
        self.keys: list[tuple[str, int]] = []  # (sort name, id) in name order, for placing newcomers
        self.ranks: list[float] = []  # rank of each key
        self.base_size = len(rows)
        positions_by_code: dict[str, list[int]] = {}
        # Municipality code → the documents delivered there (PLACE words; not counted as facets).
        self.places: dict[str, frozenset[int]] = {}
        places: dict[str, set[int]] = {}
        for position, (document_id, sort_name, codes) in enumerate(rows):
            self.position[document_id] = position
            self.rank[document_id] = position * RANK_STEP
            self.keys.append((sort_name, document_id))
            self.ranks.append(position * RANK_STEP)
            for code in codes.split():
                if code.startswith(PLACE):
                    places.setdefault(code.removeprefix(PLACE), set()).add(document_id)
                else:
                    positions_by_code.setdefault(code, []).append(position)
        self.bitmaps = {code: _bitmap(positions, len(rows)) for code, positions in positions_by_code.items()}
        self.places = {code: frozenset(ids) for code, ids in places.items()}
        # Service type code → its documents, for ranking (search.selectors).
        self.types = {
            code.removeprefix(TYPE): frozenset(rows[p][0] for p in positions)
            for code, positions in positions_by_code.items()
            if code.startswith(TYPE)
        }

    def add(self, rows: list[tuple[int, str, str]]) -> bool:
        """Add documents written since the snapshot was taken; False when it should be taken again.
        Searches in other threads may be counting meanwhile: the bitmaps are replaced, not changed."""
        bitmaps, places, types = dict(self.bitmaps), dict(self.places), dict(self.types)
        for document_id, sort_name, codes in rows:
            key = (sort_name, document_id)
            index = bisect.bisect(self.keys, key)
            before = self.ranks[index - 1] if index else -RANK_STEP
            after = self.ranks[index] if index < len(self.ranks) else before + 2 * RANK_STEP
            rank = (before + after) / 2
            if not before < rank < after:
                return False
            self.keys.insert(index, key)
            self.ranks.insert(index, rank)
            position = len(self.position)
            self.position[document_id] = position
            self.rank[document_id] = rank
            for code in codes.split():
                if code.startswith(PLACE):
                    municipality = code.removeprefix(PLACE)
                    places[municipality] = places.get(municipality, frozenset()) | {document_id}
                else:
                    bitmaps[code] = bitmaps.get(code, 0) | (1 << position)
                    if code.startswith(TYPE):
                        kind = code.removeprefix(TYPE)
                        types[kind] = types.get(kind, frozenset()) | {document_id}
        self.bitmaps, self.places, self.types = bitmaps, places, types
        return len(self.position) - self.base_size <= RETAKE_SHARE * max(self.base_size, 100)

    def facet_counts(self, positions: list[int]) -> dict[str, int]:
        """How many of the documents at these positions carry each "facet:code" word (codes none of
        them carry are left out)."""
        matches = _bitmap(positions, len(self.position))
        counts = {}
        for code, bitmap in self.bitmaps.items():
            count = (matches & bitmap).bit_count()
            if count:
                counts[code] = count
        return counts

    def of_types(self, codes: Iterable[str]) -> frozenset[int]:
        """The documents of any of these service types."""
        found: frozenset[int] = frozenset()
        for code in codes:
            found |= self.types.get(code, frozenset())
        return found

    def delivered_in(self, municipalities: Iterable[str]) -> frozenset[int]:
        """The documents delivered in any of these municipalities."""
        found: frozenset[int] = frozenset()
        for code in municipalities:
            found |= self.places.get(code, frozenset())
        return found


def _bitmap(positions: list[int], size: int) -> int:
    bits = bytearray(size // 8 + 1)
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
        position = _snapshot.position
        positions = [position.get(i) for i in document_ids]
        missing = [i for i, p in zip(document_ids, positions, strict=True) if p is None]
        if missing:
            if len(missing) > RETAKE_SHARE * _snapshot.base_size or not _snapshot.add(_read(missing)):
                _snapshot = Snapshot(_read())
            position = _snapshot.position
            positions = [position.get(i) for i in document_ids]
        found = [i for i, p in zip(document_ids, positions, strict=True) if p is not None]
        return _snapshot, found, [p for p in positions if p is not None]


def forget() -> None:
    """Drop the snapshot. Needed only where row ids can be used again, as in test transactions rolled
    back on SQLite."""
    global _snapshot
    with _lock:
        _snapshot = None
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


def _read(document_ids: list[int] | None = None) -> list[tuple[int, str, str]]:
    """Documents in name order, sorted here: the database's collation may differ from Python's."""
    sql = "SELECT id, sort_name, facet_codes FROM search_searchdocument"
    params: list[int] = []
    if document_ids is not None:
        sql += f" WHERE id IN ({', '.join(['%s'] * len(document_ids))})"
        params = document_ids
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(cursor.fetchall(), key=lambda row: (row[1], row[0]))
