"""The shared cache, failing open: when Redis cannot be reached, reads miss and writes are dropped (with
a warning in the log) instead of failing the request. Rate limits then count nothing and the cached
parts of pages render anew; the site stays up, and /healthz reports the cache."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def _failing_open(operation: str, answer, method=None):
    """RedisCache's operation (or `method` in its place), answering `answer(arguments)` when Redis cannot
    be reached."""
    method = method or getattr(RedisCache, operation)

    def tolerant(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            log.warning("cache unreachable (%s): %s", operation, type(error).__name__)
            return answer(args, kwargs)

    return tolerant


# RedisCache.incr asks EXISTS, then INCRBY, which creates a key that is missing, without expiry: a rate
# limit's window that ended in between would never end. One script does both at once.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""


def _incr_existing(self, key, delta=1, version=None):
    key = self.make_and_validate_key(key, version=version)
    value = self._cache.get_client(key, write=True).eval(_INCR_EXISTING, 1, key, delta)
    if value is None:
        raise ValueError(f"Key '{key}' not found.")
    return value


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a redis.Redis for every operation, and redis-py builds its table of ~170
    reply handlers each time (~0.2 ms, two to five times a request); one is kept for each connection
    pool instead (a client is safe to share between threads, as its pool is)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient

    get = _failing_open("get", lambda args, kwargs: args[1] if len(args) > 1 else kwargs.get("default"))
    get_many = _failing_open("get_many", lambda args, kwargs: {})
    set = _failing_open("set", lambda args, kwargs: None)
    # As if this were the first: a limit then never refuses.
    add = _failing_open("add", lambda args, kwargs: True)
    incr = _failing_open(
        "incr", lambda args, kwargs: args[1] if len(args) > 1 else kwargs.get("delta", 1), _incr_existing
    )
    delete = _failing_open("delete", lambda args, kwargs: False)
    touch = _failing_open("touch", lambda args, kwargs: False)
