"""Public pages. Anyone may read them; only listed services are shown."""

from collections import defaultdict
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from perhekeskus.activities import selectors as activity_selectors
from perhekeskus.catalog import opening_hours
from perhekeskus.catalog import selectors as catalog_selectors
from perhekeskus.catalog.models import Category, LifeSituation
from perhekeskus.core import after_response, preferences, public_cache, ratelimit
from perhekeskus.core.preferences import PLAIN_FINNISH_COOKIE, PLAIN_FINNISH_MAX_AGE
from perhekeskus.core.translation import active_language, translate_with_language
from perhekeskus.information import selectors as information_selectors
from perhekeskus.insights import tracking
from perhekeskus.insights.services import service_view_count
from perhekeskus.network import selectors as network_selectors
from perhekeskus.planning import selectors as planning_selectors
from perhekeskus.referrals import selectors as referral_selectors
from perhekeskus.search.services import click_record, search_logged
from perhekeskus.search.services import click_token as search_click_token
from perhekeskus.web import (
    guides,
    home_municipality,
    my_list,
    own_services,
    page_cache,
    search_page,
    service_pages,
    structured_data,
)
from perhekeskus.web.helplines import BOX_HELPLINES, REMOTE_MODES
from perhekeskus.web.helplines import of_the_minute as helplines_of_the_minute
from perhekeskus.web.search_page import SEARCH_PARAMETER

HOME_MEETING_PLACES = 40


# The front page's figures count over every listed service, and a municipality's page lists every
# service reaching it: these parts are rendered at most once in this many seconds per language (and
# municipality) and public content generation (core.public_cache) for all visitors.
FRONT_PAGE_SECONDS = 5 * 60


@require_safe
def home(request):
    return page_cache.page(request, "home", lambda: (_home_page(request), {}))[0]


def _home_page(request) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            "front_page_seconds": FRONT_PAGE_SECONDS,
            "public_generation": public_cache.generation(),
            # Read only when the cached part is rendered anew: a query set, and a function to call.
            "networks": catalog_selectors.networks_with_municipalities(),
            "meeting_places": partial(catalog_selectors.meeting_places, limit=HOME_MEETING_PLACES),
            "situations": LifeSituation.objects.all(),
            "news": information_selectors.current_news(timezone.localdate()),
            "nearest_meeting_places_url": search_page.page_url(
                {"category": [catalog_selectors.MEETING_PLACE_CATEGORY], "sort": "distance"}
            ),
        },
    )


@require_safe
def helplines(request):
    """The helplines and chats open now, and when the others open (web.helplines): public, kept for its
    minute."""
    return page_cache.page(
        request, "helplines", lambda: (render(request, "web/helplines.html", _helplines_context()), {})
    )[0]


@require_safe
def helplines_box(request):
    """Those open now, for the box of the search results (htmx fetches it into the page, whose own
    answer then stays free of the clock): public, kept for its minute."""
    response = page_cache.page(
        request,
        "helplines box",
        lambda: (render(request, "web/_helplines_box.html", _helplines_context()), {}),
    )[0]
    response["X-Robots-Tag"] = "noindex"  # a part of the search page, not a page of its own
    return response


def _helplines_context() -> dict:
    return {"helplines": helplines_of_the_minute(active_language()), "shown_in_box": BOX_HELPLINES}


# Where the family centre model brings services to families, shown on a municipality's page.
OUTREACH_MODES = ("home-visit", "early-childhood-education", "school", "online", "phone")


@require_safe
def municipality(request, code: str):
    return page_cache.page(request, "municipality", lambda: (_municipality_page(request, code), {}))[0]


def _municipality_page(request, code: str) -> HttpResponse:
    place = network_selectors.municipality_for_page(code)
    if place is None:
        raise Http404
    about, network_about = information_selectors.about_pages(place)
    return render(
        request,
        "web/municipality.html",
        {
            "municipality": place,
            "family_centre": place.family_centre,
            "in_another_language": _shown_in_another_language(
                place.family_centre, ("description", "local_emphasis")
            ),
            "about": about,
            "network_about": network_about,
            "plans": planning_selectors.public_plans(place),
            # Rendered at most once in FRONT_PAGE_SECONDS per municipality and language (the cache).
            "listings_seconds": FRONT_PAGE_SECONDS,
            "public_generation": public_cache.generation(),
            "listings": partial(_municipality_listings, place),
        },
    )


def _municipality_listings(place) -> dict:
    """The services reaching the municipality by category, those that come to the family by how, and
    its meeting places."""
    by_category = defaultdict(list)
    by_mode = defaultdict(list)
    modes = {}
    for service in catalog_selectors.services_reaching(place):
        main_type = min(service.service_types.all(), key=lambda t: (t.category.position, t.position))
        by_category[main_type.category_id].append(service)
        for delivery in service.deliveries_here:
            if delivery.mode.code in OUTREACH_MODES and service not in by_mode[delivery.mode.code]:
                by_mode[delivery.mode.code].append(service)
                modes[delivery.mode.code] = delivery.mode
    return {
        "categories": [(c, by_category[c.pk]) for c in Category.objects.all() if by_category[c.pk]],
        "outreach": [(modes[code], by_mode[code]) for code in OUTREACH_MODES if by_mode[code]],
        "meeting_places": catalog_selectors.meeting_places(limit=HOME_MEETING_PLACES, municipality=place),
    }


@require_safe
def organization(request, pk):
    return page_cache.page(request, "organization", lambda: (_organization_page(request, pk), {}))[0]


def _organization_page(request, pk) -> HttpResponse:
    found = network_selectors.organization_for_page(pk)
    if found is None:
        raise Http404
    return render(
        request,
        "web/organization.html",
        {
            "organization": found,
            "services": catalog_selectors.services_of(found),
            "in_another_language": _shown_in_another_language(found, ("description",)),
            "structured_data": structured_data.organization_data(found, request.build_absolute_uri()),
        },
    )


@require_safe
def service(request, pk):
    home = home_municipality.of(request)

    def make() -> tuple[HttpResponse, dict]:
        found = catalog_selectors.service_for_page(pk)
        if found is None:
            raise Http404
        return _service_page(request, found, home)

    # A kept page was of a listed service: unlisting it moves the public cache on. A page opened from
    # a search's results carries its click token in its links: made for that visit (any address with
    # a query is). It is kept while what it shows of the clock holds (its places' opening, its days).
    response, _extra = page_cache.page(
        request, "service", make, still_true=lambda extra: service_pages.clock_holds(extra["clock"])
    )
    if tracking.is_person(request):
        # Counted once the page has been sent: nobody waits for a count.
        after_response.defer(partial(service_view_count, pk, home or ""), "a service page's view count")
        if SEARCH_PARAMETER in request.GET:
            after_response.defer(partial(click_record, request.GET[SEARCH_PARAMETER]), "a search's click")
    return response


def _service_page(request, found, home: str | None) -> tuple[HttpResponse, dict]:
    """The page, and what of it is the clock's (service_pages.clock_of)."""
    now = timezone.now()
    today = timezone.localdate()
    deliveries = [
        {
            "delivery": delivery,
            "week": opening_hours.week_of(delivery.schedules.all(), today),
            "is_open": opening_hours.is_open(delivery.schedules.all(), now),
            "by_appointment": any(s.by_appointment for s in delivery.schedules.all()),
            # A schedule may be "by appointment" only, with no weekly hours to show.
            "has_hours": any(s.rules.all() or s.exceptions.all() for s in delivery.schedules.all()),
            "exceptions": sorted(
                (e for s in delivery.schedules.all() for e in s.exceptions.all() if e.date >= today),
                key=lambda e: e.date,
            )[:5],
        }
        for delivery in found.deliveries.all()
    ]
    deliveries, other_deliveries = service_pages.local_first(deliveries, home) if home else (deliveries, [])
    nearby, nearby_clock = service_pages.nearby_of_same_type(found)
    response = render(
        request,
        "web/service.html",
        {
            "service": found,
            "deliveries": deliveries,
            "other_deliveries": other_deliveries,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "today": today,
            "remote_modes": sorted(
                {d.mode for d in found.deliveries.all() if d.mode.code in REMOTE_MODES},
                key=lambda m: m.position,
            ),
            "in_another_language": _shown_in_another_language(
                found, ("summary", "description", "how_to_get")
            ),
            "nearby": nearby,
            "activities": activity_selectors.of_service_page(found.pk),
            "takes_contact_requests": referral_selectors.takes_contact_requests(found),
            "structured_data": structured_data.service_data(
                found,
                request.build_absolute_uri(),
                request.build_absolute_uri(reverse("organization", args=[found.organization_id])),
            ),
        },
    )
    return response, {"clock": service_pages.clock_of(found, nearby_clock, now)}


def _shown_in_another_language(obj, fields) -> str | None:
    """The language (code) the page falls back to for some of these texts, if any."""
    page_language = active_language()
    for field in fields:
        text, language = translate_with_language(obj, field)
        if text and language != page_language:
            return language
    return None


@require_safe
def search(request):
    """Search results with filters. HTMX requests get the results region only, to swap in place, except
    when HTMX restores a page from history: that needs the whole page. A search in one municipality
    remembers it (web.home_municipality)."""
    if home_municipality.FORGET in request.GET:
        return home_municipality.forgotten(request)
    if not ratelimit.spend(request, "search", settings.SEARCHES_PER_MINUTE, ratelimit.MINUTE):
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(ratelimit.MINUTE)
        # htmx shows no answer of an error; it reloads instead, and the page then tells why.
        response["HX-Refresh"] = "true"
        return response
    params, messages = search_page.validated(request.GET)
    home = None if params.get("municipality") else home_municipality.of(request)
    if home is not None:
        params["home_municipality"] = home
    continuing = request.GET.get(SEARCH_PARAMETER, "")
    region_only = bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )

    def make() -> tuple[HttpResponse, dict]:
        context = search_page.context(params, messages, from_search=continuing)
        result = context["result"]
        context["home_municipality"] = home_municipality.shown_first(
            params, result, from_search=context["click_token"]
        )
        context["partial"] = region_only
        # A filter chosen in place keeps the filters open where the family is choosing.
        context["filters_open"] = region_only and request.headers.get("HX-Trigger") == "filters"
        response = render(request, "web/_search_region.html" if region_only else "web/search.html", context)
        patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
        if home is not None:  # ranked by the family's cookie: no shared cache may keep it
            patch_cache_control(response, private=True)
        return response, {
            "token": context["click_token"],
            "total": result.total,
            "named": list(result.municipalities_in_text),
            "chosen": home_municipality.chosen(params, result),
            "clock": search_page.clock_of(context),
        }

    def visit_token(extra: dict) -> dict[str, str]:
        """A kept page's visit is a search of its own, logged as any (search.services)."""
        log = search_logged(params, extra["total"], extra["named"], on_page=True)
        return _click_token_holes(search_click_token(log) if log is not None else "")

    # Not kept: a search that continues another (its links carry that search's token), nor one from a
    # family's position (each is of its own, and a position is not kept anywhere).
    if continuing or params.get("lat") is not None:
        response, extra = make()
    else:
        response, extra = page_cache.page(
            request,
            "search",
            make,
            with_query=True,
            holes=lambda extra: _click_token_holes(extra["token"]),
            fill=visit_token,
            # What is open now is by the minute; otherwise the page holds while its results' opening does.
            still_true=None
            if params.get("open_now")
            else lambda extra: search_page.clock_holds(extra["clock"]),
        )
    if extra["chosen"] is not None:
        home_municipality.remember(response, request, extra["chosen"])
    return response


def _click_token_holes(token: str) -> dict[str, str]:
    """The click token as the search page writes it: in its forms, and in the query of its links."""
    return {"click-token": token, "click-token-in-link": quote(token, safe="")} if token else {}


@require_safe
def guide_list(request):
    return render(request, "web/guides.html", {"situations": LifeSituation.objects.all()})


@require_safe
def guide(request, code: str):
    situation = LifeSituation.objects.prefetch_related("service_types").filter(code=code).first()
    if situation is None:
        raise Http404
    # The family's own municipality, unless they chose one here; choosing one here keeps it.
    query = request.GET.copy()
    home = home_municipality.of(request)
    if "municipality" not in query and home is not None:
        query["municipality"] = home
    context = guides.context(situation, query)
    response = render(request, "web/guide.html", context)
    chosen = context["chosen_municipality"]
    if chosen and request.GET.get("municipality") == chosen and home_municipality.is_choosable(chosen):
        home_municipality.remember(response, request, chosen)
    return response


@require_safe
def my_list_page(request):
    """The family's list, or a list shared as a link (?s=id,id,…)."""
    shared = "s" in request.GET
    ids = my_list.parse(request.GET.get("s")) if shared else my_list.of(request)
    services = catalog_selectors.services_for_list(ids)
    share_path = reverse("my_list") + "?s=" + ",".join(str(s.pk) for s in services)
    return render(
        request,
        "web/my_list.html",
        {
            "services": services,
            "shared": shared,
            "own_ids": set(my_list.of(request)),
            "no_longer_listed": len(ids) - len(services),
            "share_url": request.build_absolute_uri(share_path),
        },
    )


FULL_LIST_MESSAGE = _("Your list is full (%(count)s services). Remove a service before adding more.")


@require_POST
def my_list_change(request):
    """Add services to the list or remove one. Anyone may; the list lives in the visitor's own cookie."""
    ids = my_list.of(request)
    wanted = my_list.parse(",".join(request.POST.getlist("service")))
    action = request.POST.get("action")
    full = False
    if action == "add":
        listed = {str(s.pk) for s in catalog_selectors.services_for_list(wanted)}
        new = [i for i in wanted if i in listed and i not in ids]
        full = len(ids) + len(new) > my_list.MAX_ITEMS
        ids = ids + new[: my_list.MAX_ITEMS - len(ids)]
    elif action == "remove":
        ids = [i for i in ids if i not in wanted]
    else:
        return HttpResponse(status=400)
    if request.headers.get("HX-Request") and len(wanted) != 1:
        return HttpResponse(status=400)  # the button always sends one service
    if request.headers.get("HX-Request"):
        response = render(
            request,
            "web/_my_list_button.html",
            {
                "service_id": wanted[0],
                "in_list": wanted[0] in ids,
                "list_count": len(ids),
                "changed": action,
                "full": full,
                "my_list_next": request.POST.get("next", ""),
            },
        )
    else:
        response = HttpResponseRedirect(
            _page_of_this_site(request, request.POST.get("next", "")) or reverse("my_list")
        )
        if full:
            messages.warning(request, FULL_LIST_MESSAGE % {"count": my_list.MAX_ITEMS})
    my_list.store(response, request, ids)
    return response


@require_safe
def robots_txt(request):
    """Crawlers may read the public pages; the admin, the API and result pages of searches are left out."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /search/?",
        "Disallow: /sv/search/?",
        "Disallow: /en/search/?",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def my_municipality(request):
    """The family's own municipality (web.home_municipality): anyone may choose, change or forget it;
    it is kept only in their own browser. ?municipality=CODE keeps it, an empty value forgets it, and
    `next` (a page of this site) is where the family goes on to."""
    next_url = _page_of_this_site(request, request.GET.get("next", ""))
    current = home_municipality.of(request)
    error = None
    if "municipality" in request.GET:
        code = request.GET["municipality"].strip()
        if not code or home_municipality.is_choosable(code):
            response = HttpResponseRedirect(next_url or reverse("my_municipality"))
            if code:
                home_municipality.remember(response, request, code)
            else:
                home_municipality.forget(response)
            add_never_cache_headers(response)
            return response
        error = _("Choose a municipality from the list.")
    response = render(
        request,
        "web/my_municipality.html",
        {
            "municipalities": network_selectors.municipalities_of_networks(),
            "current": current,
            "next_url": next_url,
            "error": error,
        },
        status=400 if error else 200,
    )
    patch_cache_control(response, private=True)
    return response


def _page_of_this_site(request, address: str) -> str:
    """`address` when it is a path of this site ("/search/?q=…"), else "" (another site, a scheme, or a
    word that a redirect would take for a view's name)."""
    if not address.startswith("/") or address.startswith("//"):
        return ""
    allowed = url_has_allowed_host_and_scheme(
        address, allowed_hosts={request.get_host()}, require_https=False
    )
    return address if allowed else ""


@require_safe
def plain_finnish(request):
    """Plain Finnish on or off (?on=1 / ?on=0) for this browser, then back to `next` (a page of this
    site). Anyone may: it is kept only in the family's own cookie (core.preferences)."""
    next_url = _page_of_this_site(request, request.GET.get("next", "")) or "/"  # Finnish pages offer it
    response = HttpResponseRedirect(next_url)
    if request.GET.get("on") == "1":
        preferences.keep(response, request, PLAIN_FINNISH_COOKIE, "1", PLAIN_FINNISH_MAX_AGE)
    else:
        preferences.drop(response, PLAIN_FINNISH_COOKIE)
    add_never_cache_headers(response)
    return response


@require_safe
def own_services_page(request):
    """Public: "which clinic is mine?". ?postal_code=CODE shows the services serving it and remembers
    it (and its municipality) in the family's own browser; an empty value forgets it; without the
    parameter the remembered code's services are shown."""
    chosen, error, status = own_services.of(request), None, 200
    typed = request.GET.get("postal_code")
    if typed is not None:
        typed = "".join(typed.split())[:20]
        if not typed:
            chosen = None
        elif not own_services.FORMAT.fullmatch(typed):
            error, status = _("Write your postal code as five digits, for example 80100."), 400
        else:
            chosen = network_selectors.postal_code_of_networks(typed)
            if chosen is None:
                known = network_selectors.postal_code_exists(typed)
                error = (
                    _("%(code)s is not a postal code of the municipalities these family centres serve.")
                    if known
                    else _("There is no postal code %(code)s. Check the number.")
                ) % {"code": typed}
                status = 400
    as_sent = request.COOKIES
    if typed is not None and not error and chosen is not None:
        # The page itself (its footer's "your municipality") already speaks of the new choice.
        request.COOKIES = {
            **as_sent,
            own_services.COOKIE: chosen.code,
            home_municipality.COOKIE: chosen.municipality.code,
        }
    response = render(
        request,
        "web/own_services.html",
        {
            "chosen": chosen,
            "own": catalog_selectors.own_services(chosen) if chosen and not error else [],
            "typed": typed if error else (chosen.code if chosen else ""),
            "postal_codes": network_selectors.postal_codes_of_networks(),
            "error": error,
        },
        status=status,
    )
    request.COOKIES = as_sent
    if typed is not None and not error:
        if chosen is None:
            own_services.forget(response)
        else:
            own_services.remember(response, request, chosen)
            home_municipality.remember(response, request, chosen.municipality.code)
    patch_cache_control(response, private=True)
    return response
