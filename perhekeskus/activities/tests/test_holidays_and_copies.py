"""Activities and holidays (issue 23, part 7): a repeating time on a public holiday (or Midsummer Eve,
Christmas Eve) is not held unless the activity says so, with a note on the public pages and a notice on
saving; and duplicating an activity, only by its organisation's people."""

import datetime
import re

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from perhekeskus.activities import recurrence, services
from perhekeskus.activities.models import Activity, Registration
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.activities.tests.test_staff import _form
from perhekeskus.catalog.opening_hours import public_holidays
from perhekeskus.catalog.tests import factories
from perhekeskus.workspace.tests.conftest import people, sign_in  # noqa: F401

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 12, tzinfo=HELSINKI)


@translation.override("en")
def test_the_eves_and_the_official_holidays_are_known():
    for year in (2026, 2027, 2035):
        names = {str(name) for name in public_holidays(year).values()}
        assert {"Midsummer Eve", "Christmas Eve", "Independence Day", "Good Friday"} <= names
        eve = next(day for day, name in public_holidays(year).items() if str(name) == "Midsummer Eve")
        assert eve.weekday() == 4 and datetime.date(year, 6, 19) <= eve <= datetime.date(year, 6, 25)


@pytest.fixture
def thursday_club(people):  # noqa: F811
    """Thursdays at 10 from 3 December 2026: Christmas Eve 2026 is a Thursday."""
    place = factories.location(organization=people["ours"], name_fi="Seurakuntatalo")
    return services.activity_save(
        actor=None,
        values={
            "service": people["service"], "title_fi": "Perhekerho", "title_sv": "Familjeklubb", "location": place,
            "starts_on": datetime.date(2026, 12, 3), "start_time": datetime.time(10), "repeat": "weekly",
            "registration": "required", "capacity": 8, "registration_opens_days": 365,
        },
    )  # fmt: skip


def _times(activity):
    return {
        o.start.date(): o
        for o in recurrence.occurrences(
            activity, NOW, NOW + datetime.timedelta(days=40), even_if_cancelled=True
        )
    }


@translation.override("en")
def test_a_repeating_time_on_christmas_eve_is_not_held_unless_held_on_holidays(thursday_club):
    times = _times(thursday_club)
    eve, before = times[datetime.date(2026, 12, 24)], times[datetime.date(2026, 12, 17)]
    assert eve.cancelled and str(eve.holiday) == "Christmas Eve"
    assert not before.cancelled and before.holiday == ""
    # A single date chosen by hand on a holiday is held; so is every time when held on holidays.
    thursday_club.extra_dates = ["2026-12-31", "2027-01-06"]
    assert not _times(thursday_club)[datetime.date(2027, 1, 6)].cancelled
    thursday_club.held_on_holidays = True
    assert not _times(thursday_club)[datetime.date(2026, 12, 24)].cancelled


@time_machine.travel(NOW, tick=False)
def test_the_public_pages_say_which_day_is_not_held_and_registration_is_refused(client, thursday_club):
    page = client.get(reverse("activity", args=[thursday_club.pk])).content.decode()
    said = re.compile(r"(not on|ei) 24\.12\. \(Jouluaatto\)")  # the page's language is Finnish
    assert said.search(page)
    assert said.search(client.get(reverse("activities"), {"from": "2026-12-21"}).content.decode())
    url = reverse("activity_register", args=[thursday_club.pk, "2026-12-24T1000"])
    response = client.post(
        url, {"name": "Maija", "email": "maija@example.fi", "adults": "1", "children": "1"}
    )
    assert not Registration.objects.exists() and response.status_code in (200, 404, 410)


@time_machine.travel(NOW, tick=False)
def test_saving_tells_which_coming_times_fall_on_holidays(client, people, thursday_club):  # noqa: F811
    sign_in(client, people["editor"])
    url = reverse("workspace:activity_create", args=[people["service"].pk])
    response = client.post(url, _form(thursday_club.location, starts_on="2026-12-03", repeat="weekly"))
    assert response.status_code == 302
    told = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "24.12.2026" in told and "31.12.2026" not in told
    made = Activity.objects.get(title_fi="Vauvaryhmä")
    response = client.post(
        reverse("workspace:activity_edit", args=[made.pk]),
        {**_form(thursday_club.location, starts_on="2026-12-03", repeat="weekly"), "held_on_holidays": "on",
         "version": client.get(reverse("workspace:activity_edit", args=[made.pk])).context["form"]["version"].value()},
    )  # fmt: skip
    assert response.status_code == 302
    assert "24.12.2026" not in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert Activity.objects.get(pk=made.pk).held_on_holidays


@time_machine.travel(NOW, tick=False)
def test_a_copy_starts_next_week_without_registrations_and_opens_for_editing(client, people, thursday_club):  # noqa: F811
    services.registration_create(
        activity=thursday_club,
        original_start=datetime.datetime(2026, 12, 3, 10, tzinfo=HELSINKI).astimezone(datetime.UTC),
        values={"name": "Maija", "adults": 1, "children": 1},
    )
    sign_in(client, people["editor"])
    response = client.post(reverse("workspace:activity_duplicate", args=[thursday_club.pk]))
    copy = Activity.objects.exclude(pk=thursday_club.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workspace:activity_edit", args=[copy.pk]
    )
    assert (copy.title_fi, copy.title_sv) == ("Perhekerho (kopio)", "Familjeklubb (kopia)")
    assert copy.starts_on == datetime.date(2026, 12, 10)  # Thursday of next week
    assert (copy.location, copy.capacity, copy.repeat) == (thursday_club.location, 8, "weekly")
    assert not Registration.objects.filter(occurrence__activity=copy).exists()
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("anonymous", 302)])
def test_only_the_organisations_people_duplicate(client, people, thursday_club, role, status):  # noqa: F811
    if role != "anonymous":
        sign_in(client, people[role])
    response = client.post(reverse("workspace:activity_duplicate", args=[thursday_club.pk]))
    assert response.status_code == status and Activity.objects.count() == 1
    sign_in(client, people["editor"])
    assert client.get(reverse("workspace:activity_duplicate", args=[thursday_club.pk])).status_code == 405
