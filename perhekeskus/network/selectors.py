from django.db.models import Count, Prefetch, Q, QuerySet

from perhekeskus.catalog.selectors import LISTED_STATUSES
from perhekeskus.network.models import Municipality, Network, Organization


def networks_with_municipalities() -> QuerySet[Network]:
    """Networks and their municipalities with the number of listed services reaching each."""
    municipalities = Municipality.objects.select_related("family_centre").annotate(
        service_count=Count(
            "deliveries__service",
            filter=Q(deliveries__service__status__in=LISTED_STATUSES),
            distinct=True,
        )
    )

    return Network.objects.prefetch_related(Prefetch("municipalities", queryset=municipalities))


def municipality_for_page(code: str) -> Municipality | None:
    return (
        Municipality.objects.select_related("network", "family_centre")
        .filter(code=code, family_centre__isnull=False)
        .first()
    )


def organization_for_page(pk) -> Organization | None:
    return Organization.objects.select_related("kind", "municipality", "parent").filter(pk=pk).first()
