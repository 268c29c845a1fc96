"""Per-client limits on public forms, counted in the cache: a client is its address, an IPv6 client its
/64 network (which one household holds). Only what was stored counts, not mistyped forms."""

import hashlib
import ipaddress

from django.core.cache import cache

HOUR = 60 * 60


def client_key(request, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 6:
        address = str(ipaddress.ip_network(f"{address}/64", strict=False))
    return f"{scope}:" + hashlib.sha256(address.encode()).hexdigest()


def over_the_limit(request, scope: str, per_hour: int) -> bool:
    return (cache.get(client_key(request, scope)) or 0) >= per_hour


def count(request, scope: str) -> None:
    """One stored submission more for this client in the current hour."""
    key = client_key(request, scope)
    if cache.add(key, 1, timeout=HOUR):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired in between: this submission starts a new hour
        cache.set(key, 1, timeout=HOUR)
