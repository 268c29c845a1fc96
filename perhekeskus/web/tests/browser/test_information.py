"""Coordinators' pages and the accessibility feedback in Chromium: write, preview, publish and read a
page; give feedback with a mistake first; axe-core on every page on the way."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from perhekeskus.information.models import Feedback
from perhekeskus.web.tests.browser.conftest import axe_violations
from perhekeskus.workspace.tests.conftest import PASSWORD, current_code, people  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_coordinator_publishes_an_about_page_and_a_family_gives_feedback(page, people):  # noqa: F811
    found = {}
    # From a page of the network's service: the statement offers it as the page concerned, and the
    # feedback goes to that network's coordinators.
    service_page = f"/services/{people['service'].pk}/"
    page.goto(service_page)
    page.click(".site-footer >> text=Saavutettavuusseloste")
    assert page.input_value("#id_page").endswith(service_page)
    page.click("#feedback button[type=submit]")  # nothing written
    assert page.get_attribute("#id_message", "aria-invalid") == "true"
    found["feedback with an error"] = axe_violations(page)
    page.fill("#id_message", "Kartan painikkeet ovat pienet.")
    page.click("#feedback button[type=submit]")
    page.wait_for_selector(".site-messages")
    assert Feedback.objects.get().message == "Kartan painikkeet ovat pienet."
    assert list(Feedback.objects.get().networks.all()) == [people["network"]]

    device = TOTPDevice.objects.create(user=people["coordinator"], name="app", confirmed=True)
    page.goto("/workspace/")
    page.fill("input[name=email]", "coordinator@example.fi")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.fill("input[name=code]", current_code(device))
    page.click("form.stacked-form button[type=submit]")
    page.click(".workspace-nav >> text=Saavutettavuuspalaute")
    expect(page.locator("text=Kartan painikkeet ovat pienet.").first).to_be_visible()
    found["feedback list"] = axe_violations(page)
    page.click(".workspace-nav >> text=Sivut ja uutiset")
    found["pages"] = axe_violations(page)
    page.click("main a[href*='/pages/new/']")
    found["new page"] = axe_violations(page)
    page.fill("#id_title_fi", "Tietoa perhekeskuksesta")
    page.fill("#id_body_fi", "Perhekeskus on **verkosto**.\n\n## Yhteystiedot\n\n- Pielisentie 40")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector(".preview")
    assert page.inner_html(".preview strong") == "verkosto"
    found["preview"] = axe_violations(page)
    page.click("text=Julkaise versio 1")
    page.wait_for_selector(".site-messages")
    page.goto("/about/pk/")
    expect(page.locator("text=Pielisentie 40").first).to_be_visible()
    found["about page"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}
