"""Public activity pages, registration through them, and the iCalendar feeds."""

import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from perhekeskus.activities import services
from perhekeskus.activities.models import Registration
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog.models import Service
from perhekeskus.core.models import Publication

NOW = datetime.datetime(2026, 11, 28, 12, tzinfo=HELSINKI)
TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_calendar_lists_the_week_by_day_with_filters(client, cafe, now):
    page = client.get(reverse("activities"), {"from": "2026-11-30"})
    assert page.status_code == 200
    assert [day for day, _rows in page.context["days"]] == [datetime.date(2026, 12, 1)]
    assert "Vauvakahvila" in page.content.decode()
    municipality = cafe.location.municipality.code
    other = "091" if municipality != "091" else "167"  # Helsinki: none there
    assert (
        client.get(reverse("activities"), {"from": "2026-11-30", "municipality": other}).context["days"] == []
    )
    bad = client.get(reverse("activities"), {"from": "huomenna", "age": "x"})
    assert bad.status_code == 200 and set(bad.context["ignored"]) == {"from", "age"}


def test_an_activity_of_a_draft_service_is_not_public(client, cafe, now):
    Service.objects.filter(pk=cafe.service_id).update(publication=Publication.DRAFT)
    assert client.get(reverse("activity", args=[cafe.pk])).status_code == 404
    assert client.get(reverse("activity_feed", args=[cafe.pk])).status_code == 404
    assert client.get(reverse("activities"), {"from": "2026-11-30"}).context["days"] == []


def test_a_family_registers_sees_its_registration_and_cancels(
    client, cafe, now, django_capture_on_commit_callbacks
):
    page = client.get(reverse("activity", args=[cafe.pk])).content.decode()
    register = reverse("activity_register", args=[cafe.pk, "2026-12-01T1000"])
    assert register in page and "10 paikkaa jäljellä" in page
    form = {"name": "Liisa Laine", "email": "liisa@example.fi", "adults": "1", "children": "2"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register, form)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.people == 3 and registration.name == "Liisa Laine"
    link = response["Location"]
    assert link in mail.outbox[0].body
    assert "Olet ilmoittautunut" in client.get(link).content.decode()
    client.post(link)
    assert Registration.objects.get().status == "cancelled"
    assert "7 paikkaa" not in client.get(reverse("activity", args=[cafe.pk])).content.decode()


def test_registration_errors_are_shown_and_nothing_is_stored(client, cafe, now):
    register = reverse("activity_register", args=[cafe.pk, "2026-12-01T1000"])
    response = client.post(register, {"name": "", "adults": "0", "children": "0"})
    assert response.status_code == 200 and response.context["form"].errors
    assert client.get(reverse("activity_register", args=[cafe.pk, "2026-12-01T1100"])).status_code == 404
    assert client.get(reverse("activity_register", args=[cafe.pk, "huomenna"])).status_code == 404
    assert not Registration.objects.exists()


def test_a_forged_link_is_refused(client, cafe, now):
    response = client.get(reverse("activity_registration", args=["eyJ0ZXN0IjoxfQ:forged"]))
    assert response.status_code == 404


def test_feeds_parse_with_stable_uids_helsinki_time_and_cancellations(client, cafe, now):
    services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=True)
    moved_from = TUESDAY + datetime.timedelta(days=7)
    services.occurrence_change(
        actor=None, activity=cafe, original_start=moved_from, cancelled=False,
        new_start=moved_from + datetime.timedelta(days=1), note="Siirretty",
    )  # fmt: skip
    urls = [
        reverse("activity_feed", args=[cafe.pk]),
        reverse("organization_activity_feed", args=[cafe.service.organization_id]),
        reverse("municipality_activity_feed", args=[cafe.location.municipality.code]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
        parsed = icalendar.Calendar.from_ical(response.content)
        events = list(parsed.walk("VEVENT"))
        assert {str(e["UID"]) for e in events} == {f"activity-{cafe.pk}@perhekeskus"}
        main = next(e for e in events if "RECURRENCE-ID" not in e)
        assert main["DTSTART"].dt == datetime.datetime(2026, 1, 6, 10, tzinfo=HELSINKI)
        assert main["DTSTART"].params["TZID"] == "Europe/Helsinki"
        assert main["RRULE"]["FREQ"] == ["WEEKLY"]
        assert [d.dt for d in main["EXDATE"].dts] == [TUESDAY]
        moved = next(e for e in events if "RECURRENCE-ID" in e)
        assert moved["RECURRENCE-ID"].dt == moved_from and moved["DTSTART"].dt.day == 9
        assert parsed.walk("VTIMEZONE")
    assert client.get(reverse("municipality_activity_feed", args=["999"])).status_code == 404


def test_the_main_search_finds_a_service_by_its_activity(client, cafe):
    from perhekeskus.search import indexing

    services.activity_save(
        actor=None,
        values={
            "service": cafe.service, "title_fi": "Satujumppa", "location": cafe.location,
            "starts_on": datetime.date(2026, 12, 3), "start_time": datetime.time(9), "repeat": "weekly",
        },
    )  # fmt: skip
    indexing.rebuild()
    hits = client.get("/api/v1/search", {"q": "satujumppa"}).json()["results"]
    assert [hit["id"] for hit in hits] == [str(cafe.service_id)]


@pytest.mark.parametrize(
    "query",
    [{"age": "²"}, {"from": "9999-12-30"}, {"from": "0001-01-01"}, {"age": "999"}, {"municipality": "x"}],
)
def test_odd_calendar_addresses_are_answered_not_crashed(client, cafe, query):
    response = client.get(reverse("activities"), query)
    assert response.status_code == 200 and response.context["ignored"]


@pytest.mark.parametrize("key", ["9999-12-31T1000", "0001-01-01T1000", "2026-13-01T1000", "x"])
def test_odd_occurrence_keys_are_not_found(client, cafe, key):
    assert client.get(reverse("activity_register", args=[cafe.pk, key])).status_code == 404


def test_a_moved_time_of_an_activity_registrationled_for_good_is_cancelled_in_the_feed(client, cafe, now):
    services.occurrence_change(
        actor=None,
        activity=cafe,
        original_start=TUESDAY,
        cancelled=False,
        new_start=TUESDAY + datetime.timedelta(days=1),
    )
    services.activity_save(actor=None, activity=cafe, values={"cancelled": True})
    parsed = icalendar.Calendar.from_ical(client.get(reverse("activity_feed", args=[cafe.pk])).content)
    assert {str(event["STATUS"]) for event in parsed.walk("VEVENT")} == {"CANCELLED"}


def test_registrations_from_one_device_are_limited_and_the_refused_one_is_not_stored(
    cafe, client, settings, now
):
    settings.REGISTRATIONS_PER_HOUR = 2
    register = reverse("activity_register", args=[cafe.pk, "2026-12-01T1000"])
    form = {"name": "Liisa Laine", "email": "liisa@example.fi", "adults": "1", "children": "1"}
    # A form with mistakes does not count.
    assert client.post(register, {"name": "", "adults": "1", "children": "0"}).status_code == 200
    assert [client.post(register, form).status_code for _ in range(2)] == [302, 302]
    refused = client.post(register, form)
    assert refused.status_code == 429
    assert "Liian monta ilmoittautumista" in refused.content.decode()
    assert Registration.objects.count() == 2
    assert client.post(register, form, REMOTE_ADDR="10.0.0.2").status_code == 302
