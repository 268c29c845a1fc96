"""An action plan in Chromium: a coordinator opens the plan, saves an indicator's figure and sees its
chart; a responsible organisation's editor comments; axe-core on every page state."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.planning.models import IndicatorValue, MeasureComment
from perhekeskus.planning.tests.test_planning import plan  # noqa: F401
from perhekeskus.web.tests.browser.conftest import axe_violations
from perhekeskus.workspace.tests.conftest import PASSWORD, current_code, people  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _sign_in(page, user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    page.goto("/workspace/")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.fill("input[name=code]", current_code(device))
    page.click("form.stacked-form button[type=submit]")


def test_a_coordinator_keeps_the_plan_and_a_partner_comments(page, people, plan):  # noqa: F811
    found = {}
    _sign_in(page, people["coordinator"])
    page.click(".workspace-nav >> text=Toimintasuunnitelmat")
    found["plans"] = axe_violations(page)
    page.click("text=Lieksan perhekeskuksen toimintasuunnitelma")
    found["plan"] = axe_violations(page)
    indicator = plan["entered"]
    page.fill(f"#on-{indicator.pk}", "2026-06-01")
    page.fill(f"#value-{indicator.pk}", "31")
    page.click(f"form[action$='/indicators/{indicator.pk}/values/'] button")
    page.wait_for_selector("svg.chart")
    assert IndicatorValue.objects.get().value == 31
    found["plan with a chart"] = axe_violations(page)
    page.click("text=Lisää toimenpide")
    found["new measure"] = axe_violations(page)
    page.context.clear_cookies()
    _sign_in(page, people["editor"])
    page.goto(f"/workspace/plans/{plan['plan'].pk}/")
    page.fill(f"#comment-{plan['measure'].pk}", "Aloitimme Kolilla.")
    page.click("text=Lisää kommentti")
    page.wait_for_selector(".comments")
    assert MeasureComment.objects.get().text == "Aloitimme Kolilla."
    found["plan with a comment"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}
