"""A coordinator's insights in Chromium: the coverage matrix, a municipality's report, overdue services
with a reminder, and an unmet search linked to a service type that the family then finds; axe-core on
every page."""

import datetime
import time

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from perhekeskus.catalog.models import Service
from perhekeskus.insights.models import ReviewReminder
from perhekeskus.insights.tests.conftest import small_network  # noqa: F401
from perhekeskus.search.models import QueryLink, SearchLog
from perhekeskus.web.tests.browser.conftest import axe_violations
from perhekeskus.workspace.tests.conftest import PASSWORD, current_code

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_coordinator_reads_the_network_and_acts_on_it(page, small_network):  # noqa: F811
    Service.objects.filter(pk=small_network["services"]["helpline"].pk).update(
        last_reviewed_at=timezone.localdate() - datetime.timedelta(days=400)
    )
    page.goto("/search/?q=kantoliinaan")  # families find nothing
    page.goto("/search/?q=kantoliinat")
    # The server writes a search's log row after its response (decision 0017): wait for it, on a busy
    # machine too, rather than race it.
    deadline = time.monotonic() + 30
    while SearchLog.objects.count() < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [log.result_count for log in SearchLog.objects.all()] == [0, 0]
    device = TOTPDevice.objects.create(user=small_network["coordinator"], name="app", confirmed=True)
    page.goto("/workspace/")
    page.fill("input[name=email]", "coordinator@example.fi")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.fill("input[name=code]", current_code(device))
    page.click("form.stacked-form button[type=submit]")
    found = {}
    page.click(".workspace-nav >> text=Tilannekuva")
    page.wait_for_selector("table.coverage-matrix")
    assert page.locator("table.coverage-matrix td.gap").count() > 0
    found["coverage"] = axe_violations(page)
    page.check("input[name=kinds][value=ngo]")
    page.click("form.insights-filters button[type=submit]")
    assert "kinds=ngo" in page.url
    found["coverage filtered"] = axe_violations(page)

    page.click("table.coverage-matrix thead >> text=Lieksa")
    page.wait_for_selector("svg.chart")
    expect(page.locator("text=Perheneuvola").first).to_be_visible()
    found["municipality report"] = axe_violations(page)
    with page.expect_download() as download:
        page.click("text=PDF suomeksi")
    assert download.value.suggested_filename == "perhekeskus-422-fi.pdf"

    page.click(".insights-nav >> text=Ajantasaisuus")
    expect(page.locator("text=Vanhempien chat").first).to_be_visible()
    found["freshness"] = axe_violations(page)
    page.click("button:has-text('Tukiyhdistys ry')")
    page.wait_for_selector(".site-messages")
    assert ReviewReminder.objects.filter(organization=small_network["ngo"]).exists()
    found["freshness after a reminder"] = axe_violations(page)

    page.click(".insights-nav >> text=Täyttymättömät tarpeet")
    row = page.locator("table.unmet tbody tr", has_text="kantoliina")
    row.locator("select[name=service_type]").select_option("parenting-support")
    found["unmet needs"] = axe_violations(page)
    row.locator("button[type=submit]").click()
    page.wait_for_selector(".site-messages")
    assert QueryLink.objects.get().service_type.code == "parenting-support"
    found["unmet needs linked"] = axe_violations(page)

    page.click(".insights-nav >> text=Käyttö ja yhteistyö")
    found["usage"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}

    page.goto("/search/?q=kantoliinaan")  # now the family finds the linked service type
    expect(page.locator("text=Vanhempien chat").first).to_be_visible()


def test_a_director_reads_the_report_on_a_phone_without_scrolling_sideways(
    browser,
    live_server,
    small_network,  # noqa: F811
):
    from django.contrib.auth import get_user_model

    from perhekeskus.network.models import MunicipalityDirector
    from perhekeskus.web.tests.browser.conftest import policed_page

    director = get_user_model().objects.create_user(
        username="johtaja@example.fi", email="johtaja@example.fi", password=PASSWORD
    )
    MunicipalityDirector.objects.create(user=director, municipality=small_network["lieksa"])
    device = TOTPDevice.objects.create(user=director, name="app", confirmed=True)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    with policed_page(context) as page:
        page.goto("/workspace/")
        page.fill("input[name=email]", "johtaja@example.fi")
        page.fill("input[name=password]", PASSWORD)
        page.click("form.stacked-form button[type=submit]")
        page.fill("input[name=code]", current_code(device))
        page.click("form.stacked-form button[type=submit]")
        page.goto("/workspace/insights/")  # a director lands on their municipality's report
        page.wait_for_selector("svg.chart")
        found = {}
        for name, path in (
            ("report", page.url),
            ("coverage", "/workspace/insights/pk/"),
            ("report in Swedish", "/sv/workspace/insights/pk/municipalities/422/"),
        ):
            page.goto(path)
            # Wide tables scroll inside their own box; the page itself never scrolls sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
            found[name] = axe_violations(page)
        assert {name: v for name, v in found.items() if v} == {}
