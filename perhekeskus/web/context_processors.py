import functools
from urllib.parse import urlencode

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language, override

from perhekeskus.core import public_cache
from perhekeskus.core.preferences import plain_finnish_wanted
from perhekeskus.network.models import Network
from perhekeskus.questions import selectors as questions_selectors
from perhekeskus.search import codes
from perhekeskus.web import home_municipality, my_list
from perhekeskus.web.search_page import SEARCH_PARAMETER


def sample_data(request) -> dict:
    """Pages say plainly when the installation holds sample data rather than real listings."""
    return {"shows_sample_data": public_cache.in_process({"sample data": _holds_sample_data})["sample data"]}


def asking(request) -> dict:
    """Whether the footer offers asking a question (only where a network takes them: no false
    promise); called by the template when it renders the footer."""
    return {"asking_open": questions_selectors.asking_open}


def _holds_sample_data() -> bool:
    return Network.objects.using(DEFAULT_DB_ALIAS).filter(is_sample_data=True).exists()


def languages(request) -> dict:
    """The current page in each language (for the language switch and hreflang alternates), and its
    canonical address."""
    current = get_language()
    # The search a result link came from is no part of the page's address in another language.
    query = request.GET.copy()
    query.pop(SEARCH_PARAMETER, None)
    query_string = f"?{query.urlencode()}" if query else ""
    paths = _in_each_language(request.path, current)
    return {
        "language_versions": [
            {
                "code": code,
                "name": name,
                "current": code == current,
                "workspace": code in settings.WORKSPACE_LANGUAGES,
                "url": paths[code] + query_string,
                "absolute_url": request.build_absolute_uri(paths[code]),
            }
            for code, name in settings.LANGUAGES
        ],
        "canonical_url": request.build_absolute_uri(request.path),
    }


# The page addresses kept in each language: the latest 4,096 of at most this length (anyone can ask
# for any address; 10 × 200 characters each bounds what a process keeps to some 8 MB).
KEPT_PATH_LENGTH = 200


def _in_each_language(path: str, language: str) -> dict[str, str]:
    """The path (of a page in `language`: it resolves in its own) in each language as an address
    (percent-encoded), as django.urls.translate_url gives it, with the path resolved once rather than
    once a language (every page shows all nine). Not to be changed: the answer may be shared."""
    if len(path) > KEPT_PATH_LENGTH:
        return _made_in_each_language(path, language)
    return _kept_in_each_language(path, language)


def _made_in_each_language(path: str, language: str) -> dict[str, str]:
    try:
        match = resolve(path)
    except Resolver404:
        return {code: escape_uri_path(path) for code, _name in settings.LANGUAGES}
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    paths = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            try:
                paths[code] = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                paths[code] = escape_uri_path(path)
    return paths


# The addresses are fixed by the code (only a release changes them): kept, the latest paths.
_kept_in_each_language = functools.lru_cache(maxsize=4096)(_made_in_each_language)


def my_list_items(request) -> dict:
    """The services on the visitor's list (ids from their own cookie), and where its buttons post (once
    a page: a page of results has twenty)."""
    ids = my_list.of(request)
    return {
        "my_list_ids": set(ids),
        "my_list_count": len(ids),
        "my_list_change_url": reverse("my_list_change"),
    }


def my_municipality(request) -> dict:
    """The family's own municipality (its cookie), and the address that changes it and comes back."""
    code = home_municipality.of(request)
    return {
        "my_municipality": {"code": code, "name": codes.name("municipality", code, get_language())}
        if code
        else None,
        "my_municipality_url": reverse("my_municipality")
        + "?"
        + urlencode({"next": request.get_full_path()}),
    }


def plain_finnish(request) -> dict:
    """Whether the family reads plain Finnish (on Finnish pages), and the address that switches."""
    wanted = plain_finnish_wanted(request)
    return {
        "plain_finnish": wanted,
        "plain_finnish_url": reverse("plain_finnish")
        + "?"
        + urlencode({"on": "0" if wanted else "1", "next": request.get_full_path()}),
    }
