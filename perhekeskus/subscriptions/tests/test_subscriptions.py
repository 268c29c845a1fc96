"""Subscriptions without an account (issue 26 part 3): subscribing, double opt-in by e-mail, the weekly
digest of what is new, the warning before six months are over, renewal, expiry and one-click
unsubscribe, with a frozen clock; the address encrypted; coordinators see only counts."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client

from perhekeskus.activities import services as activity_services
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.tests import factories
from perhekeskus.messaging import services as messaging
from perhekeskus.messaging.models import OutgoingMessage
from perhekeskus.network.models import Municipality, Network
from perhekeskus.subscriptions import selectors, services
from perhekeskus.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime.datetime(2026, 12, 2, 10, tzinfo=HELSINKI)
MONDAY = datetime.datetime(2026, 12, 7, 8, tzinfo=HELSINKI)  # the first digest after WEDNESDAY
T = datetime.time


@pytest.fixture
def region(db):
    network = Network.objects.create(slug="pk", name_fi="Pohjois-Karjala")
    Municipality.objects.filter(code__in=["167", "422"]).update(network=network)
    return network


def _activity(
    title, *, municipality="422", postal_code="81700", ages=(0, 36), on=datetime.date(2026, 12, 15)
):
    service = factories.service(name_fi=f"{title} (palvelu)")
    where = {"municipality": factories.municipality(municipality), "postal_code": postal_code}
    if municipality == "167":
        where.update(latitude=62.601, longitude=29.763)
    place = factories.location(organization=service.organization, name_fi=f"{title} (paikka)", **where)
    return activity_services.activity_save(
        actor=None,
        values={
            "service": service, "title_fi": title, "location": place, "starts_on": on, "start_time": T(10),
            "duration_minutes": 90, "repeat": "weekly", "age_min_months": ages[0], "age_max_months": ages[1],
        },
    )  # fmt: skip


def _at(moment):
    return time_machine.travel(moment, tick=False)


def _send(moment):
    with _at(moment):
        services.expire(moment)
        services.send_digests(moment)
        messaging.send_due(moment)


def _link(message, path):
    return re.search(rf"https?://[^\s]*{path}[^\s]*", message.body).group(0).split("testserver")[-1]


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def _subscribe(client, **choices):
    with _at(WEDNESDAY):
        data = {"email": "perhe@example.fi", **choices}
        response = client.post("/subscribe/activities/", data)
        assert response.status_code == 302 and response["Location"] == "/subscribe/sent/"
        messaging.send_due(WEDNESDAY)
    return mail.outbox[-1]


def _confirmed(client, **choices):
    message = _subscribe(client, **choices)
    confirm = _path(re.search(r"\S*/subscriptions/confirm/\S+", message.body).group(0))
    with _at(WEDNESDAY + datetime.timedelta(minutes=5)):
        response = client.post(confirm)
    assert response.status_code == 302
    mail.outbox.clear()
    return Subscription.objects.get(confirmed_at__isnull=False)


def test_double_opt_in_then_a_weekly_digest_of_new_activities_that_suit_the_choices(region, client):
    message = _subscribe(client, municipality="422", postal_code="81720", age="1")
    assert message.to == ["perhe@example.fi"]
    assert message.subject == "Vahvista perhekeskuksen uutisten tilaus"
    assert "Uudet toiminnat: Lieksa" in message.body and "1-vuotiaalle lapselle" in message.body
    confirm = _path(re.search(r"\S*/subscriptions/confirm/\S+", message.body).group(0))
    # Opening the link (as a mail program checking links does) confirms nothing; the button does.
    with _at(WEDNESDAY + datetime.timedelta(minutes=5)):
        page = client.get(confirm)
        assert page.status_code == 200 and "Aloita tilaus" in page.content.decode()
        assert Subscription.objects.get().confirmed_at is None
        response = client.post(confirm)
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert selectors.subscription_for_token(response["Location"].split("/")[2]) == subscription
    assert subscription.next_digest_at == MONDAY
    mail.outbox.clear()

    with _at(WEDNESDAY + datetime.timedelta(days=1)):  # published after the confirmation
        near = _activity("Vauvakahvila Kylänlaita", postal_code="81720")
        _activity("Vauvajumppa Pankakoski")
        _activity("Joensuun vauvakerho", municipality="167", postal_code="80100")  # another municipality
        _activity("Koululaisten kerho", ages=(84, 144))  # not for a child of one
        _activity("Mennyt kerho", on=datetime.date(2026, 12, 3))  # its times are over by Monday
        activity_services.activity_save(
            actor=None, activity=_activity("Peruttu kerho"), values={"cancelled": True}
        )
    _send(MONDAY - datetime.timedelta(minutes=1))
    assert mail.outbox == []  # not before Monday 8.00
    Subscription.objects.update(next_digest_at=MONDAY)
    _send(MONDAY)
    (digest,) = mail.outbox
    assert digest.subject == "Uusia toimintoja perheellesi"
    body = digest.body
    assert body.index("Vauvakahvila Kylänlaita") < body.index("Vauvajumppa Pankakoski")  # near first
    assert "lähellä sinua" in body and f"/activities/{near.pk}/" in body
    for other in ("Joensuun vauvakerho", "Koululaisten kerho", "Peruttu kerho"):
        assert other not in body
    unsubscribe = re.search(r"/subscriptions/([^/\s]+)/unsubscribe/", body)
    assert selectors.subscription_for_token(unsubscribe.group(1)) == subscription
    assert digest.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe.group(0)}>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "perhe@example.fi" not in body

    _send(MONDAY + datetime.timedelta(hours=1))
    _send(MONDAY + datetime.timedelta(days=7))  # a week with nothing new: no e-mail
    assert len(mail.outbox) == 1
    with _at(MONDAY + datetime.timedelta(days=8)):
        _activity("Isien ilta")
    _send(MONDAY + datetime.timedelta(days=14))
    assert len(mail.outbox) == 2 and "Isien ilta" in mail.outbox[1].body
    assert "Vauvakahvila" not in mail.outbox[1].body  # told once


def test_six_months_a_warning_two_weeks_before_renewal_and_expiry(region, client):
    subscription = _confirmed(client, municipality="422")
    ends = subscription.expires_at
    assert ends == (WEDNESDAY + datetime.timedelta(minutes=5)).astimezone(datetime.UTC) + services.LIFETIME
    _send(ends - services.WARN_BEFORE - datetime.timedelta(hours=1))
    assert mail.outbox == []
    _send(ends - services.WARN_BEFORE)
    _send(ends - services.WARN_BEFORE + datetime.timedelta(hours=1))
    (warning,) = mail.outbox
    assert warning.subject == "Tilauksesi on päättymässä"
    manage = _path(re.search(r"\S*/subscriptions/[^/\s]+/(?=\s)", warning.body).group(0))
    renewed_at = ends - datetime.timedelta(days=3)
    with _at(renewed_at):
        assert "Jatka kuudella kuukaudella" in client.get(manage).content.decode()
        client.post(manage, {"action": "renew"})
    _send(ends + datetime.timedelta(hours=1))
    subscription.refresh_from_db()
    assert subscription.expires_at == renewed_at + services.LIFETIME and subscription.warned_at is None
    _send(renewed_at + services.LIFETIME - services.WARN_BEFORE)
    assert len(mail.outbox) == 2  # warned again before the new end
    _send(renewed_at + services.LIFETIME)
    assert not Subscription.objects.exists()  # ended: the address is gone
    with _at(renewed_at + services.LIFETIME):
        assert client.get(manage).status_code == 404


def test_one_click_unsubscribe_from_a_mail_program_and_from_the_page(region):
    subscription = _confirmed(Client(), municipality="422")
    browser = Client(enforce_csrf_checks=True)
    with _at(MONDAY):
        OutgoingMessage.objects.create(
            key="waiting", topic=subscription.topic, channel="email", recipient="perhe@example.fi",
            body="x", send_after=MONDAY + datetime.timedelta(hours=2),
        )  # fmt: skip
    url = f"/subscriptions/{selectors.manage_token(subscription)}/unsubscribe/"
    page = browser.get(url)
    assert page.status_code == 200 and "Lopeta tilaus" in page.content.decode()
    # RFC 8058: the mail program posts "List-Unsubscribe=One-Click", without the page's CSRF token.
    response = browser.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302 and response["Location"] == "/subscriptions/ended/"
    assert not Subscription.objects.exists()
    assert not OutgoingMessage.objects.exists()  # its e-mails went with it, sent or not, with the address
    assert browser.post(url).status_code == 302  # again: nothing left to end, the same answer
    assert browser.get(url).status_code == 404


def test_an_unconfirmed_subscription_and_its_link_expire_after_a_week(region, client):
    message = _subscribe(client, municipality="422")
    confirm = _path(re.search(r"\S*/subscriptions/confirm/\S+", message.body).group(0))
    later = WEDNESDAY + selectors.CONFIRM_WITHIN + datetime.timedelta(minutes=1)
    with _at(later):
        assert client.get(confirm).status_code == 404
        assert client.post(confirm).status_code == 404
    _send(later)
    assert not Subscription.objects.exists()


def test_links_are_not_interchangeable_nor_forgeable(region, client):
    message = _subscribe(client, municipality="422")
    confirm_token = re.search(r"/subscriptions/confirm/([^/\s]+)/", message.body).group(1)
    subscription = Subscription.objects.get()
    with _at(WEDNESDAY):
        # The confirmation link is not the page that manages or ends a subscription, and an unconfirmed
        # subscription has no such page.
        assert client.get(f"/subscriptions/{confirm_token}/").status_code == 404
        assert client.post(f"/subscriptions/{confirm_token}/", {"action": "renew"}).status_code == 404
        assert client.get(f"/subscriptions/{selectors.manage_token(subscription)}/").status_code == 404
        forged = confirm_token[:-2] + ("AA" if not confirm_token.endswith("AA") else "BB")
        assert client.get(f"/subscriptions/confirm/{forged}/").status_code == 404
        assert client.get(f"/subscriptions/{subscription.pk}/").status_code == 404


def test_one_address_gets_at_most_three_confirmations_a_day(region, client):
    for _ in range(4):
        _subscribe(client, municipality="422")
    assert len(mail.outbox) == 3
    assert Subscription.objects.count() == 3


def test_the_same_subscription_confirmed_twice_is_one(region, client):
    _confirmed(client, municipality="422", age="2")
    message = _subscribe(client, municipality="422", age="2")
    with _at(WEDNESDAY + datetime.timedelta(minutes=10)):
        client.post(_path(re.search(r"\S*/subscriptions/confirm/\S+", message.body).group(0)))
    assert Subscription.objects.confirmed().count() == 1


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"email": "perhe@"}, "email", "Syötä kelvollinen sähköpostiosoite."),
        ({"email": ""}, "email", "Tämä kenttä vaaditaan."),
        ({"postal_code": "801"}, "postal_code", "Postinumerossa on viisi numeroa, esim. 80100."),
        ({"postal_code": "00100"}, "postal_code", "Postinumero 00100 ei ole tämän palvelun alueella."),
        (
            {"municipality": "422", "postal_code": "80100"},
            "postal_code",
            "Postinumero 80100 on kunnassa Joensuu, ei kunnassa Lieksa.",
        ),
        ({"age": "40"}, "age", "Valitse oikea vaihtoehto."),
    ],
)
def test_a_mistake_is_named_and_nothing_is_stored(region, client, data, field, error):
    response = client.post("/subscribe/activities/", {"email": "perhe@example.fi", **data})
    assert response.status_code == 200
    assert any(error in message for message in response.context["form"].errors[field]), response.context[
        "form"
    ].errors
    assert not Subscription.objects.exists() and not OutgoingMessage.objects.exists()


def test_a_postal_code_alone_says_the_municipality_and_the_page_starts_from_the_familys_own(region, client):
    client.cookies["home_postal_code"] = "81720"
    client.cookies["home_municipality"] = "422"
    page = client.get("/subscribe/activities/")
    assert page.context["form"].initial == {"municipality": "422", "postal_code": "81720"}
    # "All municipalities" from the calendar stays all: the remembered code would narrow it.
    assert client.get("/subscribe/activities/?municipality=").context["form"].initial == {}
    _subscribe(client, postal_code="81 720")
    assert Subscription.objects.get().municipality.code == "422"
    assert Subscription.objects.get().postal_code == "81720"


def test_the_address_is_stored_encrypted(region, client):
    _subscribe(client, municipality="422")
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM subscriptions_subscription")
        (stored,) = cursor.fetchone()
    assert "perhe@example.fi" not in stored and Subscription.objects.get().email == "perhe@example.fi"


def test_following_services_from_the_list_tells_what_changed_in_them(region, client):
    with _at(WEDNESDAY - datetime.timedelta(days=1)):
        cafe = factories.service(name_fi="Perhekahvila Pankakoski")
        clinic = factories.service(name_fi="Lieksan neuvola", types=("child-health-clinic",))
        place = factories.delivery(service_obj=clinic)
        quiet = factories.service(name_fi="Hiljainen kerho")
    with _at(WEDNESDAY):
        page = client.get(f"/subscribe/services/?service={cafe.pk}&service={clinic.pk}&service=nonsense")
        assert [s.pk for s in page.context["form"].fields["services"].queryset] == [clinic.pk, cafe.pk]
        client.post(
            f"/subscribe/services/?service={cafe.pk}&service={clinic.pk}&service={quiet.pk}",
            {"email": "perhe@example.fi", "services": [cafe.pk, clinic.pk]},
        )
        messaging.send_due(WEDNESDAY)
    (message,) = mail.outbox
    assert "Perhekahvila Pankakoski" in message.body and "Hiljainen kerho" not in message.body
    with _at(WEDNESDAY + datetime.timedelta(minutes=1)):
        client.post(_path(re.search(r"\S*/subscriptions/confirm/\S+", message.body).group(0)))
    mail.outbox.clear()
    with _at(WEDNESDAY + datetime.timedelta(days=2)):
        catalog_services.service_save(actor=None, service=cafe, values={"phone": "040 765 4321"})
        factories.weekday_schedule(place, opens=T(8), closes=T(12))
        # What only the keepers see is no news to a family.
        catalog_services.service_save(
            actor=None, service=quiet, values={"last_reviewed_at": datetime.date(2026, 12, 4)}
        )
    _send(MONDAY)
    (digest,) = mail.outbox
    assert digest.subject == "Muutoksia seuraamissasi palveluissa"
    assert "Perhekahvila Pankakoski\nMikä muuttui: yhteystiedot" in digest.body
    assert "Lieksan neuvola\nMikä muuttui: aukioloajat" in digest.body
    mail.outbox.clear()
    with _at(MONDAY + datetime.timedelta(days=1)):
        catalog_services.service_save(
            actor=None, service=cafe, values={"last_reviewed_at": datetime.date(2026, 12, 8)}
        )
    _send(MONDAY + datetime.timedelta(days=7))
    assert mail.outbox == []


def test_an_empty_list_offers_nothing_to_follow(region, client):
    page = client.get("/subscribe/services/")
    assert "Listallasi ei ole palveluita" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main")[1]


def test_the_calendar_and_the_list_lead_to_subscribing(region, client):
    calendar = client.get("/activities/?municipality=422&age=2").content.decode()
    assert 'href="/subscribe/activities/?municipality=422&amp;age=2"' in calendar
    cafe = factories.service(name_fi="Perhekahvila")
    client.cookies["my_list"] = str(cafe.pk)
    assert f'href="/subscribe/services/?service={cafe.pk}"' in client.get("/my-list/").content.decode()


@pytest.mark.parametrize(
    "ending", [{"status": "defunct"}, {"publication": "archived"}], ids=["ended", "taken-off"]
)
def test_a_followed_service_that_ends_is_told_once_as_ended(region, client, ending):
    with _at(WEDNESDAY - datetime.timedelta(days=1)):
        club = factories.service(name_fi="Isäkerho")
    with _at(WEDNESDAY):
        client.post(
            f"/subscribe/services/?service={club.pk}", {"email": "isa@example.fi", "services": [club.pk]}
        )
        messaging.send_due(WEDNESDAY)
        client.post(_path(re.search(r"\S*/subscriptions/confirm/\S+", mail.outbox[-1].body).group(0)))
    mail.outbox.clear()
    with _at(WEDNESDAY + datetime.timedelta(days=1)):
        catalog_services.service_save(actor=None, service=club, values=ending)
    _send(MONDAY)
    (digest,) = mail.outbox
    assert "Isäkerho\nEi enää tarjolla." in digest.body and f"/services/{club.pk}/" not in digest.body
    _send(MONDAY + datetime.timedelta(days=7))
    assert len(mail.outbox) == 1


def test_a_digest_in_the_familys_language_names_a_dozen_and_links_the_rest(region, client):
    with _at(WEDNESDAY):
        client.post("/en/subscribe/activities/", {"email": "family@example.fi", "municipality": "422"})
        messaging.send_due(WEDNESDAY)
        confirmation = mail.outbox[-1]
        client.post(_path(re.search(r"\S*/subscriptions/confirm/\S+", confirmation.body).group(0)))
    assert confirmation.subject == "Confirm your subscription to the family centre's news"
    assert "/en/subscriptions/confirm/" in confirmation.body
    mail.outbox.clear()
    with _at(WEDNESDAY + datetime.timedelta(days=1)):
        for number in range(14):
            _activity(f"Kerho {number:02}")
    _send(MONDAY)
    (digest,) = mail.outbox
    assert digest.subject == "New activities for your family"
    assert digest.body.count("/en/activities/") == 13  # twelve activities and the calendar
    assert (
        "… and 2 more new activities in the calendar:\nhttp://127.0.0.1:8000/en/activities/?municipality=422"
        in digest.body
    )
    assert "- New activities in Lieksa" in digest.body


def test_activities_of_a_service_published_later_are_news_then(region, client):
    with _at(WEDNESDAY - datetime.timedelta(days=7)):
        waiting = _activity("Vauvaryhmä Kylänlaita")
        catalog_services.service_save(actor=None, service=waiting.service, values={"publication": "pending"})
    _confirmed(client, municipality="422")
    with _at(WEDNESDAY + datetime.timedelta(days=2)):
        catalog_services.service_save(
            actor=None, service=waiting.service, values={"publication": "published"}
        )
    _send(MONDAY)
    (digest,) = mail.outbox
    assert "Vauvaryhmä Kylänlaita" in digest.body
