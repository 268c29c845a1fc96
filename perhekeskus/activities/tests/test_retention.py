"""Registrations are erased 30 days after the occurrence, keeping the counts (frozen clock)."""

import datetime

import time_machine

from perhekeskus.activities import services
from perhekeskus.activities.models import Registration
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.activities.retention import erase_registrations

TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)


def _register(cafe, start):
    with time_machine.travel(start - datetime.timedelta(days=3), tick=False):
        return services.registration_create(
            activity=cafe,
            original_start=start,
            values={"name": "Liisa Laine", "email": "l@example.fi", "adults": 1, "children": 2},
        )


def test_registrations_are_erased_a_month_after_the_occurrence(cafe):
    early = _register(cafe, TUESDAY)
    later = _register(cafe, TUESDAY + datetime.timedelta(days=7))
    moved = _register(cafe, TUESDAY + datetime.timedelta(days=14))
    services.occurrence_change(
        actor=None, activity=cafe, original_start=TUESDAY + datetime.timedelta(days=14), cancelled=False,
        new_start=TUESDAY + datetime.timedelta(days=40),
    )  # fmt: skip
    with time_machine.travel(TUESDAY + datetime.timedelta(days=30), tick=False):
        assert erase_registrations() == "0 registrations erased."
    with time_machine.travel(TUESDAY + datetime.timedelta(days=31), tick=False):
        assert erase_registrations() == "1 registrations erased."
    early.refresh_from_db()
    assert (early.name, early.email, early.erased_at is not None) == ("", "", True)
    assert (early.adults, early.children, early.status) == (1, 2, "confirmed")  # the counts stay
    assert Registration.objects.get(pk=later.pk).name == "Liisa Laine"
    with time_machine.travel(TUESDAY + datetime.timedelta(days=60), tick=False):
        erase_registrations()
    assert Registration.objects.get(pk=moved.pk).name == "Liisa Laine"  # moved later: not yet
    with time_machine.travel(TUESDAY + datetime.timedelta(days=71), tick=False):
        erase_registrations()
    assert Registration.objects.get(pk=moved.pk).name == ""
