"""Reads of the catalogue for public pages: only listed services, with everything a page shows prefetched."""

from django.db.models import Count, Prefetch, Q, QuerySet

from perhekeskus.catalog.models import Delivery, Location, Schedule, Service
from perhekeskus.core.models import Publication
from perhekeskus.network.models import Municipality, Network, Organization

LISTED_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)
# The one definition of what the public sees: published services of published organisations that are
# active or temporarily closed.
LISTED = Q(
    status__in=LISTED_STATUSES,
    publication=Publication.PUBLISHED,
    organization__publication=Publication.PUBLISHED,
)
# Search also leaves out services unreviewed for too long (catalog.freshness); their pages stay.
SEARCHABLE = LISTED & Q(hidden_from_search_at__isnull=True)


def listed_services() -> QuerySet[Service]:
    """Services the public may see."""
    return Service.objects.filter(LISTED)


def searchable_services() -> QuerySet[Service]:
    return Service.objects.filter(SEARCHABLE)


def listed_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(publication=Publication.PUBLISHED)


def networks_with_municipalities() -> QuerySet[Network]:
    """Networks and their municipalities with the number of listed services reaching each."""
    municipalities = Municipality.objects.select_related("family_centre").annotate(
        service_count=Count(
            "deliveries__service",
            filter=Q(deliveries__service__in=listed_services()),
            distinct=True,
        )
    )

    return Network.objects.prefetch_related(Prefetch("municipalities", queryset=municipalities))


def services_reaching_code(municipality_code: str) -> QuerySet[Service]:
    """Services (of any status, listed or not) with a delivery that reaches the municipality, as pks."""
    return Service.objects.filter(deliveries__municipalities__code=municipality_code).values("pk")


def services_reaching(municipality: Municipality) -> QuerySet[Service]:
    """Listed services with a delivery that reaches the municipality, with their types and organisation."""
    return (
        listed_services()
        .filter(deliveries__municipalities=municipality)
        .distinct()
        .select_related("organization")
        .prefetch_related(
            "service_types__category",
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.filter(municipalities=municipality).select_related("mode"),
                to_attr="deliveries_here",
            ),
        )
        .order_by("name_fi")
    )


def services_of(organization: Organization) -> QuerySet[Service]:
    return listed_services().filter(organization=organization).order_by("name_fi")


def services_with_details() -> QuerySet[Service]:
    """Listed services with everything a service page (or an HSDS service) shows, prefetched."""
    deliveries = (
        Delivery.objects.select_related("mode", "location__municipality")
        .prefetch_related(
            "municipalities",
            Prefetch("schedules", queryset=Schedule.objects.prefetch_related("rules", "exceptions")),
        )
        .order_by("mode__position", "location__name_fi")
    )
    return (
        listed_services()
        .select_related("organization__kind", "organization__municipality")
        .prefetch_related(
            "service_types__category",
            "life_situations",
            "languages",
            "service_areas",
            "contacts",
            Prefetch("deliveries", queryset=deliveries),
        )
    )


def service_for_page(pk) -> Service | None:
    return services_with_details().filter(pk=pk).first()


MEETING_PLACE_CATEGORY = "meeting-place"
FAMILY_CENTRE_MODE = "family-centre-building"


def meeting_places(limit: int, municipality: Municipality | None = None) -> list[Location]:
    """Public places where families meet: family centre buildings and places of meeting-place services,
    by municipality (or in one), each with its listed services there (`meeting_services`)."""
    deliveries = Delivery.objects.filter(service__in=listed_services(), location__confidential=False).filter(
        Q(mode__code=FAMILY_CENTRE_MODE) | Q(service__service_types__category__code=MEETING_PLACE_CATEGORY)
    )
    if municipality is not None:
        deliveries = deliveries.filter(location__municipality=municipality)
    places = list(
        Location.objects.filter(pk__in=deliveries.values("location"))
        .select_related("municipality")
        .order_by("municipality__name_fi", "name_fi")[:limit]
    )
    meeting_deliveries = deliveries.filter(location__in=places)
    services = (
        listed_services()
        .filter(pk__in=meeting_deliveries.values("service"))
        .order_by("name_fi")
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.filter(pk__in=meeting_deliveries.values("pk")).only(
                    "id", "service_id", "location_id"
                ),
            )
        )
    )
    by_place: dict = {place.pk: [] for place in places}
    for service in services:
        for delivery in service.deliveries.all():
            if delivery.location_id in by_place and service not in by_place[delivery.location_id]:
                by_place[delivery.location_id].append(service)
    for place in places:
        place.meeting_services = by_place[place.pk]
    return places


def services_for_list(ids: list[str]) -> list[Service]:
    """Listed services with these ids, in the given order (ids of services no longer listed are left out)."""
    found = {
        str(service.pk): service
        for service in listed_services()
        .filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.select_related("mode", "location").prefetch_related(
                    "municipalities"
                ),
            )
        )
    }
    return [found[i] for i in ids if i in found]


def services_with_hours(ids: list[str]) -> dict[str, Service]:
    """Listed services with these ids, by id: their ways of contact, and the schedules of their deliveries
    (rules and exceptions prefetched) for when they open next."""
    schedules = Prefetch(
        "deliveries__schedules", queryset=Schedule.objects.prefetch_related("rules", "exceptions")
    )
    return {
        str(service.pk): service
        for service in listed_services().filter(pk__in=ids).prefetch_related(schedules)
    }
