"""Public pages. Anyone may read them; only listed services are shown."""

from collections import defaultdict

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from perhekeskus.catalog import opening_hours
from perhekeskus.catalog import selectors as catalog_selectors
from perhekeskus.catalog.models import Category, LifeSituation
from perhekeskus.network import selectors as network_selectors
from perhekeskus.web import guides, search_page, structured_data

HOME_MEETING_PLACES = 40


@require_safe
def home(request):
    return render(
        request,
        "web/home.html",
        {
            "networks": network_selectors.networks_with_municipalities(),
            "situations": LifeSituation.objects.all(),
            "meeting_places": catalog_selectors.meeting_places(limit=HOME_MEETING_PLACES),
            "nearest_meeting_places_url": search_page.page_url(
                {"category": [catalog_selectors.MEETING_PLACE_CATEGORY], "sort": "distance"}
            ),
        },
    )


@require_safe
def municipality(request, code: str):
    place = network_selectors.municipality_for_page(code)
    if place is None:
        raise Http404
    by_category = defaultdict(list)
    for service in catalog_selectors.services_reaching(place):
        main_type = min(service.service_types.all(), key=lambda t: (t.category.position, t.position))
        by_category[main_type.category_id].append(service)
    categories = [(c, by_category[c.pk]) for c in Category.objects.all() if by_category[c.pk]]
    return render(
        request,
        "web/municipality.html",
        {"municipality": place, "family_centre": place.family_centre, "categories": categories},
    )


@require_safe
def organization(request, pk):
    found = network_selectors.organization_for_page(pk)
    if found is None:
        raise Http404
    return render(
        request,
        "web/organization.html",
        {
            "organization": found,
            "services": catalog_selectors.services_of(found),
            "structured_data": structured_data.organization_data(found, request.build_absolute_uri()),
        },
    )


@require_safe
def service(request, pk):
    found = catalog_selectors.service_for_page(pk)
    if found is None:
        raise Http404
    today = timezone.localdate()
    deliveries = [
        {
            "delivery": delivery,
            "week": opening_hours.week_of(delivery.schedules.all(), today),
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
    return render(
        request,
        "web/service.html",
        {
            "service": found,
            "deliveries": deliveries,
            "today": today,
            "structured_data": structured_data.service_data(
                found,
                request.build_absolute_uri(),
                request.build_absolute_uri(reverse("organization", args=[found.organization_id])),
            ),
        },
    )


@require_safe
def search(request):
    """Search results with filters; HTMX requests get the results region only, to swap in place."""
    params, messages = search_page.validated(request.GET)
    context = search_page.context(params, messages)
    context["partial"] = bool(request.headers.get("HX-Request"))
    return render(request, "web/_search_region.html" if context["partial"] else "web/search.html", context)


@require_safe
def guide_list(request):
    return render(request, "web/guides.html", {"situations": LifeSituation.objects.all()})


@require_safe
def guide(request, code: str):
    situation = LifeSituation.objects.prefetch_related("service_types").filter(code=code).first()
    if situation is None:
        raise Http404
    return render(request, "web/guide.html", guides.context(situation, request.GET))


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
