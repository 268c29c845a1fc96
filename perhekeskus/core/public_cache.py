"""Answers to the public kept in the shared cache until what they show changes (issue 27).

Every key holds the public content's generation, one number in the cache. A committed change of what
the public reads calls `move_on()` (search.indexing does whenever it writes the index, which follows
every committed change of services, their places, hours, organisations, translations and publication,
and of activities; search.services for a coordinator's link of a query), which moves the generation
on: every answer cached before is then out of reach at once and expires. Coarse —
one change renders everything anew — but it cannot miss a page, and changes are rare beside reads.
Answers also expire after settings.PUBLIC_CACHE_SECONDS (10 minutes; 0 keeps nothing), which bounds
what depends on the clock alone and what a release changes in how an answer is written.

The cache must be shared by the web processes (Redis in production, settings.CACHES): with a cache of
each process's own, another process would not see the generation move. When the cache cannot be
reached (core.cache fails open), nothing is kept and every answer is made anew.
"""

import contextlib
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "public:generation"


def generation() -> int:
    """The current generation. A lost one (evicted, or Redis emptied) starts from the clock, so that it
    never meets a number used before."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def changed() -> None:
    """What the public reads changes with the current transaction: move on once it commits."""
    transaction.on_commit(move_on, robust=True)


def move_on() -> None:
    """What the public reads changed (and is committed): every cached answer is out of reach."""
    with contextlib.suppress(ValueError):  # no generation yet: the next read starts one
        cache.incr(GENERATION_KEY)


def kept(key: str, make: Callable[[], object]) -> object:
    """The answer kept under `key` (any text: it is hashed) for this generation, or `make()` kept."""
    if not settings.PUBLIC_CACHE_SECONDS:
        return make()
    full_key = f"public:{generation()}:{hashlib.sha256(key.encode()).hexdigest()}"
    found = cache.get(full_key)
    if found is None:
        found = make()
        cache.set(full_key, found, settings.PUBLIC_CACHE_SECONDS)
    return found
