"""Writes of the search app: keeping the index in step after commit, and the search log."""

import logging
from collections.abc import Iterable

from django.db import connection, transaction

from perhekeskus.search import indexing
from perhekeskus.search.models import SearchLog

logger = logging.getLogger(__name__)


def _flush() -> None:
    pending = getattr(connection, "_search_pending", set())
    if not pending:
        return
    ids, connection._search_pending = list(pending), set()
    indexing.index_services(ids)


def reindex_on_commit(service_ids: Iterable) -> None:
    """Re-index these services once the current transaction commits (at once outside a transaction).

    Ids gather on the connection, so a transaction that touches a service many times indexes it once.
    """
    pending = getattr(connection, "_search_pending", None)
    if pending is None:
        pending = connection._search_pending = set()
    pending.update(service_ids)
    # One flush callback per transaction: a rolled-back transaction drops its callback, so register
    # again whenever none is waiting.
    if not any(callback is _flush for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_flush, robust=True)


def log_search(*, query: str, language: str, filters: dict, result_count: int) -> SearchLog:
    """Record a search without personal data: no address, user or session, no exact position."""
    return SearchLog.objects.create(
        query=query[:200], language=language, filters=filters, result_count=result_count
    )
