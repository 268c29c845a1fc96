"""A family finds an activity in the calendar, registers and cancels, in Chromium; axe-core on each page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from perhekeskus.activities import services
from perhekeskus.activities.models import Registration
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Membership
from perhekeskus.web.tests.browser.conftest import axe_violations, policed_page
from perhekeskus.web.tests.browser.test_workspace import _sign_in
from perhekeskus.workspace.tests.conftest import make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def club():
    service = factories.service(name_fi="Perhekerho")
    place = factories.location(organization=service.organization, name_fi="Seurakuntatalo")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    return services.activity_save(
        actor=None,
        values={
            "service": service, "title_fi": "Vauvakerho", "location": place, "starts_on": tomorrow,
            "start_time": datetime.time(10), "repeat": "weekly", "registration": "required", "capacity": 6,
        },
    )  # fmt: skip


def test_a_family_registers_and_cancels(page, club):
    found = {}
    page.goto("/activities/")
    found["calendar"] = axe_violations(page)
    page.click("text=Vauvakerho")
    found["activity"] = axe_violations(page)
    page.click("a:has-text('Ilmoittaudu')")
    page.click("main form.stacked-form button[type=submit]")  # nothing filled in
    expect(page.locator(".field-invalid").first).to_be_visible()
    found["form with errors"] = axe_violations(page)
    page.fill("#id_name", "Liisa Laine")
    page.fill("#id_email", "liisa@example.fi")
    page.fill("#id_children", "2")
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector("text=Olet ilmoittautunut")
    found["registered"] = axe_violations(page)
    assert Registration.objects.get().people == 3
    page.click("text=Peru ilmoittautuminen")
    page.wait_for_selector(".site-messages")
    found["cancelled"] = axe_violations(page)
    assert Registration.objects.get().status == "cancelled"
    assert {name: v for name, v in found.items() if v} == {}


def test_the_staff_pages_of_an_activity_are_accessible(page, club):
    editor = make_user(get_user_model(), "kerho@example.fi")
    Membership.objects.create(user=editor, organization=club.service.organization, role="editor")
    _sign_in(page, editor, TOTPDevice.objects.create(user=editor, name="app", confirmed=True))
    found = {}
    page.goto(f"/workspace/activities/{club.pk}/")
    found["activity form"] = axe_violations(page)
    page.click("section a[href*='/workspace/activities/']")
    page.wait_for_selector("h1")
    found["occurrence"] = axe_violations(page)
    page.check("input[value=cancel]")
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    found["cancelled"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_on_a_phone_the_registration_page_tells_where_when_and_how_to_keep_it(browser, live_server, club):
    """A mother registers on a phone with a phone number only: the page fits the screen (no sideways
    scrolling), says no e-mail was sent and shows its own address to keep, the place with its address,
    the calendar entry and directions."""
    with policed_page(
        browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    ) as phone:
        phone.goto(f"/en/activities/{club.pk}/")
        phone.click("a:has-text('Register')")
        assert phone.input_value("#id_children") == "1"  # a baby club: families bring children
        phone.fill("#id_name", "Liisa Laine")
        phone.fill("#id_phone", "040 123 4567")
        phone.click("main form.stacked-form button[type=submit]")
        phone.wait_for_selector("text=You are registered")
        assert "/en/activities/registration/" in phone.url
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        main = phone.inner_text("main")
        assert "We sent no e-mail" in main and "Pielisentie 5" in main
        assert phone.input_value("#page-address") == phone.url
        for link in ("Add this time to your calendar", "Directions"):
            assert phone.locator(f"main a:has-text('{link}')").is_visible()
        assert (
            phone.locator("main a:has-text('Add this time to your calendar')")
            .get_attribute("href")
            .startswith("/en/activities/registration/")
        )
        assert axe_violations(phone) == []
