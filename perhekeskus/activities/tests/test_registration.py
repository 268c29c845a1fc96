"""Registration rules: the window, capacity and the waiting list, cancellation by the signed link and
its misuse, and no overbooking under concurrent registrations (PostgreSQL)."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections

from perhekeskus.activities import selectors, services
from perhekeskus.activities.models import Activity, Registration
from perhekeskus.activities.recurrence import HELSINKI

TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)
NOW = datetime.datetime(2026, 11, 28, 12, tzinfo=HELSINKI)


def refused(code: str):
    """pytest.raises for a ValidationError with this code (the message is in the page's language)."""
    return pytest.raises(ValidationError, check=lambda error: error.code == code)


def _family(name="Perhe", adults=1, children=1, email="perhe@example.fi"):
    return {"name": name, "email": email, "adults": adults, "children": children}


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield


def test_places_then_the_waiting_list_then_promotion_on_cancel(cafe, now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(activity=cafe, original_start=TUESDAY, values=_family("A", 2, 3))  # 5  # fmt: skip
        second = services.registration_create(activity=cafe, original_start=TUESDAY, values=_family("B", 1, 3))  # 9  # fmt: skip
        third = services.registration_create(activity=cafe, original_start=TUESDAY, values=_family("C", 1, 2))  # waits  # fmt: skip
        fourth = services.registration_create(activity=cafe, original_start=TUESDAY, values=_family("D", 1, 0))  # 10  # fmt: skip
    assert [r.status for r in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waiting",
        "confirmed",
    ]
    assert len(mail.outbox) == 4 and "/activities/registration/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=second)
    assert promoted == [third]
    assert Registration.objects.get(pk=third.pk).status == "confirmed"
    assert [m.to for m in mail.outbox] == [["perhe@example.fi"]]


def test_full_without_a_waiting_list_is_refused(cafe, now):
    Activity.objects.filter(pk=cafe.pk).update(capacity=2, waiting_list=False)
    cafe.refresh_from_db()
    services.registration_create(activity=cafe, original_start=TUESDAY, values=_family(adults=1, children=1))
    with refused("full"):
        services.registration_create(
            activity=cafe, original_start=TUESDAY, values=_family(adults=1, children=0)
        )
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (TUESDAY + datetime.timedelta(hours=1), "not_held"),  # not a time it meets
        (datetime.datetime(2026, 11, 24, 10, tzinfo=HELSINKI), "closed"),  # in the past
    ],
)
def test_only_real_future_occurrences_within_the_window(cafe, now, start, reason):
    with refused(reason):
        services.registration_create(activity=cafe, original_start=start, values=_family())


def test_the_window_opens_and_closes(cafe):
    Activity.objects.filter(pk=cafe.pk).update(registration_opens_days=7)
    cafe.refresh_from_db()
    with (
        time_machine.travel(TUESDAY - datetime.timedelta(days=8), tick=False),
        refused("opens"),
    ):
        services.registration_create(activity=cafe, original_start=TUESDAY, values=_family())
    with (
        time_machine.travel(TUESDAY - datetime.timedelta(minutes=90), tick=False),
        refused("closed"),
    ):
        services.registration_create(activity=cafe, original_start=TUESDAY, values=_family())
    with time_machine.travel(TUESDAY - datetime.timedelta(days=6), tick=False):
        assert (
            services.registration_create(activity=cafe, original_start=TUESDAY, values=_family()).status
            == "confirmed"
        )


def test_a_cancelled_occurrence_takes_no_registrations(cafe, now):
    services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=True)
    with refused("not_held"):
        services.registration_create(activity=cafe, original_start=TUESDAY, values=_family())


def test_the_cancellation_link_cannot_be_forged_or_reused(cafe, now):
    registration = services.registration_create(activity=cafe, original_start=TUESDAY, values=_family())
    token = selectors.cancel_token(registration)
    assert selectors.registration_for_token(token + "x") is None
    # Another payload under the same signature (the id is in the payload, encoded).
    assert selectors.registration_for_token(("B" if token[0] == "A" else "A") + token[1:]) is None
    found = selectors.registration_for_token(token)
    services.registration_cancel(registration=found)
    with refused("already"):
        services.registration_cancel(registration=found)
    with time_machine.travel(TUESDAY + datetime.timedelta(minutes=5), tick=False):
        other = Registration.objects.create(occurrence=found.occurrence, name="X", adults=1)
        with refused("begun"):
            services.registration_cancel(registration=other)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time: the race exists only on PostgreSQL, where CI runs this.",
)
def test_fifty_simultaneous_registrations_never_overbook(cafe):
    Activity.objects.filter(pk=cafe.pk).update(capacity=12, waiting_list=False)
    cafe.refresh_from_db()
    start = threading.Barrier(50)

    def one(index: int) -> str:
        start.wait()
        try:
            services.registration_create(
                activity=cafe, original_start=TUESDAY, values=_family(f"P{index}", 1, 0, email="")
            )
            return "ok"
        except ValidationError:
            return "full"
        finally:
            connections.close_all()

    with time_machine.travel(NOW, tick=True), ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(50)))
    assert results.count("ok") == 12 and results.count("full") == 38
    assert Registration.objects.filter(status="confirmed").count() == 12


def test_cancelling_for_a_time_that_is_not_held_promotes_nobody(cafe, now):
    Activity.objects.filter(pk=cafe.pk).update(capacity=2)
    cafe.refresh_from_db()
    first = services.registration_create(
        activity=cafe, original_start=TUESDAY, values=_family(adults=1, children=1)
    )
    waiting = services.registration_create(
        activity=cafe, original_start=TUESDAY, values=_family(adults=1, children=0)
    )
    services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=True)
    assert services.registration_cancel(registration=first) == []
    assert Registration.objects.get(pk=waiting.pk).status == "waiting"


def test_a_moved_time_is_cancelled_by_its_new_time(cafe, now):
    registration = services.registration_create(activity=cafe, original_start=TUESDAY, values=_family())
    this_morning = TUESDAY - datetime.timedelta(days=3)  # 28 November 10:00: begun by noon
    services.occurrence_change(
        actor=None, activity=cafe, original_start=TUESDAY, cancelled=False, new_start=this_morning
    )
    with refused("begun"):
        services.registration_cancel(registration=registration)


def test_a_time_moves_two_months_at_most(cafe):
    with pytest.raises(ValidationError):
        services.occurrence_change(
            actor=None, activity=cafe, original_start=TUESDAY, cancelled=False,
            new_start=TUESDAY + datetime.timedelta(days=90),
        )  # fmt: skip


def test_the_schedule_cannot_drop_times_families_registered_for(cafe, now):
    services.registration_create(activity=cafe, original_start=TUESDAY, values=_family())
    with pytest.raises(ValidationError) as refusal:
        services.activity_save(
            actor=None,
            activity=Activity.objects.get(pk=cafe.pk),
            values={"start_time": datetime.time(10, 30)},
        )
    assert "starts_on" in refusal.value.message_dict
    assert Activity.objects.get(pk=cafe.pk).start_time == datetime.time(10)
    services.activity_save(
        actor=None, activity=Activity.objects.get(pk=cafe.pk), values={"title_fi": "Vauvakahvila ja leikki"}
    )
