"""Values the database or the recurrence code cannot hold are refused with a reason, the same on SQLite
and PostgreSQL; a row stored before they were refused leaves the calendar feeds working."""

import datetime

import pytest
from django.urls import reverse

from perhekeskus.activities.models import Activity
from perhekeskus.activities.recurrence import local, occurrences, start_of_key
from perhekeskus.activities.tests.test_staff import _form, club  # noqa: F401
from perhekeskus.workspace.tests.conftest import people, sign_in  # noqa: F401


def _refused(client, people, club, **changes) -> dict:  # noqa: F811
    sign_in(client, people["editor"])
    url = reverse("workspace:activity_create", args=[people["service"].pk])
    response = client.post(url, _form(club.location, **changes))
    assert response.status_code == 200
    assert not Activity.objects.filter(title_fi="Vauvaryhmä").exists()
    return response.context["form"].errors


def test_dates_outside_the_years_the_calendar_counts_are_refused(client, people, club):  # noqa: F811
    errors = _refused(
        client, people, club, starts_on="9999-12-31", start_time="23:30", repeat_until="2101-01-01",
        extra_dates="31.12.1999",
    )  # fmt: skip
    for name in ("starts_on", "repeat_until", "extra_dates"):
        assert "2000–2100" in " ".join(errors[name]), (name, errors)


@pytest.mark.parametrize(("repeat", "count"), [("weekly", "32"), ("fortnightly", "17"), ("monthly", "8")])
def test_a_number_of_times_that_would_end_after_the_range_is_refused(client, people, club, repeat, count):  # noqa: F811
    """A first day within the years and a number of times whose last falls beyond them: occurrences
    past 2100 could not be named in addresses (registration would not find them)."""
    errors = _refused(
        client, people, club, starts_on="2100-06-01", repeat=repeat, repeat_count=count, registration="required",
        capacity="8",
    )  # fmt: skip
    assert "2000–2100" in " ".join(errors["repeat_count"]), errors


def test_a_number_of_times_ending_within_the_range_is_saved(client, people, club):  # noqa: F811
    """The most weekly times that end within the range (one more is refused above)."""
    sign_in(client, people["editor"])
    url = reverse("workspace:activity_create", args=[people["service"].pk])
    response = client.post(
        url, _form(club.location, starts_on="2100-06-01", repeat="weekly", repeat_count="31")
    )
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(title_fi="Vauvaryhmä")
    times = occurrences(
        activity,
        local(datetime.date(2100, 1, 1), datetime.time()),
        local(datetime.date(2101, 12, 31), datetime.time()),
    )
    assert len(times) == 31 and times[-1].start.date() == datetime.date(2100, 12, 28)
    assert all(start_of_key(time.key) == time.original_start for time in times)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capacity", "99999999"),
        ("duration_minutes", "99999"),
        ("repeat_count", "65535"),
        ("registration_opens_days", "40000"),
        ("registration_closes_hours", "40000"),
    ],
)
def test_numbers_beyond_their_range_are_refused(client, people, club, field, value):  # noqa: F811
    changes = {field: value, "registration": "required"} if field == "capacity" else {field: value}
    assert field in _refused(client, people, club, **changes)


def test_feeds_leave_out_an_activity_stored_with_a_date_beyond_the_range(client, club):  # noqa: F811
    far = Activity.objects.create(
        service=club.service,
        title_fi="Vuosituhannen viimeinen kerho",
        location=club.location,
        starts_on=datetime.date(9999, 12, 31),
        start_time=datetime.time(23, 30),
    )
    for url in (
        reverse("activity_feed", args=[far.pk]),
        reverse("organization_activity_feed", args=[club.service.organization_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "SUMMARY:Vuosituhannen" not in response.content.decode()
    assert (
        "Perhekerho"
        in client.get(
            reverse("organization_activity_feed", args=[club.service.organization_id])
        ).content.decode()
    )
