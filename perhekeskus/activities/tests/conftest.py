import datetime

import pytest

from perhekeskus.activities import services
from perhekeskus.catalog.tests import factories

T = datetime.time


@pytest.fixture
def cafe(db):
    """MLL's family café in Lieksa: Tuesdays at 10:00 for 90 minutes, registration for 10 people with a
    waiting list, from 6 January 2026."""
    service = factories.service(name_fi="Perhekahvila")
    place = factories.location(organization=service.organization, name_fi="Perhetalo")
    return services.activity_save(
        actor=None,
        values={
            "service": service, "title_fi": "Vauvakahvila", "location": place, "starts_on": datetime.date(2026, 1, 6),
            "start_time": T(10), "duration_minutes": 90, "repeat": "weekly", "registration": "required",
            "capacity": 10, "waiting_list": True, "registration_opens_days": 365, "registration_closes_hours": 2,
        },
    )  # fmt: skip
