"""Per-client limits, counted in the shared cache (settings.CACHE_URL). A client is its address (behind
TRUSTED_PROXY_COUNT proxies, the one the outermost proxy saw), an IPv6 client its /64 network (which
one household holds). Addresses are kept only as hashes, for at most the window."""

import contextlib
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

MINUTE = 60
HOUR = 60 * 60


def client_address(request) -> str:
    """The connection's address, or with proxies in front the address the outermost trusted proxy
    received the request from (X-Forwarded-For, counted from the right: a client can prepend
    anything, but not what our own proxies appended)."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    return address


def _parsed(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as proxies write it: bare, or with a port ("192.0.2.1:5000", "[2001:db8::1]:5000")."""
    if address.startswith("["):
        address = address[1:].split("]", 1)[0]
    elif address.count(":") == 1:
        address = address.split(":", 1)[0]
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def _client(request) -> str:
    parsed = _parsed(client_address(request)) or _parsed(request.META.get("REMOTE_ADDR", ""))
    if parsed is None:
        return ""
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_key(request, scope: str) -> str:
    # Keyed with the site's secret: the few billion IPv4 addresses would otherwise be easy to try.
    digest = hmac.new(settings.SECRET_KEY.encode(), _client(request).encode(), hashlib.sha256).hexdigest()
    return f"rate:{scope}:{digest}"


def _take(key: str, limit: int, window: int) -> bool:
    """One of `limit` in the window (which starts with the first), counted before the work it allows:
    parallel requests cannot all pass one check. False, taking none, when all are taken."""
    while True:
        if cache.add(key, 1, timeout=window):
            taken = 1
            break
        try:
            taken = cache.incr(key)
            break
        except ValueError:  # the window ended in between: add again
            continue
    if taken <= limit:
        return True
    _give_back(key)
    return False


def _give_back(key: str) -> None:
    with contextlib.suppress(ValueError):  # the window has ended: nothing to give back
        cache.decr(key)


def spend(request, scope: str, limit: int, window: int) -> bool:
    """Counts this request; False once the client has made `limit` in the window."""
    return _take(client_key(request, scope), limit, window)


class Held:
    """A place held under a limit on what is stored; given back unless `keep()` is called."""

    def __init__(self):
        self.kept = False

    def keep(self) -> None:
        self.kept = True


@contextlib.contextmanager
def holding(request, scope: str, limit: int, window: int = HOUR):
    """For limits that count only what was stored (a form with mistakes costs nothing): holds one of the
    client's `limit` before the work and gives it back at the end unless the work kept it. Yields None,
    holding nothing, when the client has `limit` already."""
    key = client_key(request, scope)
    if not _take(key, limit, window):
        yield None
        return
    held = Held()
    try:
        yield held
    finally:
        if not held.kept:
            _give_back(key)


class ClientRateThrottle(SimpleRateThrottle):
    """DRF throttle per client as above, at the rate settings.REST_FRAMEWORK names for its scope
    (read when asked, so that a changed setting applies). Answers 429 with Retry-After."""

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view) -> str:
        return client_key(request, f"api-{self.scope}")

    def allow_request(self, request, view) -> bool:
        # Counted as the forms' limits are (DRF's own keeps a list it reads, then writes back: parallel
        # requests would all pass).
        return _take(self.get_cache_key(request, view), self.num_requests, self.duration)

    def wait(self) -> int:
        # When the client's window started is not kept; it ends at the latest a window from now.
        return self.duration


class SearchApiThrottle(ClientRateThrottle):
    scope = "search"


class HsdsThrottle(ClientRateThrottle):
    scope = "hsds"
