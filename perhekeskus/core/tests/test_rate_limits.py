"""Per-client limits on searching, and who counts as the client behind proxies, and the limits under
parallel requests, in one process's cache and in Redis (the limits on forms are tested beside their
forms; many registrations at once through the served site in test_served_misuse)."""

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory

from perhekeskus.core import ratelimit

# A database of its own in the Redis server the production tests use (test_production), one for each
# suite: `make test` runs the SQLite and PostgreSQL suites at once.
REDIS = f"redis://127.0.0.1:6379/{13 if 'sqlite' in settings.DATABASES['default']['ENGINE'] else 10}"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (0, "198.51.100.7", "10.0.0.1"),  # no proxy is trusted: the header is anybody's
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # what the client wrote itself is left of ours
        (2, "6.6.6.6, 198.51.100.7, 10.1.1.1", "198.51.100.7"),
        (2, "198.51.100.7", "198.51.100.7"),  # fewer entries than proxies: the first
        (1, "", "10.0.0.1"),
        (1, "198.51.100.7:51234", "198.51.100.7"),  # some load balancers add the port
        (1, "[2001:db8::7]:51234", "2001:db8::7"),
    ],
)
def test_the_client_is_the_address_the_outermost_trusted_proxy_saw(settings, proxies, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    # Counted as that client connecting directly (no X-Forwarded-For: its own address).
    direct = RequestFactory().get("/", REMOTE_ADDR=client)
    assert ratelimit.client_key(request, "x") == ratelimit.client_key(direct, "x")


def test_an_ipv6_household_is_one_client():
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="2001:db8:1:2::10")
    same_network = factory.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::1")
    other = factory.get("/", REMOTE_ADDR="2001:db8:1:3::10")
    assert ratelimit.client_key(one, "x") == ratelimit.client_key(same_network, "x")
    assert ratelimit.client_key(one, "x") != ratelimit.client_key(other, "x")


def test_searching_too_fast_is_answered_429_in_the_visitors_language(client, settings):
    settings.SEARCHES_PER_MINUTE = 2
    for _ in range(2):
        assert client.get("/sv/search/", {"q": "neuvola"}).status_code == 200
    refused = client.get("/sv/search/", {"q": "neuvola"})
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "För många förfrågningar" in refused.content.decode()
    # Another device searches on; after the minute, so does this one.
    assert client.get("/search/", {"q": "neuvola"}, REMOTE_ADDR="10.0.0.2").status_code == 200
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2)):
        assert client.get("/search/", {"q": "neuvola"}).status_code == 200


def test_the_search_api_is_throttled_per_client_with_a_json_answer(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "search": "2/minute"},
    }
    codes = [client.get("/api/v1/search", {"q": "neuvola"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    refused = client.get("/api/v1/search", {"q": "neuvola"})
    assert refused["Content-Type"] == "application/json" and "detail" in refused.json()
    assert int(refused["Retry-After"]) > 0
    assert client.get("/api/v1/search", {"q": "neuvola"}, REMOTE_ADDR="10.0.0.2").status_code == 200


# --- Parallel requests ---------------------------------------------------------------------------------

FAMILY = RequestFactory().post("/", REMOTE_ADDR="198.51.100.20")


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The tests' cache (one process's memory), or the production backend on a real Redis."""
    if request.param == "locmem":
        yield
        return
    server = redis.Redis.from_url(REDIS)
    server.flushdb()
    settings.CACHES = {"default": {"BACKEND": "perhekeskus.core.cache.TolerantRedisCache", "LOCATION": REDIS}}
    yield server
    server.flushdb()


def _at_once(count: int, action) -> list:
    start = threading.Barrier(count)

    def one(index: int):
        start.wait()
        return action(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def _register(index: int, *, stored: bool = True) -> str:
    """A submission under a limit of 20, as the forms make them."""
    with ratelimit.holding(FAMILY, "registrations", 20) as held:
        if held is None:
            return "refused"
        time.sleep(0.01)  # storing it
        if not stored:
            return "mistake"
        held.keep()
        return "stored"


def test_forty_submissions_at_once_store_exactly_the_limit(shared_cache):
    results = _at_once(40, _register)
    assert results.count("stored") == 20 and results.count("refused") == 20
    assert _register(41) == "refused"


def test_what_is_not_stored_gives_its_place_back_under_parallel_requests(shared_cache):
    results = _at_once(40, lambda index: _register(index, stored=index % 2 == 0))
    stored = results.count("stored")
    assert 0 < stored <= 20
    # Nothing is held any more: exactly the rest of the 20 fit.
    later = [_register(index) for index in range(25)]
    assert later.count("stored") == 20 - stored


def test_forty_searches_at_once_spend_exactly_the_limit(shared_cache):
    results = _at_once(40, lambda index: ratelimit.spend(FAMILY, "search", 20, ratelimit.MINUTE))
    assert results.count(True) == 20


def test_forty_api_requests_at_once_pass_the_throttle_exactly_at_its_rate(shared_cache, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "search": "20/minute",
        },
    }
    results = _at_once(40, lambda index: ratelimit.SearchApiThrottle().allow_request(FAMILY, None))
    assert results.count(True) == 20


@pytest.mark.parametrize("shared_cache", ["redis"], indirect=True)
def test_a_window_that_ends_while_it_is_counted_is_not_left_without_an_end(shared_cache):
    """Counting a key just as it expires must not make it again without an expiry: the client would be
    refused for good. A key that lives two milliseconds, counted as fast as possible, many times."""
    key = cache.make_and_validate_key("rate:test:window")
    for _ in range(200):
        shared_cache.set(key, 1, px=2)
        for _ in range(1000):
            try:
                cache.incr("rate:test:window")
            except ValueError:  # expired: as it should
                break
        assert shared_cache.ttl(key) == -2, "the key lives on without an expiry"


def test_without_redis_the_limits_let_everyone_through(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "perhekeskus.core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    assert [_register(index, stored=index % 2 == 0) for index in range(3)] == ["stored", "mistake", "stored"]
    assert ratelimit.spend(FAMILY, "search", 1, ratelimit.MINUTE)


def test_the_production_cache_keeps_one_redis_client_for_its_operations(settings):
    server = redis.Redis.from_url(REDIS)
    server.flushdb()
    settings.CACHES = {"default": {"BACKEND": "perhekeskus.core.cache.TolerantRedisCache", "LOCATION": REDIS}}
    cache.set("a", 1)
    assert cache.get("a") == 1 and cache.incr("a") == 2
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client
    assert isinstance(client, redis.Redis) and client.get(cache.make_key("a")) == b"2"
    server.flushdb()
