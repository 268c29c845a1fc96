"""What a service page shows besides the service itself."""

import datetime

from django.utils import timezone

from perhekeskus.catalog import opening_hours
from perhekeskus.catalog.models import Service
from perhekeskus.core.validators import distance_km
from perhekeskus.network.models import Municipality
from perhekeskus.search.services import search_without_log
from perhekeskus.web.search_page import hit_views, results_clock, results_clock_holds

NEARBY = 4


def nearby_of_same_type(service: Service) -> tuple[list[dict], dict]:
    """Other services of the service's main type for families in the same municipalities (the service
    as catalog.selectors.service_for_page reads it), and what of them is the clock's
    (search_page.results_clock)."""
    types = sorted(service.type_list, key=lambda t: (t.category.position, t.position))
    municipalities = sorted({m.code for d in service.deliveries.all() for m in d.municipality_list})
    if not types:
        return [], results_clock([], [])
    params = {"service_type": [types[0].code], "municipality": municipalities, "page_size": NEARBY + 1}
    hits = [
        hit for hit in search_without_log(params, with_facets=False).hits if hit.data["id"] != str(service.pk)
    ][:NEARBY]
    views = hit_views(hits)
    return views, results_clock(hits, views)


def clock_of(service: Service, nearby_clock: dict, now: datetime.datetime) -> dict:
    """What of a made service page is the clock's (web.page_cache keeps the page while it holds): the
    moment its places' "open now", its week of hours and its exceptions from today may first change,
    and which of its nearby services were open."""
    return {
        "until": min(
            (opening_hours.holds_until(d.schedules.all(), now) for d in service.deliveries.all()),
            default=opening_hours.holds_until([], now),
        ),
        "nearby": nearby_clock,
    }


def clock_holds(clock: dict) -> bool:
    """Whether a kept service page still shows the clock as it is."""
    return timezone.now() < clock["until"] and results_clock_holds(clock["nearby"])


def local_first(deliveries: list[dict], home: str) -> tuple[list[dict], list[dict]]:
    """The service's places (items of the service page, each with its "delivery") in the family's
    municipality, and the others by distance from its centre: those without a public position (or
    when the municipality has no centre) last, in their order. A place is in the municipality when
    it stands there or serves its families there."""
    local, others = [], []
    for item in deliveries:
        delivery = item["delivery"]
        location = delivery.location
        serves = any(m.code == home for m in delivery.municipality_list)
        (local if serves or (location is not None and location.municipality.code == home) else others).append(
            item
        )
    centre = Municipality.objects.filter(code=home).values_list("latitude", "longitude").first()

    def distance(item: dict) -> tuple[bool, float]:
        location = item["delivery"].location
        if (
            centre is None
            or centre[0] is None
            or location is None
            or location.confidential
            or location.latitude is None
        ):
            return (True, 0.0)
        return (False, distance_km(centre[0], centre[1], location.latitude, location.longitude))

    return local, sorted(others, key=distance)
