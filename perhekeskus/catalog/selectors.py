"""Reads of the catalogue for public pages: only listed services, with everything a page shows prefetched."""

from django.db.models import Prefetch, QuerySet

from perhekeskus.catalog.models import Delivery, Schedule, Service
from perhekeskus.network.models import Municipality, Organization

LISTED_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)


def listed_services() -> QuerySet[Service]:
    """Services the public may see: active or temporarily closed."""
    return Service.objects.filter(status__in=LISTED_STATUSES)


def services_reaching(municipality: Municipality) -> QuerySet[Service]:
    """Listed services with a delivery that reaches the municipality, with their types and organisation."""
    return (
        listed_services()
        .filter(deliveries__municipalities=municipality)
        .distinct()
        .select_related("organization")
        .prefetch_related("service_types__category")
        .order_by("name_fi")
    )


def services_of(organization: Organization) -> QuerySet[Service]:
    return listed_services().filter(organization=organization).order_by("name_fi")


def service_for_page(pk) -> Service | None:
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
        .select_related("organization__kind")
        .prefetch_related(
            "service_types__category",
            "life_situations",
            "languages",
            "service_areas",
            "contacts",
            Prefetch("deliveries", queryset=deliveries),
        )
        .filter(pk=pk)
        .first()
    )
