"""A referral from sending to completion by two people in Chromium, and a family's contact request;
axe-core on every page on the way."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.tests.conftest import sides  # noqa: F401
from perhekeskus.web.tests.browser.conftest import axe_violations, misplaced_controls
from perhekeskus.web.tests.browser.test_workspace import _sign_in
from perhekeskus.workspace.tests.conftest import people  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _device(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_a_referral_from_sending_to_completion(page, sides):  # noqa: F811
    found = {}
    _sign_in(page, sides["referrer"], _device(sides["referrer"]))
    page.click("nav >> text=Ohjaukset")
    found["inbox"] = axe_violations(page)
    page.click("text=Ohjaa perhe")
    found["services"] = axe_violations(page)
    page.click("text=Perhekahvila Pankakoski")
    found["form"] = axe_violations(page)
    page.fill("#id_need", "Äiti on väsynyt ja toivoo vertaistukea.")
    page.fill("#id_family_name", "Maija Meikäläinen")
    page.fill("#id_phone", "040 123 4567")
    page.fill("#id_consent_given_by", "Maija Meikäläinen")
    page.select_option("#id_consent_method", "in-person")
    page.fill("#id_consent_at", "2026-11-20T10:00")
    page.fill("#id_consent_scope", "Yhteystiedot ja tuen tarve.")
    page.click("main form.stacked-form button[type=submit]")  # the privacy notice is not ticked
    expect(page.locator(".field-invalid #id_privacy_notice_given").first).to_be_visible()
    found["form with errors"] = axe_violations(page)
    page.check("#id_privacy_notice_given")
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    found["sent"] = axe_violations(page)
    referral = Referral.objects.get()
    assert referral.status == "sent"
    page.click(".account-menu > summary")
    page.click(".account-menu button:text-is('Kirjaudu ulos')")

    _sign_in(page, sides["editor"], _device(sides["editor"]))
    page.click("nav >> text=Ohjaukset")
    page.click(f"a[href$='/referrals/{referral.pk}/']")
    expect(page.locator("text=Maija Meikäläinen").first).to_be_visible()
    found["received"] = axe_violations(page)
    for button in ("Hyväksy", "Perheeseen otettu yhteyttä"):
        page.click(f"main button:has-text('{button}')")
        page.wait_for_selector(".site-messages")
    page.select_option("select[name=outcome]", "started")
    page.click("main button:has-text('Päätä')")
    page.wait_for_selector(".site-messages")
    found["completed"] = axe_violations(page)
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("completed", "started")
    page.click(".account-menu > summary")
    page.click(".account-menu button:text-is('Kirjaudu ulos')")

    _sign_in(page, sides["referrer"], _device(sides["referrer"]))
    page.goto(f"/workspace/referrals/{referral.pk}/")
    expect(page.locator("text=päättynyt").first).to_be_visible()
    assert {name: v for name, v in found.items() if v} == {}


def test_a_family_asks_a_service_to_contact_them(page, sides):  # noqa: F811
    page.goto(f"/services/{sides['service'].pk}/")
    page.click("text=Pyydä palvelua ottamaan minuun yhteyttä")
    expect(page.locator("#id_consent")).to_be_visible()
    assert misplaced_controls(page) == []  # the consent checkbox beside its text
    found = {"form": axe_violations(page)}
    page.fill("#id_family_name", "Liisa Laine")
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector(".field-invalid")  # the form again, with its errors
    found["form with errors"] = axe_violations(page)
    page.fill("#id_phone", "050 765 4321")
    page.check("#id_consent")
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector("text=Pyyntösi lähetettiin")
    found["sent"] = axe_violations(page)
    assert Referral.objects.get().kind == "contact-request"
    assert {name: v for name, v in found.items() if v} == {}


def test_a_service_nobody_reads_shows_how_to_reach_it_instead(page, sides):  # noqa: F811
    from perhekeskus.catalog.models import Service
    from perhekeskus.network.models import Membership

    Membership.objects.filter(organization=sides["ours"]).delete()
    Service.objects.filter(pk=sides["service"].pk).update(phone="+358401234567", contact_answer_days=2)
    page.goto(f"/services/{sides['service'].pk}/")
    assert page.locator("text=Pyydä palvelua ottamaan minuun yhteyttä").count() == 0
    expect(page.locator(".direct-contact-note a[href='tel:+358401234567']").first).to_be_visible()
    found = {"service": axe_violations(page)}
    page.goto(f"/services/{sides['service'].pk}/contact/")
    expect(page.locator("h1:has-text('Ota yhteyttä suoraan palveluun')").first).to_be_visible()
    assert page.locator("#id_family_name").count() == 0
    found["refused"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}
    assert not Referral.objects.exists()
