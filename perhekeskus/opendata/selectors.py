"""Reads for open data: everything an HSDS object shows, prefetched."""

from django.db.models import Prefetch, QuerySet

from perhekeskus.catalog.models import Delivery, Schedule, Service
from perhekeskus.catalog.selectors import listed_organizations, listed_services, services_with_details
from perhekeskus.network.models import Organization
from perhekeskus.opendata.hsds import TAXONOMIES

SCHEDULES = Prefetch("schedules", queryset=Schedule.objects.prefetch_related("rules", "exceptions"))


def deliveries_at_places() -> QuerySet[Delivery]:
    """Deliveries at a place of listed services: HSDS's services at locations."""
    return (
        Delivery.objects.filter(service__in=listed_services(), location__isnull=False)
        .select_related("mode", "location__municipality")
        .prefetch_related("municipalities", SCHEDULES)
        .order_by("pk")
    )


def services() -> QuerySet[Service]:
    return services_with_details().order_by("pk")


def organizations() -> QuerySet[Organization]:
    return listed_organizations().select_related("kind", "municipality").order_by("pk")


def taxonomy_terms() -> list:
    """The terms of every vocabulary that is an HSDS taxonomy."""
    terms = []
    for model, _fi, _en in TAXONOMIES.values():
        queryset = model.objects.all()
        if hasattr(model, "category"):
            queryset = queryset.select_related("category")
        terms.extend(queryset)
    return terms
