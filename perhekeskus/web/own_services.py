""" "Which clinic is mine?": the family's postal code, kept in a cookie in its own browser like the
municipality (web.home_municipality), and the services of OWN_SERVICE_TYPES serving it."""

import re

from django.utils.cache import patch_cache_control

from perhekeskus.core import preferences
from perhekeskus.network import selectors as network_selectors
from perhekeskus.network.models import PostalCode

COOKIE = preferences.HOME_POSTAL_CODE_COOKIE
MAX_AGE = 180 * 24 * 60 * 60
FORMAT = re.compile(r"[0-9]{5}")


def of(request) -> PostalCode | None:
    """The remembered postal code, when it is still one of a network's."""
    code = preferences.home_postal_code(request)
    return network_selectors.postal_code_of_networks(code) if FORMAT.fullmatch(code) else None


def remember(response, request, postal_code: PostalCode) -> None:
    if request.COOKIES.get(COOKIE) != postal_code.code:
        preferences.keep(response, request, COOKIE, postal_code.code, MAX_AGE)
    patch_cache_control(response, private=True)


def forget(response) -> None:
    preferences.drop(response, COOKIE)
    patch_cache_control(response, private=True)
