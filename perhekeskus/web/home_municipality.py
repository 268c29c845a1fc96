"""The family's own municipality, kept in a cookie in the family's own browser (nothing about it is
stored on the server).

It is chosen on its own page (/my-municipality/, linked from the home page, the search page, service
pages, guides and the activities), or by a search or guide limited to one municipality. Later
searches without a municipality list its services first (search.query.Filters.home_municipality),
service pages show its places first and the activity calendar starts from it, each saying so with a
link to change it.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language

from perhekeskus.core import preferences
from perhekeskus.network import selectors as network_selectors
from perhekeskus.search import codes
from perhekeskus.search.selectors import SearchResult
from perhekeskus.web import search_page

COOKIE = preferences.HOME_MUNICIPALITY_COOKIE
MAX_AGE = 180 * 24 * 60 * 60
# The parameter of the link that forgets the municipality.
FORGET = "forget_municipality"


def of(request) -> str | None:
    """The remembered municipality's code; None without one, or when the cookie names no municipality."""
    code = preferences.home_municipality_code(request)
    return code if code and code in codes.known("municipality") else None


def chosen(params: dict, result: SearchResult) -> str | None:
    """The one municipality the family chose for a search (not one read from the words: "ei virtaa"
    is no choice of Virrat)."""
    places = params.get("municipality") or []
    return places[0] if len(places) == 1 else None


def is_choosable(code: str) -> bool:
    return network_selectors.municipalities_of_networks().filter(code=code).exists()


def forget(response) -> None:
    preferences.drop(response, COOKIE)
    patch_cache_control(response, private=True)


def remember(response, request, code: str) -> None:
    if request.COOKIES.get(COOKIE) == code:
        return
    preferences.keep(response, request, COOKIE, code, MAX_AGE)
    # A shared cache must not hand one family's cookie to another.
    patch_cache_control(response, private=True)


def shown_first(params: dict, result: SearchResult, from_search: str = "") -> dict | None:
    """The line above the results when the remembered municipality's services came first: its name,
    and the link that forgets it (to the same search, which it continues: `from_search`, the click
    token, so that it is not logged again)."""
    code = params.get("home_municipality")
    if code is None or params.get("municipality") or result.municipalities_in_text:
        return None
    url = search_page.page_url(params, page=None)
    return {
        "name": codes.name("municipality", code, get_language()),
        "forget_url": f"{url}{'&' if '?' in url else '?'}"
        + urlencode({FORGET: 1, **({search_page.SEARCH_PARAMETER: from_search} if from_search else {})}),
    }


def forgotten(request) -> HttpResponseRedirect:
    """The link that forgets the municipality: the cookie is deleted, and the family goes on to the
    same search without the link's parameter. Never cached, as it changes the family's cookie."""
    query = request.GET.copy()
    query.pop(FORGET, None)
    response = HttpResponseRedirect(request.path + (f"?{query.urlencode()}" if query else ""))
    preferences.drop(response, COOKIE)
    add_never_cache_headers(response)
    return response
