"""Open now in SQL (the search) and in Python (the service page) must agree."""

import datetime
import random

import pytest

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.opening_hours import HELSINKI, is_open
from perhekeskus.catalog.tests import factories
from perhekeskus.search import indexing, selectors
from perhekeskus.search.query import Filters

T = datetime.time
D = datetime.date
pytestmark = pytest.mark.django_db


def _service_with(schedules: list[dict]) -> Service:
    service = factories.service()
    delivery = factories.delivery(service_obj=service)
    for schedule in schedules:
        services.schedule_save(
            actor=None,
            values={"delivery": delivery, **schedule.get("values", {})},
            rules=schedule.get("rules", []),
            exceptions=schedule.get("exceptions", []),
        )
    return service


def test_search_open_now_agrees_with_the_opening_hours_of_the_service_page():
    weekdays = [{"weekday": d, "opens": T(8), "closes": T(16)} for d in range(5)]
    built = [
        _service_with([{"rules": weekdays}]),
        _service_with([{"rules": weekdays, "values": {"closed_on_public_holidays": False}}]),
        _service_with([{"rules": [{"weekday": 4, "opens": T(20), "closes": T(2), "closes_next_day": True},
                                  {"weekday": 6, "opens": T(22), "closes": T(6), "closes_next_day": True}]}]),
        _service_with([
            {"rules": weekdays},
            {"rules": [{"weekday": 2, "opens": T(9), "closes": T(12)}],
             "values": {"valid_from": D(2026, 12, 1), "valid_to": D(2026, 12, 31)}},
        ]),
        _service_with([{"rules": weekdays, "exceptions": [
            {"date": D(2026, 12, 3), "closed": True},
            {"date": D(2026, 12, 5), "closed": False, "opens": T(10), "closes": T(14)},
            {"date": D(2026, 12, 18), "closed": False, "opens": T(8), "closes": T(12)},
        ]}]),
        _service_with([{"rules": [{"weekday": d, "opens": T(0), "closes": T(0), "closes_next_day": True}
                                  for d in range(7)], "values": {"closed_on_public_holidays": False}}]),
    ]  # fmt: skip
    indexing.rebuild()
    rng = random.Random(7)
    start = datetime.datetime(2026, 11, 20, tzinfo=HELSINKI)
    moments = [start + datetime.timedelta(minutes=rng.randrange(0, 60 * 24 * 45)) for _ in range(150)]
    moments += [
        datetime.datetime(2026, 12, 24, 10, tzinfo=HELSINKI),
        datetime.datetime(2026, 12, 5, 1, tzinfo=HELSINKI),
    ]
    for moment in moments:
        found = selectors.search(
            text="", filters=Filters(open_now=True), sort="name", page=1, page_size=50, now=moment,
            with_facets=False,
        )  # fmt: skip
        in_search = {hit.data["id"] for hit in found.hits}
        expected = set()
        for service in built:
            delivery = service.deliveries.get()
            if is_open(delivery.schedules.prefetch_related("rules", "exceptions"), moment):
                expected.add(str(service.pk))
        assert in_search == expected, moment
