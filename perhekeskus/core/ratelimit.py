"""Per-client limits, counted in the shared cache (settings.CACHE_URL). A client is its address (behind
TRUSTED_PROXY_COUNT proxies, the one the outermost proxy saw), an IPv6 client its /64 network (which
one household holds). Addresses are kept only as hashes, for at most the window."""

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


def over_the_limit(request, scope: str, limit: int) -> bool:
    """Whether this client already has `limit` counted in the current window of `scope`."""
    return (cache.get(client_key(request, scope)) or 0) >= limit


def count(request, scope: str, window: int = HOUR) -> int:
    """One more for this client in the window (which starts with the first); the new count."""
    key = client_key(request, scope)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between: this one starts a new window
        cache.set(key, 1, timeout=window)
        return 1


def spend(request, scope: str, limit: int, window: int) -> bool:
    """Counts this request; False once the client has made more than `limit` in the window."""
    return count(request, scope, window) <= limit


class ClientRateThrottle(SimpleRateThrottle):
    """DRF throttle per client as above, at the rate settings.REST_FRAMEWORK names for its scope
    (read when asked, so that a changed setting applies). Answers 429 with Retry-After."""

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view) -> str:
        return client_key(request, f"api-{self.scope}")


class SearchApiThrottle(ClientRateThrottle):
    scope = "search"


class HsdsThrottle(ClientRateThrottle):
    scope = "hsds"
