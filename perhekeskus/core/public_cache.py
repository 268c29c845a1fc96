"""Answers to the public kept in the shared cache until what they show changes (issue 27).

Every key holds the public content's generation, one number in the cache. A committed change of what
the public reads moves it on: any row of the watched apps or models written or deleted (`watch`, called
by opendata: the catalogue and the network; by web: news, about pages and public plans; by any path,
the admin too), any write of the search index
(search.indexing, which also follows activities and the freshness task's hiding) and a coordinator's
link of a query (search.services). Every answer cached before is then out of reach at once, and
expires. Coarse — one change renders everything anew — but it cannot miss a page, and changes are
rare beside reads.
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

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from perhekeskus.core import after_response, replica

GENERATION_KEY = "public:generation"
# An answer made while reading a read replica that lags behind the primary may hold the rows before a
# change under the generation after it: kept this long at most (core.replica).
REPLICA_LAG_SECONDS = 60
# The generation as the request being handled read it: {} before it has, None outside a request. A
# page asks several times (the page cache, code tables, the sample-data flag); a change the request
# commits forgets it (move_on). Per thread (and per async context).
_in_request = Local()


def generation() -> int | None:
    """The current generation; None when the cache cannot be read (nothing is kept then). A lost one
    (evicted, or Redis emptied) starts from the clock, so that it never meets a number used before.
    Read once a request."""
    read = getattr(_in_request, "read", None)
    if read is not None and "generation" in read:
        return read["generation"]
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(GENERATION_KEY)
    if read is not None:
        read["generation"] = value
    return value


def request_begin(**kwargs) -> None:
    """A request starts (signal request_started): it reads the generation once, when first asked."""
    _in_request.read = {}


def request_finish(**kwargs) -> None:
    """A request has finished (signal request_finished)."""
    _in_request.read = None


def changed() -> None:
    """What the public reads changes with the current transaction: move on once it commits (a
    transaction of many rows moves on many times; each is one increment)."""
    transaction.on_commit(move_on, robust=True)


def move_on() -> None:
    """What the public reads changed (and is committed): every cached answer is out of reach. (If Redis
    cannot be reached just then, core.cache drops the increment: answers kept before may be served
    until they expire, PUBLIC_CACHE_SECONDS.)"""
    with contextlib.suppress(ValueError):  # no generation yet: the next read starts one
        cache.incr(GENERATION_KEY)
    read = getattr(_in_request, "read", None)
    if read is not None:
        read.clear()  # the rest of the request reads the new one


def _is_watched(model) -> bool:
    return model._meta.app_label in _watched or model._meta.label in _watched


def _saved(sender, **kwargs) -> None:
    if _is_watched(sender) and not kwargs.get("raw"):
        changed()


def _related(sender, action, instance, **kwargs) -> None:
    # `sender` is the relation's table; a relation of a watched model is watched with it.
    if action in ("post_add", "post_remove", "post_clear") and (_is_watched(sender) or _is_watched(instance)):
        changed()


_watched: set[str] = set()


def watch(*labels: str) -> None:
    """Any row of these apps ("catalog") or models ("information.Page") written or deleted (by any
    path: services, the admin, a shell) moves the public answers on when its transaction commits.
    Never a model the public writes (feedback, registrations): anyone could then empty the cache."""
    _watched.update(labels)
    post_save.connect(_saved, dispatch_uid="public_cache_saved")
    post_delete.connect(_saved, dispatch_uid="public_cache_deleted")
    m2m_changed.connect(_related, dispatch_uid="public_cache_related")


# What each process keeps of the public content (in_process): name -> (generation, when read, value).
_in_process: dict[str, tuple[int, float, object]] = {}


def in_process(reads: dict[str, Callable[[], object]], *, fresh: bool = False) -> dict[str, object]:
    """Each `read()` kept in this process under its name while the generation stays and for
    PUBLIC_CACHE_SECONDS at most (which bounds a write without a signal, as for a kept answer); read
    every time when nothing is kept (the setting 0, or the shared cache out of reach). For small reads
    nearly every page makes (code tables). A read must read the primary database: a lagging replica's
    rows would be kept under the new generation. `fresh`: read now (and keep that)."""
    seconds = settings.PUBLIC_CACHE_SECONDS
    current = generation() if seconds else None
    values = {}
    for name, read in reads.items():
        kept = _in_process.get(name)
        if (
            not fresh
            and kept is not None
            and current is not None
            and kept[0] == current
            and time.monotonic() - kept[1] < seconds
        ):
            values[name] = kept[2]
            continue
        values[name] = read()
        if current is not None:
            _in_process[name] = (current, time.monotonic(), values[name])
    return values


def forget_in_process() -> None:
    """For tests, whose rolled-back rows a generation of the same clock would otherwise meet again."""
    _in_process.clear()


def this_minute() -> str:
    """The minute of answers that hold opening hours, which are by the minute ("open now")."""
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def kept(key: str, make: Callable[[], object], seconds: int | None = None) -> object:
    """The answer kept under `key` (any text: it is hashed) for this generation, at most `seconds`
    (PUBLIC_CACHE_SECONDS), or `make()` kept."""
    return kept_or_made(key, make, seconds)[0]


def kept_or_made(
    key: str,
    make: Callable[[], object],
    seconds: int | None = None,
    still_true: Callable[[object], bool] = lambda kept: True,
    kept_as: Callable[[object], object] | None = None,
) -> tuple[object, bool]:
    """As `kept`, and whether the answer was kept (True) or made now. An answer of None is not kept. A
    kept answer that is not `still_true(answer)` (what it shows of the clock has passed) is made anew,
    and kept in its place. `kept_as(answer)`: what is kept of an answer made now, written once the
    response has been sent (compressed, say: core.gzipped), so that nobody waits for it."""
    seconds = min(settings.PUBLIC_CACHE_SECONDS, seconds or settings.PUBLIC_CACHE_SECONDS)
    if replica.in_use():
        seconds = min(seconds, REPLICA_LAG_SECONDS)
    current = generation() if seconds else None
    if current is None:
        return make(), False
    full_key = f"public:{current}:{hashlib.sha256(key.encode()).hexdigest()}"
    found = cache.get(full_key)
    if found is not None and still_true(found):
        return found, True
    found = make()
    if found is None:
        return found, False
    if kept_as is None:
        cache.set(full_key, found, seconds)
    else:
        after_response.defer(
            lambda: cache.set(full_key, kept_as(found), seconds), "an answer to keep", writes=False
        )
    return found, False
