"""Subscribing without an account, on a phone: from the calendar to the confirmation e-mail, the
confirmed subscription and its end; following the services of one's list. Axe clean, nothing wider
than the screen, the checkboxes beside their names."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from perhekeskus.catalog.tests import factories
from perhekeskus.messaging import services as messaging
from perhekeskus.subscriptions.models import Subscription
from perhekeskus.subscriptions.tests.test_subscriptions import region  # noqa: F401
from perhekeskus.web.tests.browser.conftest import axe_violations, misplaced_controls, wider_than_the_screen

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _confirmation_path() -> str:
    messaging.send_due()
    url = re.search(r"\S*/subscriptions/confirm/\S+", mail.outbox[-1].body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_parent_subscribes_to_new_activities_from_the_calendar_and_ends_it(phone, region):  # noqa: F811
    found = {}
    phone.goto("/activities/?municipality=422&age=1")
    with phone.expect_navigation():
        phone.click("text=Kerro minulle sähköpostilla uusista tällaisista toiminnoista")
    expect(phone.locator("h1")).to_have_text("Uutiset uusista toiminnoista sähköpostiin")
    assert phone.input_value("#id_municipality") == "422" and phone.input_value("#id_age") == "1"
    found["form"] = axe_violations(phone)
    assert not wider_than_the_screen(phone)
    phone.fill("#id_email", "perhe@example")
    phone.click("main form.stacked-form button[type=submit]")
    expect(phone.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    found["form with an error"] = axe_violations(phone)
    phone.fill("#id_email", "perhe@example.fi")
    phone.click("main form.stacked-form button[type=submit]")
    expect(phone.locator("h1")).to_have_text("Tarkista sähköpostisi")
    found["sent"] = axe_violations(phone)

    phone.goto(_confirmation_path())
    expect(phone.locator("dd").first).to_contain_text("Uudet toiminnat: Lieksa")
    found["confirm"] = axe_violations(phone)
    phone.click("text=Aloita tilaus")
    expect(phone.locator("text=Tilauksesi on voimassa.")).to_be_visible()
    assert Subscription.objects.get().confirmed_at is not None
    found["subscription"] = axe_violations(phone)
    assert not wider_than_the_screen(phone)
    phone.click("button:text-is('Lopeta tilaus')")
    expect(phone.locator("h1")).to_have_text("Tilaus on päättynyt")
    found["ended"] = axe_violations(phone)
    assert not Subscription.objects.exists()
    assert {name: v for name, v in found.items() if v} == {}


def test_a_parent_follows_the_services_of_the_list(page, live_server, region):  # noqa: F811
    cafe = factories.service(name_fi="Perhekahvila Pankakoski")
    clinic = factories.service(name_fi="Lieksan neuvola", types=("child-health-clinic",))
    page.context.add_cookies([{"name": "my_list", "value": f"{cafe.pk},{clinic.pk}", "url": live_server.url}])
    page.goto("/my-list/")
    with page.expect_navigation():
        page.click("text=Kerro minulle sähköpostilla, kun nämä palvelut muuttuvat")
    assert misplaced_controls(page) == []
    found = {"form": axe_violations(page)}
    page.uncheck("label:text-is('Lieksan neuvola')")
    page.fill("#id_email", "perhe@example.fi")
    page.click("main form.stacked-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Tarkista sähköpostisi")
    page.goto(_confirmation_path())
    expect(page.locator("dd").first).to_contain_text("Perhekahvila Pankakoski")
    expect(page.locator("dd").first).not_to_contain_text("Lieksan neuvola")
    page.click("text=Aloita tilaus")
    expect(page.locator("text=Tilauksesi on voimassa.")).to_be_visible()
    found["subscription"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}
