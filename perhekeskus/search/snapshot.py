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
import threading
from collections.abc import Iterable

from django.db import connection

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
        for position, (document_id, sort_name, codes) in enumerate(rows):
            self.position[document_id] = position
            self.rank[document_id] = position * RANK_STEP
            self.keys.append((sort_name, document_id))
            self.ranks.append(position * RANK_STEP)
            for code in codes.split():
                positions_by_code.setdefault(code, []).append(position)
        self.bitmaps = {code: _bitmap(positions, len(rows)) for code, positions in positions_by_code.items()}

    def add(self, rows: list[tuple[int, str, str]]) -> bool:
        """Add documents written since the snapshot was taken; False when it should be taken again.
        Searches in other threads may be counting meanwhile: the bitmaps are replaced, not changed."""
        bitmaps = dict(self.bitmaps)
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
                bitmaps[code] = bitmaps.get(code, 0) | (1 << position)
        self.bitmaps = bitmaps
        return len(self.position) - self.base_size <= RETAKE_SHARE * max(self.base_size, 100)

    def facet_counts(self, document_ids: Iterable[int]) -> dict[str, int]:
        """How many of these documents carry each "facet:code" word (codes none of them carry are left out)."""
        matches = _bitmap([self.position[i] for i in document_ids], len(self.position))
        counts = {}
        for code, bitmap in self.bitmaps.items():
            count = (matches & bitmap).bit_count()
            if count:
                counts[code] = count
        return counts


def _bitmap(positions: list[int], size: int) -> int:
    bits = bytearray(size // 8 + 1)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


_lock = threading.Lock()
_snapshot: Snapshot | None = None


def snapshot_for(document_ids: Iterable[int]) -> Snapshot:
    """The snapshot, holding at least these (existing) documents."""
    global _snapshot
    with _lock:
        if _snapshot is None:
            _snapshot = Snapshot(_read())
        missing = [i for i in document_ids if i not in _snapshot.position]
        if len(missing) > RETAKE_SHARE * _snapshot.base_size or (
            missing and not _snapshot.add(_read(missing))
        ):
            _snapshot = Snapshot(_read())
        return _snapshot


def forget() -> None:
    """Drop the snapshot. Needed only where row ids can be used again, as in test transactions rolled
    back on SQLite."""
    global _snapshot
    with _lock:
        _snapshot = None


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
