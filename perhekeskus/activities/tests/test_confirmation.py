"""What a family is told after registering, on the page and in the e-mail, in the language it used:
where the confirmation went (an e-mail address, or nowhere), the time, the place with its address (a
confidential place only by its municipality), directions, the calendar entry and the cancel link with
the language's prefix; the one-event calendar entry; and how many children the form starts with."""

import datetime
import html
import re

import icalendar
import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from perhekeskus.activities import selectors, services
from perhekeskus.activities.models import Activity, Registration
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog.models import Location, Service
from perhekeskus.messaging import services as messaging

NOW = datetime.datetime(2026, 11, 28, 12, tzinfo=HELSINKI)
TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)
KEY = "2026-12-01T1000"
EMAIL, PHONE = "liisa@example.fi", "040 123 4567"

# What each language says, and how it writes the time (Helsinki) of Tuesday 1 December 10:00–11:30.
SAYS = {
    "fi": {
        "prefix": "/",
        "title": "Vauvakahvila",
        "when": "Tiistai 1. joulukuuta 2026 klo 10.00–11.30",
        "registered": "Olet ilmoittautunut toimintaan Vauvakahvila.",
        "page_registered": "Olet ilmoittautunut. Tervetuloa!",
        "sent_to": f"Lähetimme vahvistuksen osoitteeseen {EMAIL}.",
        "sent_none": "Emme lähettäneet sähköpostia: säilytä tämän sivun osoite",
        "no_sms": "Tekstiviestejä ei lähetetä.",
        "subject": "Perhekeskus: ilmoittautumisesi",
        "secret_place": "Osoitteen kertoo järjestäjä.",
        "promoted": "Paikka vapautui: olet nyt ilmoittautunut toimintaan Vauvakahvila.",
    },
    "sv": {
        "prefix": "/sv/",
        "title": "Babycafé",
        "when": "Tisdag 1 december 2026 kl. 10:00–11:30",
        "registered": "Du är anmäld till Babycafé.",
        "page_registered": "Du är anmäld. Välkommen!",
        "sent_to": f"Vi skickade bekräftelsen till {EMAIL}.",
        "sent_none": "Vi skickade ingen e-post: spara den här sidans adress",
        "no_sms": "Inga textmeddelanden skickas.",
        "subject": "Perhekeskus: din anmälan",
        "secret_place": "Adressen får du av arrangören.",
        "promoted": "En plats blev ledig: du är nu anmäld till Babycafé.",
    },
    "en": {
        "prefix": "/en/",
        "title": "Baby café",
        "when": "Tuesday, Dec. 1, 2026, 10 a.m.–11:30 a.m.",
        "registered": "You are registered for Baby café.",
        "page_registered": "You are registered. Welcome!",
        "sent_to": f"We sent the confirmation to {EMAIL}.",
        "sent_none": "We sent no e-mail: keep this page's address",
        "no_sms": "No text messages are sent.",
        "subject": "Perhekeskus: your registration",
        "secret_place": "The address is given by the organiser.",
        "promoted": "A place became free: you are now registered for Baby café.",
    },
}
ADDRESS = "Pielisentie 5, 81700 Lieksa"
TOKEN_LINK = re.compile(r"https?://[^\s/]+(/(?:sv/|en/)?)activities/registration/([^/\s]+)/(event\.ics)?")


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def cafe(cafe):
    """The café of conftest, named in all three languages, for babies, at an address with a post office."""
    Activity.objects.filter(pk=cafe.pk).update(
        title_sv="Babycafé", title_en="Baby café", age_min_months=0, age_max_months=12
    )
    Location.objects.filter(pk=cafe.location_id).update(post_office="Lieksa")
    cafe.refresh_from_db()
    return cafe


def _register(client, cafe, language, contact, capture):
    form = {"name": "Liisa Laine", "adults": "1", "children": "1", **contact}
    with translation.override(language):
        address = reverse("activity_register", args=[cafe.pk, KEY])
    assert address.startswith(SAYS[language]["prefix"])
    with capture(execute=True):
        response = client.post(address, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _token_links(text: str) -> list[tuple[str, str, str]]:
    return TOKEN_LINK.findall(text)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "contact",
    [{"email": EMAIL}, {"phone": PHONE}, {"email": EMAIL, "phone": PHONE}],
    ids=["e-mail", "phone", "both"],
)
def test_the_page_and_the_message_say_where_when_and_how_in_the_familys_language(
    client, cafe, now, django_capture_on_commit_callbacks, language, contact
):
    says = SAYS[language]
    link = _register(client, cafe, language, contact, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert registration.language == language
    assert link.startswith(says["prefix"] + "activities/registration/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    with translation.override(language):
        ics = reverse("activity_registration_event", args=[token])
    directions = cafe.location.directions_url()
    assert directions and "63.317000" in directions

    page = client.get(link).content.decode()
    text = html.unescape(page)
    assert says["page_registered"] in text
    assert says["title"] in text and says["when"] in text and ADDRESS in text
    assert f'href="{ics}"' in page and ics.startswith(says["prefix"])
    assert f'href="{escape(directions)}"' in page
    assert f'value="http://testserver{link}"' in page  # the page's own address, to keep
    assert '<form method="post">' in page  # the button that cancels
    assert "also in your e-mail" not in text and "sähköpostissasi" not in text
    if "email" in contact:
        assert says["sent_to"] in text and says["sent_none"] not in text
    else:
        assert says["sent_none"] in text and EMAIL not in text
    # With only a phone number the family gets text messages (the tests' site sends them).
    assert (says["no_sms"] in text) == ("phone" in contact and "email" in contact)

    if "email" not in contact:
        assert mail.outbox == []
        return
    [message] = mail.outbox
    assert message.to == [EMAIL] and message.subject == says["subject"]
    body = message.body
    assert says["registered"] in body and says["when"] in body and ADDRESS in body
    assert directions in body
    links = _token_links(body)
    assert {(prefix, tail) for prefix, _token, tail in links} == {
        (says["prefix"], ""),
        (says["prefix"], "event.ics"),
    }
    assert all(selectors.registration_for_token(found) == registration for _p, found, _t in links)
    assert all(
        url.startswith(settings.SITE_URL) for url in re.findall(r"https?://\S+/registration/\S+", body)
    )


def test_a_phone_only_family_on_the_waiting_list_is_not_promised_an_e_mail(
    client, cafe, now, django_capture_on_commit_callbacks
):
    Activity.objects.filter(pk=cafe.pk).update(capacity=1)
    cafe.refresh_from_db()
    first = services.registration_create(
        activity=cafe, original_start=TUESDAY, values={"name": "A", "phone": PHONE}
    )
    link = _register(client, cafe, "en", {"phone": PHONE}, django_capture_on_commit_callbacks)
    assert Registration.objects.exclude(pk=first.pk).get().status == "waiting"
    page = html.unescape(client.get(link).content.decode())
    assert "We send no e-mail: look at this page again." in page
    assert "told by e-mail" not in page


def test_the_calendar_entry_is_the_one_occurrence_and_needs_the_secret_link(
    client, cafe, now, django_capture_on_commit_callbacks
):
    link = _register(client, cafe, "en", {"email": EMAIL, "phone": PHONE}, django_capture_on_commit_callbacks)
    token = link.rstrip("/").rsplit("/", 1)[1]
    response = client.get(link + "event.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    content = response.content.decode()
    for personal in ("Liisa", "Laine", EMAIL, "1234567", "123 4567", token):
        assert personal not in content
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event["DTSTART"].dt == TUESDAY and event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event["DTEND"].dt == TUESDAY + datetime.timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "Baby café"
    assert ADDRESS in str(event["LOCATION"]) and str(event["STATUS"]) == "CONFIRMED"
    uid = str(event["UID"])

    # Another link to the same registration (signed later) gives the same UID; another registration not.
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        registration = Registration.objects.get()
        later = selectors.cancel_token(registration)
        assert later != token
        again = client.get(reverse("activity_registration_event", args=[later]))
    assert str(icalendar.Calendar.from_ical(again.content).walk("VEVENT")[0]["UID"]) == uid
    other = services.registration_create(
        activity=cafe, original_start=TUESDAY, values={"name": "B", "phone": PHONE}
    )
    other_ics = client.get(reverse("activity_registration_event", args=[selectors.cancel_token(other)]))
    assert str(icalendar.Calendar.from_ical(other_ics.content).walk("VEVENT")[0]["UID"]) != uid

    # Refused without the registration's own signed token.
    forged = ("B" if token[0] == "A" else "A") + token[1:]
    for wrong in (token + "x", forged, "eyJ0ZXN0IjoxfQ:forged", "x"):
        assert client.get(reverse("activity_registration_event", args=[wrong])).status_code == 404
    assert client.post(link + "event.ics").status_code == 405

    # A moved time is the entry's time; a cancelled registration's entry says it is cancelled.
    services.occurrence_change(
        actor=None, activity=cafe, original_start=TUESDAY, cancelled=False,
        new_start=TUESDAY + datetime.timedelta(days=1, hours=2),
    )  # fmt: skip
    moved = icalendar.Calendar.from_ical(client.get(link + "event.ics").content).walk("VEVENT")
    assert [e["DTSTART"].dt for e in moved] == [datetime.datetime(2026, 12, 2, 12, tzinfo=HELSINKI)]
    client.post(link)
    cancelled = icalendar.Calendar.from_ical(client.get(link + "event.ics").content).walk("VEVENT")
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_confidential_place_is_told_only_by_its_municipality(
    client, cafe, now, django_capture_on_commit_callbacks, language
):
    Location.objects.filter(pk=cafe.location_id).update(confidential=True)
    cafe.refresh_from_db()
    link = _register(client, cafe, language, {"email": EMAIL}, django_capture_on_commit_callbacks)
    page = html.unescape(client.get(link).content.decode())
    [message] = mail.outbox
    ics = client.get(link + "event.ics").content.decode()
    secret = ("Pielisentie", "81700", "63.317", "30.017", "google.com/maps", "GEO")
    for told in (page, message.body, ics):
        assert not [part for part in secret if part in told]
    says = SAYS[language]
    assert "Lieksa" in page and says["secret_place"] in page
    assert "Lieksa" in message.body and says["secret_place"] in message.body
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["LOCATION"]) == "Lieksa"


def test_the_place_freed_is_told_in_the_waiting_familys_language(
    client, cafe, now, django_capture_on_commit_callbacks
):
    Activity.objects.filter(pk=cafe.pk).update(capacity=2)
    cafe.refresh_from_db()
    first = services.registration_create(
        activity=cafe, original_start=TUESDAY, language="en",
        values={"name": "A", "email": "a@example.fi", "adults": 1, "children": 1},
    )  # fmt: skip
    _register(client, cafe, "sv", {"email": EMAIL}, django_capture_on_commit_callbacks)
    assert Registration.objects.exclude(pk=first.pk).get().status == "waiting"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
    [message] = mail.outbox
    assert message.to == [EMAIL] and message.subject == "Perhekeskus: du fick en plats"
    assert SAYS["sv"]["promoted"] in message.body and SAYS["sv"]["when"] in message.body
    assert ADDRESS in message.body
    assert {prefix for prefix, _token, _tail in _token_links(message.body)} == {"/sv/"}


def test_the_word_of_a_moved_time_is_in_the_familys_language_with_the_organisers_note(
    client, cafe, now, django_capture_on_commit_callbacks
):
    _register(client, cafe, "en", {"email": EMAIL}, django_capture_on_commit_callbacks)
    services.occurrence_change(
        actor=None, activity=cafe, original_start=TUESDAY, cancelled=False,
        new_start=TUESDAY + datetime.timedelta(days=1),
    )  # fmt: skip
    mail.outbox.clear()
    assert services.occurrence_tell(activity=cafe, original_start=TUESDAY, note="Siirretty.") == 1
    messaging.send_due(timezone.now())
    [message] = mail.outbox
    assert message.subject == "New time: Baby café"
    assert "Wednesday, Dec. 2, 2026, 10 a.m.–11:30 a.m." in message.body
    assert "The organiser's note: Siirretty." in message.body
    links = _token_links(message.body)
    assert links and {prefix for prefix, _token, _tail in links} == {"/en/"}


def _children_offered(client, activity) -> str:
    page = client.get(reverse("activity_register", args=[activity.pk, KEY])).content.decode()
    return re.search(r'<input[^>]*name="children"[^>]*>', page).group(0)


@pytest.mark.parametrize(
    ("activity_ages", "service_audience", "children"),
    [
        ((0, 12), {}, 1),  # a baby café
        ((None, 72), {}, 1),  # for children under six
        ((216, None), {}, 0),  # for adults
        ((None, None), {}, 1),  # no ages: a family service
        ((None, None), {"for_parents": True}, 0),  # a parents' group
        ((None, None), {"for_expecting_parents": True}, 0),
        ((None, None), {"for_parents": True, "for_whole_family": True}, 1),
    ],
)
def test_a_childrens_activity_starts_the_form_with_one_child(
    client, cafe, now, activity_ages, service_audience, children
):
    low, high = activity_ages
    Activity.objects.filter(pk=cafe.pk).update(age_min_months=low, age_max_months=high)
    Service.objects.filter(pk=cafe.service_id).update(**service_audience)
    assert f'value="{children}"' in _children_offered(client, cafe)
