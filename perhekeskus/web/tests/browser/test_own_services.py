""" "Which clinic is mine?" on a phone: from the home page's postal code to the family's own clinics,
in Finnish and in Arabic (right to left), axe clean, nothing wider than the screen."""

import pytest
from playwright.sync_api import expect

from perhekeskus.web.tests.browser.conftest import axe_violations, wider_than_the_screen
from perhekeskus.web.tests.test_own_services import clinics  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_family_finds_its_own_clinic_by_its_postal_code(phone, clinics):  # noqa: F811
    found = {}
    phone.goto("/")
    phone.fill("#postal-code", "80160")
    with phone.expect_navigation():
        phone.click(".own-services-form button[type=submit]")
    expect(phone.locator("h3", has_text="Lastenneuvolasi")).to_be_visible()
    own = phone.locator("section[aria-labelledby=own-child-health-clinic]")
    expect(own).to_contain_text("Rantakylä")
    expect(own).not_to_contain_text("Keskusta")
    found["fi"] = axe_violations(phone)
    assert not wider_than_the_screen(phone)
    # A wrong code is told beside the field, and the page is still accessible.
    phone.fill("#postal-code", "8016")
    with phone.expect_navigation():
        phone.click(".own-services-form button[type=submit]")
    expect(phone.locator("#postal-code-error")).to_contain_text("viisi numeroa")
    assert phone.get_attribute("#postal-code", "aria-invalid") == "true"
    found["error"] = axe_violations(phone)
    # Remembered: the page without a code shows the same family's clinics, in Arabic too.
    phone.goto("/ar/mine/")
    assert phone.get_attribute("html", "dir") == "rtl"
    expect(phone.locator("section[aria-labelledby=own-child-health-clinic]")).to_contain_text("Rantakylä")
    found["ar"] = axe_violations(phone)
    assert not wider_than_the_screen(phone)
    assert {name: v for name, v in found.items() if v} == {}
