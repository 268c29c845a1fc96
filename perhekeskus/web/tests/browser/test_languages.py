"""The public site in the languages beyond Finnish, Swedish and English (docs/decisions/0020): Arabic and
Persian right to left, mirrored, readable and accessible on a phone; in Russian, Ukrainian, Somali and
Estonian a family searches, opens a service and registers for an activity, and the page and the
e-mail are in their language."""

import datetime

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from perhekeskus.activities import services as activity_services
from perhekeskus.activities.models import Registration
from perhekeskus.web.tests.browser.conftest import axe_violations, policed_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

NAMES = ("Suomi", "Svenska", "English", "Русский", "Українська", "العربية", "Soomaali", "فارسی", "Eesti")


@pytest.fixture
def club(network):
    service = network["cafe"]
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    return activity_services.activity_save(
        actor=None,
        values={
            "service": service, "title_fi": "Vauvakerho", "location": service.deliveries.first().location,
            "starts_on": tomorrow, "start_time": datetime.time(10), "repeat": "weekly",
            "registration": "required", "capacity": 6,
        },
    )  # fmt: skip


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_right_to_left_pages_are_mirrored_readable_and_accessible_on_a_phone(
    browser, live_server, network, club, language
):
    cafe = network["cafe"]
    pages = {
        "home": f"/{language}/",
        "search": f"/{language}/search/?q=neuvola",
        "service": f"/{language}/services/{cafe.pk}/",
        "activities": f"/{language}/activities/",
        "guide": f"/{language}/guides/expecting/?municipality=167",
        "contact request": f"/{language}/services/{cafe.pk}/contact/",
        "privacy notice": f"/{language}/privacy/",
    }
    found = {}
    for width in (390, 320):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 844})
        with policed_page(context) as page:
            for name, path in pages.items():
                page.goto(path)
                assert (
                    page.get_attribute("html", "dir") == "rtl"
                    and page.get_attribute("html", "lang") == language
                )
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
                if width == 390:
                    found[name] = axe_violations(page)
            # Mirrored: the brand stands at the right edge, the main heading starts from the right.
            page.goto(pages["search"])
            brand = page.locator(".brand").bounding_box()
            assert brand["x"] + brand["width"] > width - 40
            assert page.evaluate("getComputedStyle(document.querySelector('main h1')).direction") == "rtl"
            # Finnish text the service has no translation for reads left to right, marked as Finnish.
            page.goto(pages["service"])
            fallback = page.locator('main [lang="fi"][dir="ltr"]').first
            assert fallback.count() == 1 and fallback.evaluate("e => getComputedStyle(e).direction") == "ltr"
            # Opening hours read "9.30–11.30" in either direction.
            hours = page.locator("table.hours bdi").first
            assert (
                hours.inner_text() == "09.30–11.30"
                and hours.evaluate("e => getComputedStyle(e).direction") == "ltr"
            )
            # The language menu names each language in itself.
            page.click(".language-menu summary")
            assert page.locator(".language-menu-items a").all_inner_texts() == list(NAMES)
    assert {name: v for name, v in found.items() if v} == {}


@pytest.mark.parametrize("language", ["ru", "uk", "so", "et"])
def test_a_family_searches_opens_a_service_and_registers_in_its_language(
    browser, live_server, network, club, language
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    with policed_page(context) as page:
        page.goto(f"/{language}/")
        assert page.get_attribute("html", "lang") == language and page.get_attribute("html", "dir") == "ltr"
        page.fill("input[name=q]", "perhekahvila")
        page.keyboard.press("Enter")
        page.click("main a:has-text('Pesä')")
        assert f"/{language}/services/{network['cafe'].pk}/" in page.url
        expect(
            page.locator(f"text={_in(language, 'Opening hours for the next seven days')}").first
        ).to_be_visible()
        page.goto(f"/{language}/activities/")
        page.click("text=Vauvakerho")
        page.click(f"a:has-text('{_in(language, 'Register')}')")
        page.click("main form.stacked-form button[type=submit]")  # nothing filled in: errors in the language
        expect(page.locator(f"text={_in(language, 'This field is required.')}").first).to_be_visible()
        page.fill("#id_name", "Olena")
        page.fill("#id_email", "olena@example.fi")
        page.click("main form.stacked-form button[type=submit]")
        page.wait_for_selector(f"text={_in(language, 'You are registered. Welcome!')}")
        assert axe_violations(page) == []
    registration = Registration.objects.get()
    assert registration.language == language
    # The confirmation e-mail is in the family's language too, with the activity's own (Finnish) title.
    [message] = mail.outbox
    assert (
        message.subject == _in(language, "Perhekeskus: your registration") != "Perhekeskus: your registration"
    )
    with translation.override(language):
        registered = translation.gettext("You are registered for %(title)s.") % {"title": "Vauvakerho"}
    assert registered in message.body
