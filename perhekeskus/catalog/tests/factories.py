"""Test data built through the service layer, so it is valid and recorded like real data."""

import datetime
import itertools
from typing import Any

from perhekeskus.catalog import services
from perhekeskus.catalog.models import DeliveryMode, Location, Schedule, Service, ServiceType
from perhekeskus.network.models import Municipality, Organization, ProviderKind
from perhekeskus.network.services import organization_save

_sequence = itertools.count(1)


def municipality(code: str = "422") -> Municipality:
    return Municipality.objects.get(code=code)


def organization(**values: Any) -> Organization:
    n = next(_sequence)
    defaults = {
        "kind": ProviderKind.objects.get(code="ngo"),
        "municipality": municipality(),
        "name_fi": f"Testiyhdistys {n} ry",
    }
    return organization_save(actor=None, values={**defaults, **values})


def location(**values: Any) -> Location:
    n = next(_sequence)
    defaults = {
        "organization": values.get("organization") or organization(),
        "municipality": municipality(),
        "name_fi": f"Toimipiste {n}",
        "street_address_fi": "Pielisentie 5",
        "postal_code": "81700",
        "latitude": 63.317,
        "longitude": 30.017,
    }
    return services.location_save(actor=None, values={**defaults, **values})


def service(*, types: tuple[str, ...] = ("family-cafe",), actor=None, **values: Any) -> Service:
    n = next(_sequence)
    defaults = {"organization": values.get("organization") or organization(), "name_fi": f"Perhekahvila {n}"}
    return services.service_save(
        actor=actor,
        values={**defaults, **values},
        service_types=ServiceType.objects.filter(code__in=types),
    )


def delivery(
    *,
    service_obj: Service | None = None,
    mode: str = "provider-site",
    at: Location | None = None,
    municipalities: list[Municipality] | None = None,
):
    target = service_obj or service()
    mode_obj = DeliveryMode.objects.get(code=mode)
    place = (
        at if at is not None or not mode_obj.requires_location else location(organization=target.organization)
    )
    return services.delivery_save(
        actor=None,
        values={"service": target, "mode": mode_obj, "location": place},
        municipalities=municipalities if municipalities is not None else [],
    )


def weekday_schedule(
    delivery_obj, *, opens=datetime.time(9), closes=datetime.time(15), **values: Any
) -> Schedule:
    return services.schedule_save(
        actor=None,
        values={"delivery": delivery_obj, **values},
        rules=[{"weekday": day, "opens": opens, "closes": closes} for day in range(5)],
    )


def ready_to_publish(service_obj: Service) -> Service:
    """Give `service_obj` every required item of the publishing checklist it lacks (catalog.completeness):
    a phone, the Finnish summary and how to get it, a way of offering it, hours at each place."""
    values = {
        "phone": service_obj.phone or "040 123 4567",
        "summary_fi": service_obj.summary_fi or "Tapaamisia perheille.",
        "how_to_get_fi": service_obj.how_to_get_fi or "Tule paikalle.",
    }
    service_obj = services.service_save(actor=None, values=values, service=service_obj)
    if not service_obj.deliveries.exists():
        delivery(service_obj=service_obj, mode="online", municipalities=[municipality()])
    for at_place in service_obj.deliveries.filter(location__isnull=False, schedules__isnull=True):
        weekday_schedule(at_place)
    return service_obj
