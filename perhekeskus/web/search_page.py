"""The public search page: the search API's parameters as a plain GET form.

Parameters are validated as in the API; an invalid value is left out of the search and shown as a
message in the page's language, so a mistyped or outdated link still shows results.
"""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html import escape
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog import selectors as catalog_selectors
from perhekeskus.catalog.models import LifeSituation
from perhekeskus.core import public_cache
from perhekeskus.core.translation import translate, translate_map, translate_with_language
from perhekeskus.core.validators import distance_km
from perhekeskus.network.models import Municipality
from perhekeskus.questions import selectors as questions_selectors
from perhekeskus.search import codes, selectors
from perhekeskus.search.api.serializers import SearchQuerySerializer
from perhekeskus.search.presenters import HitPresenter, Near
from perhekeskus.search.services import click_token, search_run, search_without_log
from perhekeskus.web.contact_views import contact_views
from perhekeskus.web.helplines import of_the_minute

PAGE_SIZE = 20
LOCATION = ("lat", "lon", "radius_km")
PARAMETERS = [name for name in SearchQuerySerializer().fields if name not in ("lang", "page_size")]
LABELS = {
    "q": _("Search words"),
    "municipality": _("Municipality"),
    "service_type": _("Service type"),
    "category": _("Service area"),
    "life_situation": _("Life situation"),
    "delivery_mode": _("How the service is delivered"),
    "language": _("Service language"),
    "age_months": _("Child's age"),
    "free": _("Free of charge"),
    "interpreter": _("Interpreter available"),
    "open_now": _("Open now"),
    "lat": _("Position"),
    "lon": _("Position"),
    "radius_km": _("Distance"),
    "sort": _("Sort by"),
    "page": _("Page"),
}
FACET_ORDER = ("municipality", "category", "service_type", "delivery_mode", "language")
RADII = (2, 5, 10, 25, 50, 100)
# A text search finding fewer services than this offers next steps below them (issue 21, "No dead ends").
FEW_RESULTS = 3
SHOWN_GUIDES = 2
# Answers of the library shown beside the services found.
LIBRARY_ANSWERS = 3
NEXT_STEP_SERVICES = 3
GUIDANCE_TYPE = "service-guidance"


@dataclass
class Option:
    code: str
    name: str
    count: int | None
    checked: bool


# A facet of more options than FOLDED_OVER (a search across the country meets ~300 municipalities)
# shows the chosen ones and those finding most, SHOWN_OPTIONS in all, and folds the rest away.
FOLDED_OVER = 12
SHOWN_OPTIONS = 8


@dataclass
class Facet:
    """A filter of the search page: its options with counts, the chosen and most finding first."""

    code: str
    label: str
    options: list[Option]
    opened: bool

    @cached_property
    def folded(self) -> int:
        """How many options are folded away."""
        if len(self.options) <= FOLDED_OVER:
            return 0
        return len(self.options) - max(SHOWN_OPTIONS, sum(option.checked for option in self.options))

    def section(self) -> str:
        """The facet as the filters show it: folded but for the most finding and the chosen, and
        opened when one is chosen."""
        label = escape(self.label)
        cut = len(self.options) - self.folded
        more = ""
        if self.folded:
            words = ngettext("Show %(counter)s more", "Show %(counter)s more", self.folded)
            more = (
                f'\n          <details class="more-options"><summary>{escape(words % {"counter": self.folded})}'
                f"</summary>\n          {checkboxes(self.code, self.options[cut:])}</details>"
            )
        nothing = gettext("No choices for these results.")
        none = "" if self.options else f'<p class="meta">{escape(nothing)}</p>'
        return (
            f'<details class="facet"{" open" if self.opened else ""}>\n        <summary>{label}</summary>\n'
            f'        <fieldset>\n          <legend class="visually-hidden">{label}</legend>\n'
            f"          {checkboxes(self.code, self.options[:cut])}{more}\n"
            f"          {none}\n        </fieldset>\n      </details>"
        )


def facet_sections(facets: list[Facet]) -> SafeString:
    """The facets' sections, written here (the template engine's loop took ~0.5 ms a page)."""
    return mark_safe("\n      ".join(facet.section() for facet in facets))  # each part escaped


# The codes and names of the code tables, escaped: a page of filters across the country writes ~600.
_escaped = lru_cache(maxsize=8192)(escape)


def checkboxes(name: str, options: list[Option]) -> SafeString:
    """A filter's checkboxes, written here: the template engine took ~150 ms of a 200 ms page for 300
    municipalities' options (issue 27), this takes well under a millisecond. An option's count is
    shown when it has one."""
    name = _escaped(name)
    written = []
    for option in options:
        code = _escaped(option.code)
        count = "" if option.count is None else f' <span class="count">({option.count})</span>'
        written.append(
            f'<div class="check"><input type="checkbox" id="{name}-{code}" name="{name}" value="{code}"'
            f"{' checked' if option.checked else ''}>\n"
            f'<label for="{name}-{code}">{_escaped(option.name)}{count}</label></div>\n'
        )
    return mark_safe("".join(written))  # every value is escaped


def validated(query: QueryDict) -> tuple[dict, list[str]]:
    """Search parameters from the query string, and a message for each value that had to be left out."""
    data: dict = {}
    for name in PARAMETERS:
        if name in SearchQuerySerializer.LIST_FIELDS:
            values = [v for v in query.getlist(name) if v.strip()]
            if values:
                data[name] = values
        elif query.get(name, "").strip() or (name == "q" and name in query):
            data[name] = query[name]
    messages: list[str] = []
    for _attempt in range(len(PARAMETERS)):
        serializer = SearchQuerySerializer(data=data)
        if serializer.is_valid():
            params = dict(serializer.validated_data)
            params.update(lang=get_language(), page_size=PAGE_SIZE)
            return params, messages
        for name, errors in serializer.errors.items():
            messages += [f"{LABELS.get(name, name)}: {error}" for error in errors]
            data.pop(name, None)
            if name in LOCATION:
                for location_name in LOCATION:
                    data.pop(location_name, None)
            if name in (*LOCATION, "sort") and data.get("sort") == "distance":
                data.pop("sort")
    raise AssertionError("every invalid parameter is left out in turn")


def query_pairs(params: dict) -> list[tuple[str, str]]:
    """The parameters as query string pairs, defaults left out."""
    pairs = []
    for name in PARAMETERS:
        value = params.get(name)
        if (
            value is None
            or value in ("", [])
            or (name in ("open_now", "interpreter") and not value)
            or (name == "sort" and value == "relevance")
            or (name == "page" and value == 1)
        ):
            continue
        if isinstance(value, list):
            pairs += [(name, str(v)) for v in value]
        elif isinstance(value, bool):
            pairs.append((name, "true" if value else "false"))
        else:
            pairs.append((name, str(value)))
    return pairs


def page_url(params: dict, **changes) -> str:
    """The search page's URL for these parameters with some changed (None removes one)."""
    query = urlencode(query_pairs({**params, **changes}))
    return reverse("search") + (f"?{query}" if query else "")


def context(params: dict, messages: list[str], from_search: str = "") -> dict:
    """`from_search`: the first page's click token, carried by the links to further pages."""
    result, log = search_run(params, on_page=True, continuing=from_search, facets_add_up=True)
    token = click_token(log) if log is not None else from_search
    language = get_language()
    page_ids = [hit.document_id for hit in result.hits]
    hits = hit_views(result.hits, from_search=token, near=Near.of(result) if result.hits else None)
    pages = max(1, -(-result.total // PAGE_SIZE))
    page = params["page"]
    # The family's municipalities: chosen, or named in the words.
    places = list(params.get("municipality") or result.municipalities_in_text)
    finds_little = result.total == 0 or (bool(params.get("q", "").strip()) and result.total < FEW_RESULTS)
    # The searches without one of the filters that the facets and the nearby municipalities need.
    searched_without = _SearchedWithout(params)
    return {
        "params": params,
        "form_errors": messages,
        "click_token": token,
        "result": result,
        "hits": hits,
        # A new text search keeps the filters in use.
        "kept_filters": [(name, value) for name, value in query_pairs(params) if name not in ("q", "page")],
        "map_points": _map_points(result.hits, hits, selectors.points_among(page_ids)),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "facets": facet_sections(_facets(params, result, language, searched_without)),
        "life_situations": checkboxes(
            "life_situation",
            [
                Option(code, name, None, code in params.get("life_situation", []))
                for code, name in codes.names_in("life_situation", language).items()
            ],
        ),
        "guides": _guides(result.situations, places, params.get("age_months")) if page == 1 else [],
        "library_answers": _library_answers(params) if page == 1 else [],
        "next_steps": _next_steps(params, result, places) if page == 1 and finds_little else None,
        "age_options": age_options(params.get("age_months")),
        "radius_options": option_tags(
            [(km, _("Within %(km)s km") % {"km": km}, params.get("radius_km") == km) for km in RADII]
        ),
        "has_position": params.get("lat") is not None,
        "active_filters": _active_filters(params, language),
        "municipalities_in_text": [
            codes.name("municipality", c, language) for c in result.municipalities_in_text
        ],
        "suggestion_url": page_url(params, q=result.suggestion, page=None) if result.suggestion else None,
        "pages": pages,
        "page_links": _page_links(params, page, pages, token),
        "previous_url": _with_token(page_url(params, page=page - 1), token) if page > 1 else None,
        "first_page_url": page_url(params, page=None),
        "next_url": _with_token(page_url(params, page=page + 1), token) if page < pages else None,
        "nearby": _nearby(params, searched_without) if result.total == 0 else [],
        "first_shown": (page - 1) * PAGE_SIZE + 1,
        "last_shown": (page - 1) * PAGE_SIZE + len(result.hits),
        "total_text": ngettext("%(count)s service found", "%(count)s services found", result.total)
        % {"count": result.total},
    }


SHOWN_PLACES = 3
# The parameter of a result link naming the search it came from (search.services.click_record);
# further pages of results carry it too.
SEARCH_PARAMETER = "from_search"


def _map_points(found: list[selectors.Hit], shown: list[dict], points: dict) -> list[dict]:
    """Markers of the map view: each public place of each shown result, with its name and page."""
    return [
        {"lat": lat, "lon": lon, "name": translate_map(view["name"]), "url": view["url"]}
        for hit, view in zip(found, shown, strict=True)
        for lat, lon in points.get(hit.document_id, [])
    ]


def clock_of(context: dict) -> dict:
    """What of a made page is the clock's (web.page_cache keeps the page while it holds): which of its
    results were open, and the minute of its next steps (the helplines open now, or when one opens
    next), when it has them. A search for what is open now is kept for its minute instead: the clock
    changes what it finds."""
    return {
        **results_clock(context["result"].hits, context["hits"]),
        # The minute of the helplines the next steps show (the page may be written in the next).
        "minute": context["next_steps"]["minute"] if context["next_steps"] else None,
    }


def clock_holds(clock: dict) -> bool:
    """Whether a kept page still shows the clock as it is: the same of its results open, and its next
    steps of this minute."""
    if clock["minute"] is not None and clock["minute"] != public_cache.this_minute():
        return False
    return results_clock_holds(clock)


def results_clock(found: list[selectors.Hit], views: list[dict]) -> dict:
    """Of results shown (the hits and their hit_views): the documents, and those that were open."""
    return {
        "shown": [hit.document_id for hit in found],
        "open": sorted(hit.document_id for hit, view in zip(found, views, strict=True) if view["is_open"]),
    }


def results_clock_holds(clock: dict) -> bool:
    """Whether the same of the results shown are open now (the minute's set of open documents, which
    each process reads once a minute)."""
    return sorted(selectors.open_among(clock["shown"], timezone.now())) == clock["open"]


def _with_token(url: str, token: str) -> str:
    """A further page of results keeps the first page's click token (search.services.click_record)."""
    if not token:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode({SEARCH_PARAMETER: token})}"


def hit_views(found: list[selectors.Hit], from_search: str = "", near: Near | None = None) -> list[dict]:
    """What a result shows, for these hits (their opening read in one go). The links of a search on
    the page carry its click token, so that the search log knows a result was opened. `near`: the
    family's place, to show each result's nearest place."""
    open_ids, with_hours = selectors.opening_among([hit.document_id for hit in found], timezone.now())
    language = get_language()
    suffix = f"?{urlencode({SEARCH_PARAMETER: from_search})}" if from_search else ""
    return [
        _hit_view(
            HitPresenter(hit, language),
            hit.document_id in open_ids,
            hit.document_id in with_hours,
            suffix,
            near,
        )
        for hit in found
    ]


def _hit_view(shown: HitPresenter, is_open: bool, has_hours: bool, suffix: str, near: Near | None) -> dict:
    """The presented hit with what the page adds: the click token, a few places, the opening now and
    the place nearest to the family."""
    places = shown.municipality_names
    nearest = shown.nearest_place(near)
    return {
        "id": shown.id,
        "url": shown.path + suffix,
        "name": shown.name,
        "summary": shown.summary,
        "organization": shown.organization["name"],
        "organization_url": shown.organization_path,
        "places": sorted(places)[:SHOWN_PLACES],
        "more_places": max(0, len(places) - SHOWN_PLACES),
        "delivery_modes": shown.delivery_mode_names,
        "is_open": is_open,
        "has_hours": has_hours,
        "is_free": shown.is_free,
        "interpreter": shown.interpreter_available,
        "distance_km": shown.distance_km,
        "nearest_place": None
        if nearest is None
        else {
            "name": nearest.name,
            "municipality": codes.name("municipality", nearest.municipality, shown.language),
            # How far, for a place outside the family's municipality; a position searched is shown
            # as the result's own distance.
            "distance_km": _about(nearest.distance_km)
            if not nearest.in_chosen and shown.distance_km is None
            else None,
        },
    }


def _about(km: float | None) -> float | None:
    """A distance as a family reads it: whole kilometres from ten on."""
    return None if km is None else (round(km) if km >= 10 else km)


class _SearchedWithout(dict):
    """The search of the page without one of its filters (its total and facets: nothing ranked), each
    made once a page."""

    def __init__(self, params: dict):
        super().__init__()
        self.params = params

    def __missing__(self, facet: str) -> selectors.SearchResult:
        self[facet] = search_without_log({**self.params, facet: [], "page": 1, "page_size": 0})
        return self[facet]


def _facets(
    params: dict, result: selectors.SearchResult, language: str, searched_without: _SearchedWithout
) -> list[Facet]:
    """Each facet's options with counts, and whether any is chosen. Choices within a facet add up
    (Lieksa or Joensuu), so a facet with a choice counts what each option would find with the other
    filters only (the search's `facets_add_up`, over the words as typed); a facet without one counts
    within the results."""
    found = []
    for facet in FACET_ORDER:
        chosen = set(params.get(facet, []))
        counts = result.facets.get(facet, {})
        if chosen and not counts:
            # The words as typed find nothing under the other filters either: a search of its own
            # without the facet says what its options would find (its fallbacks included).
            counts = searched_without[facet].facets.get(facet, {})
        names = codes.names_in(facet, language)
        options = [
            Option(code, names.get(code, code), counts.get(code, 0), code in chosen)
            for code in set(counts) | chosen
        ]
        options.sort(key=lambda o: (not o.checked, -(o.count or 0), o.name))
        found.append(Facet(facet, str(LABELS[facet]), options, bool(chosen)))
    return found


def option_tags(choices: list[tuple[object, str, bool]]) -> SafeString:
    """<option> elements of (value, label, selected), written here (a select of twenty cost the
    template engine a quarter of a millisecond)."""
    return mark_safe(  # every value is escaped
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if selected else ""}>{escape(str(label))}</option>'
            for value, label, selected in choices
        )
    )


def age_options(chosen: int | None) -> SafeString:
    return option_tags(ages(chosen))


def ages(chosen: int | None) -> list[tuple[int, str, bool]]:
    ages = [(0, _("Under 6 months")), (6, _("6–11 months"))]
    ages += [
        (years * 12, ngettext("%(years)s year", "%(years)s years", years) % {"years": years})
        for years in range(1, 18)
    ]
    ages.append((216, _("18 years or over")))
    if chosen is not None and chosen not in {months for months, _label in ages}:
        ages.append((chosen, ngettext("%(months)s month", "%(months)s months", chosen) % {"months": chosen}))
        ages.sort()
    return [(months, label, months == chosen) for months, label in ages]


def _active_filters(params: dict, language: str) -> list[tuple[str, str]]:
    """(text, URL without it) of each filter in use, to remove one at a time."""
    active = []
    for facet in ("municipality", "category", "service_type", "life_situation", "delivery_mode", "language"):
        for code in params.get(facet, []):
            rest = [c for c in params[facet] if c != code]
            active.append(
                (codes.name(facet, code, language), page_url(params, **{facet: rest, "page": None}))
            )
    if params.get("age_months") is not None:
        label = next(text for months, text, checked in ages(params["age_months"]) if checked)
        active.append((f"{LABELS['age_months']}: {label}", page_url(params, age_months=None, page=None)))
    if params.get("free") is not None:
        text = _("Free of charge") if params["free"] else _("With a fee")
        active.append((str(text), page_url(params, free=None, page=None)))
    if params.get("open_now"):
        active.append((str(_("Open now")), page_url(params, open_now=None, page=None)))
    if params.get("interpreter"):
        active.append((str(LABELS["interpreter"]), page_url(params, interpreter=None, page=None)))
    if params.get("radius_km") is not None:
        text = _("Within %(km)s km") % {"km": f"{params['radius_km']:g}"}
        sort = None if params.get("sort") == "distance" else params.get("sort")
        active.append((text, page_url(params, lat=None, lon=None, radius_km=None, sort=sort, page=None)))
    return active


def _page_links(params: dict, page: int, pages: int, token: str) -> SafeString:
    """The list items of the links to nearby pages of results, the current one marked and the others
    labelled to hear ("Page 2"), written here (the template engine took ~0.5 ms for a few)."""
    items = []
    for number in sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)}):
        url = escape(_with_token(page_url(params, page=number), token))
        if number == page:
            items.append(f'<li><a href="{url}" aria-current="page">{number}</a></li>')
        else:
            label = escape(gettext("Page %(number)s") % {"number": number})
            items.append(f'<li><a href="{url}" aria-label="{label}">{number}</a></li>')
    return mark_safe("\n          ".join(items))  # each part escaped


def _nearby(params: dict, searched_without: _SearchedWithout) -> list[tuple[str, int, str]]:
    """With no results in the chosen municipalities: the nearest municipalities where the same search
    finds services, with their counts."""
    chosen = Municipality.objects.filter(
        code__in=params.get("municipality", []), latitude__isnull=False
    ).first()
    if chosen is None:
        return []
    counts = searched_without["municipality"].facets.get("municipality", {})
    places = Municipality.objects.filter(code__in=counts, latitude__isnull=False)
    nearest = sorted(
        places,
        key=lambda m: distance_km(chosen.latitude, chosen.longitude, m.latitude, m.longitude),
    )[:3]
    return [
        (translate(m, "name"), counts[m.code], page_url(params, municipality=[m.code], page=None))
        for m in nearest
    ]


def _guides(found: tuple[str, ...], places: list[str], age: int | None) -> list[dict]:
    """The guides of the life situations the words name, best first, linked with the family's choices
    that a guide page takes (one municipality, the child's age)."""
    if not found:
        return []
    situations = catalog_selectors.code_tables("life_situations")["life_situations"].rows
    by_code = {situation.code: situation for situation in situations}
    choices = [("municipality", places[0])] if places else []
    if age is not None:
        choices.append(("age_months", str(age)))
    suffix = f"?{urlencode(choices)}" if choices else ""
    return [
        {
            "situation": by_code[code],
            "url": reverse("guide", args=[code]) + suffix,
            "offers": _first_sentence(by_code[code]),
        }
        for code in [code for code in found if code in by_code][:SHOWN_GUIDES]
    ]


def _library_answers(params: dict) -> list:
    """Answers of the library the words find, shown beside the services."""
    words = params.get("q", "").strip()
    return questions_selectors.library_found(words, LIBRARY_ANSWERS) if words else []


def _first_sentence(situation: LifeSituation) -> dict[str, str]:
    """What a guide offers in one line: the first sentence of its orientation, as a language map."""
    text, language = translate_with_language(situation, "guide")
    return {language: re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]} if text else {}


def _next_steps(params: dict, result: selectors.SearchResult, places: list[str]) -> dict:
    """Where a family can turn when the search finds little: service guidance of its municipality (of the
    region, with a municipality to choose, when it named none), the helplines open now (or when they
    open next) and a service that calls back. A fixed number of searches and reads, whatever is found."""
    language = get_language()
    guidance = search_without_log(
        {"service_type": [GUIDANCE_TYPE], "municipality": places, "page_size": NEXT_STEP_SERVICES},
        with_facets=not places,
    )
    views = contact_views({"guidance": guidance.hits, "results": result.hits}, language, with_hours=False)
    helplines = _next_step_helplines(language)
    # Calling back: service guidance offers it with each service; otherwise a found service that does.
    calling_back = any(view["contact_url"] for view in views["guidance"])
    other = next((view for view in views["results"] + helplines["views"] if view["contact_url"]), None)
    return {
        "places": [codes.name("municipality", code, language) for code in places],
        "guidance": views["guidance"],
        "choices": "" if places else _municipality_choices(guidance, language),
        "kept": [
            (name, value) for name, value in query_pairs(params) if name not in ("municipality", "page")
        ],
        "helplines": helplines["views"],
        "helplines_open": helplines["open"],
        "minute": helplines["minute"],
        "ask": None if calling_back else other,
    }


def _next_step_helplines(language: str) -> dict:
    """The helplines open now or, when none is, those that open next, else those whose hours are not
    known (web.helplines), the first few."""
    helplines = of_the_minute(language)
    shown = helplines["open"] or helplines["later"] or helplines["unknown"]
    return {
        "views": shown[:NEXT_STEP_SERVICES],
        "open": bool(helplines["open"]),
        "minute": helplines["minute"],
    }


def _municipality_choices(guidance: selectors.SearchResult, language: str) -> SafeString:
    """The municipalities that service guidance reaches, by name, as the options of a select (some 300
    across the country)."""
    found = guidance.facets.get("municipality", {})
    return option_tags(
        sorted(
            ((code, codes.name("municipality", code, language), False) for code in found), key=lambda c: c[1]
        )
    )
