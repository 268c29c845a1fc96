"""Demo activities: a realistic week of family cafés, clubs, groups and courses in each of the demo
network's municipalities, at places of the services that run them, and activities of one service only
(groups in Arabic, Russian, Swedish and English). Dates follow the current season, so that the demo
always has upcoming times; loading again on the same day changes nothing."""

import datetime

from django.db.models import F
from django.utils import timezone

from perhekeskus.activities.models import Activity
from perhekeskus.activities.services import activity_save
from perhekeskus.catalog.models import Delivery, Language, Service
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core.translation import languages_of
from perhekeskus.demo import network as network_data
from perhekeskus.demo.catalog import SOURCE, _existing, demo_id


def _templates() -> list[dict]:
    """The activities of the data files (data/north_karelia/activities.yaml), with weekday and time."""
    rows = network_data.read("activities.yaml")
    for row in rows:
        day, time = row["when"].split()
        row["weekday"] = network_data.WEEKDAYS.index(day)
        row["start_time"] = datetime.time.fromisoformat(time)
    return rows


PREFERRED_KINDS = ("ngo", "parish", "municipality", "wellbeing-services-county")


def _season(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From eight weeks ago to ten months ahead, starting on a Monday."""
    monday = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=8)
    return monday, monday + datetime.timedelta(days=300)


def _hosts(network) -> dict[str, list]:
    """Per municipality, (service, place) pairs where listed services meet families, community first."""
    deliveries = (
        Delivery.objects.filter(
            service__in=listed_services(),
            service__organization__networks=network,
            location__isnull=False,
            location__confidential=False,
            location__organization=F("service__organization"),
        )
        .select_related("service__organization__kind", "location__municipality")
        .order_by("location__name_fi", "service__name_fi")
    )
    by_municipality: dict[str, list] = {}
    for delivery in deliveries:
        kind = delivery.service.organization.kind.code
        rank = PREFERRED_KINDS.index(kind) if kind in PREFERRED_KINDS else len(PREFERRED_KINDS)
        by_municipality.setdefault(delivery.location.municipality.code, []).append(
            (rank, delivery.service, delivery.location)
        )
    return {
        code: [(s, p) for _r, s, p in sorted(rows, key=lambda row: row[0])]
        for code, rows in by_municipality.items()
    }


def _own_place(service_key: str):
    """The service of this key and its first public place of its own organisation (an activity meets at
    its organisation's own places)."""
    service = Service.objects.get(pk=demo_id("service", service_key))
    delivery = (
        Delivery.objects.filter(
            service=service,
            location__isnull=False,
            location__confidential=False,
            location__organization=service.organization,
        )
        .select_related("location")
        .order_by("location__name_fi")
        .first()
    )
    if delivery is None:
        raise ValueError(f"activities.yaml: the service {service_key} has no public place of its own")
    return service, delivery.location


def load_demo_activities(network, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    templates = _templates()
    count = 0
    everywhere = [t for t in templates if "service" not in t]
    for code, hosts in sorted(_hosts(network).items()):
        for index, template in enumerate(everywhere):
            service, place = hosts[index % len(hosts)]
            _save(template, service, place, f"{code}:{template['key']}", today)
            count += 1
    for template in templates:
        if "service" in template:
            service, place = _own_place(template["service"])
            _save(template, service, place, f"{template['service']}:{template['key']}", today)
            count += 1
    return count


def _save(template: dict, service, place, key: str, today: datetime.date) -> None:
    first, last = _season(today)
    weekday, repeat, price = template["weekday"], template["repeat"], template.get("price")
    starts_on = first + datetime.timedelta(days=weekday)
    if repeat == "monthly":  # the second weekday of the month
        starts_on = datetime.date(first.year, first.month, 8)
        starts_on += datetime.timedelta(days=(weekday - starts_on.weekday()) % 7)
    description = template["description"]
    if isinstance(description, str):
        description = {"fi": description}
    values = {
        "service": service, "location": place,
        **{f"title_{code}": template["title"].get(code, "") for code in languages_of(Activity, "title")},
        **{f"description_{code}": description.get(code, "") for code in languages_of(Activity, "description")},
        "starts_on": starts_on, "start_time": template["start_time"],
        "duration_minutes": template["minutes"], "repeat": repeat,
        "repeat_until": None if repeat == "none" else last,
        "repeat_count": template.get("times"),
        "extra_dates": (
            [(today + datetime.timedelta(days=d)).isoformat() for d in (10, 24)] if repeat == "none" else []
        ),
        "registration": template["registration"], "capacity": template.get("capacity"),
        "registration_opens_days": 30, "registration_closes_hours": 2, "waiting_list": True,
        "age_min_months": template.get("age_min_months"), "age_max_months": template.get("age_max_months"),
        "is_free": price is None, "price_fi": price or "",
    }  # fmt: skip
    if values["repeat_count"]:
        values["repeat_until"] = None
        values["starts_on"] = (
            today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=weekday)
        )
    activity_save(
        actor=None,
        activity=_existing(Activity, demo_id("activity", key)),
        values=values,
        languages=_languages(template),
        source=SOURCE,
    )


def _languages(template: dict) -> list[Language]:
    codes = template.get("languages", ["fi"])
    found = list(Language.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        unknown = sorted(set(codes) - {language.code for language in found})
        raise ValueError(f"activities.yaml: {template['key']}: unknown language codes {unknown}")
    return found
