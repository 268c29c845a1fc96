"""My list: services a family collects while browsing, without signing in.

The list is a cookie of service ids in the family's own browser; nothing about it is stored on the
server. A list can be shared as a link that carries the ids.
"""

import uuid

from perhekeskus.core import preferences

COOKIE = "my_list"
MAX_ITEMS = 50
MAX_AGE = 365 * 24 * 60 * 60


def parse(value: str | None) -> list[str]:
    """Valid, distinct service ids from a cookie or a shared link, in order, at most MAX_ITEMS."""
    ids = []
    for part in (value or "").split(","):
        try:
            ids.append(str(uuid.UUID(part.strip())))
        except ValueError:
            continue
    return list(dict.fromkeys(ids))[:MAX_ITEMS]


def of(request) -> list[str]:
    return parse(request.COOKIES.get(COOKIE))


def store(response, request, ids: list[str]) -> None:
    if ids:
        preferences.keep(response, request, COOKIE, ",".join(ids[:MAX_ITEMS]), MAX_AGE)
    else:
        preferences.drop(response, COOKIE)
