"""Values the database or the recurrence code cannot hold are refused with a reason, the same on SQLite
and PostgreSQL; a row stored before they were refused leaves the calendar feeds working."""

import datetime

import pytest
from django.urls import reverse

from perhekeskus.activities.models import Activity
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
