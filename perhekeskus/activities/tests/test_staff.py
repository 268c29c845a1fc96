"""Activities in the workspace: who may keep them, participants per occurrence, attendance, the CSV
list, and cancelling a time with a message to the participants."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from perhekeskus.activities import selectors, services
from perhekeskus.activities.models import Activity, Registration
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog.tests import factories
from perhekeskus.messaging import services as messaging
from perhekeskus.messaging import sms
from perhekeskus.workspace.tests.conftest import people, sign_in  # noqa: F401

NOW = datetime.datetime(2026, 11, 28, 12, tzinfo=HELSINKI)
TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)
KEY = "2026-12-01T1000"


@pytest.fixture
def club(people):  # noqa: F811
    place = factories.location(organization=people["ours"], name_fi="Seurakuntatalo")
    return services.activity_save(
        actor=None,
        values={
            "service": people["service"], "title_fi": "Perhekerho", "location": place,
            "starts_on": datetime.date(2026, 1, 6), "start_time": datetime.time(10), "repeat": "weekly",
            "registration": "required", "capacity": 8, "registration_opens_days": 365,
        },
    )  # fmt: skip


def _form(service_place, **changes):
    data = {
        "title_fi": "Vauvaryhmä", "location": str(service_place.pk), "starts_on": "2026-12-02", "start_time": "13:00",
        "duration_minutes": "90", "repeat": "fortnightly", "registration": "none", "registration_opens_days": "30",
        "registration_closes_hours": "2", "is_free": "on", "waiting_list": "on",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [("anonymous", 302, 302), ("editor", 200, 302), ("admin", 200, 302), ("coordinator", 200, 302), ("outsider", 404, 404)],
)  # fmt: skip
def test_who_may_add_an_activity(client, people, club, role, read, write):  # noqa: F811
    url = reverse("workspace:activity_create", args=[people["service"].pk])
    if role != "anonymous":
        sign_in(client, people[role])
    assert client.get(url).status_code == read
    assert client.post(url, _form(club.location)).status_code == write
    assert Activity.objects.filter(title_fi="Vauvaryhmä").exists() is (write == 302 and role != "anonymous")


def test_an_activity_in_ukrainian_and_persian_is_read_in_those_languages(client, people, club):  # noqa: F811
    sign_in(client, people["editor"])
    url = reverse("workspace:activity_create", args=[people["service"].pk])
    form = client.get(url).content.decode()
    assert 'name="title_uk"' in form and 'name="description_fa"' in form and 'lang="fa"' in form
    response = client.post(
        url,
        _form(club.location, title_uk="Група для малюків", description_uk="Ігри та пісні українською.",
              title_fa="گروه کودکان خردسال"),
    )  # fmt: skip
    assert response.status_code == 302
    made = Activity.objects.get(title_fi="Vauvaryhmä")
    assert (made.title_uk, made.title_fa, made.title_ru) == ("Група для малюків", "گروه کودکان خردسال", "")
    client.logout()
    ukrainian = client.get(f"/uk/activities/{made.pk}/").content.decode()
    assert "Група для малюків" in ukrainian and "Ігри та пісні українською." in ukrainian


def test_bad_activity_forms_say_why(client, people, club):  # noqa: F811
    sign_in(client, people["editor"])
    url = reverse("workspace:activity_create", args=[people["service"].pk])
    response = client.post(
        url, _form(club.location, location="", repeat_until="2026-11-01", extra_dates="31.2.2027")
    )
    errors = response.context["form"].errors
    assert response.status_code == 200 and {"extra_dates"} <= errors.keys()
    response = client.post(url, _form(club.location, location="", repeat_until="2026-11-01"))
    assert {"location", "repeat_until"} <= response.context["form"].errors.keys()
    other = factories.location(organization=people["theirs"], name_fi="Vieras paikka")
    response = client.post(url, _form(club.location, location=str(other.pk)))
    assert "location" in response.context["form"].errors
    assert not Activity.objects.filter(title_fi="Vauvaryhmä").exists()


def test_participants_attendance_csv_and_cancelling_a_time(
    client,
    people,  # noqa: F811
    club,
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(NOW, tick=False):
        first = services.registration_create(
            activity=club,
            original_start=TUESDAY,
            values={"name": "Liisa Laine", "email": "liisa@example.fi", "adults": 1, "children": 2},
        )
        services.registration_create(
            activity=club,
            original_start=TUESDAY,
            values={"name": "Pekka Perhe", "phone": "+358401234567", "adults": 2, "children": 0},
        )
    sign_in(client, people["editor"])
    url = reverse("workspace:activity_occurrence", args=[club.pk, KEY])
    page = client.get(url).content.decode()
    assert "Liisa Laine" in page and "Pekka Perhe" in page and "5 / 8 paikasta" in page
    client.post(url, {"attendance": "1", "present": [str(first.pk)]})
    assert Registration.objects.get(pk=first.pk).attended is True
    csv_text = client.get(reverse("workspace:activity_participants", args=[club.pk, KEY])).content.decode(
        "utf-8-sig"
    )
    assert "Liisa Laine;" in csv_text and "+358401234567" in csv_text
    mail.outbox.clear()
    with time_machine.travel(NOW, tick=False):
        client.post(url, {"action": "cancel", "note": "Sairastuminen", "tell_participants": "on"})
        messaging.send_due()  # the worker
    assert [m.to for m in mail.outbox] == [["liisa@example.fi"]]
    assert [m["to"] for m in sms.outbox] == ["+358401234567"]  # the family that gave only a phone
    assert "Sairastuminen" in mail.outbox[0].body
    assert selectors.occurrence_for(club, TUESDAY).cancelled
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["outsider"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("workspace:activity_participants", args=[club.pk, KEY])).status_code == 404


def test_the_participant_list_holds_no_formulas_and_a_cancelled_activity_keeps_its_list(client, people, club):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        services.registration_create(
            activity=club,
            original_start=TUESDAY,
            values={"name": '=HYPERLINK("x")', "email": "a@example.fi", "adults": 1},
        )
    services.activity_save(actor=None, activity=Activity.objects.get(pk=club.pk), values={"cancelled": True})
    sign_in(client, people["editor"])
    assert client.get(reverse("workspace:activity_occurrence", args=[club.pk, KEY])).status_code == 200
    csv_text = client.get(reverse("workspace:activity_participants", args=[club.pk, KEY])).content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in csv_text
