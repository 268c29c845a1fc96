"""The staff workspace in Chromium: signing in with both factors, and axe-core on its pages."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.web.tests.browser.conftest import axe_violations
from perhekeskus.workspace.tests.conftest import PASSWORD, current_code, people  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_an_admin_signs_in_with_both_factors_and_every_page_is_accessible(page, people):  # noqa: F811
    device = TOTPDevice.objects.create(user=people["admin"], name="app", confirmed=True)
    found = {}
    page.goto("/workspace/")
    assert "/workspace/sign-in/" in page.url  # sent to sign in first
    found["sign in"] = axe_violations(page)
    page.fill("input[name=email]", "admin@example.fi")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    found["code"] = axe_violations(page)
    page.fill("input[name=code]", current_code(device))
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector("h1")
    assert page.url.endswith("/workspace/")
    assert page.is_visible("text=Perhekahvila Pankakoski")
    found["dashboard"] = axe_violations(page)
    page.click("text=Jäsenet ja kutsut")
    found["members"] = axe_violations(page)
    page.fill("input[name=email]", "väärä-osoite")
    page.click("main form.stacked-form button[type=submit]")
    assert page.get_attribute("input[name=email]", "aria-invalid") == "true"
    found["members with an error"] = axe_violations(page)
    page.goto("/workspace/password/")
    found["password reset"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_the_authenticator_setup_page_is_accessible(page, people):  # noqa: F811
    page.goto("/en/workspace/sign-in/")
    page.fill("input[name=email]", "editor@example.fi")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector(".qr-code svg")
    assert axe_violations(page) == []


def test_an_editor_updates_opening_hours_end_to_end(page, people):  # noqa: F811
    from perhekeskus.catalog import services as catalog_services
    from perhekeskus.catalog.models import Schedule
    from perhekeskus.catalog.tests import factories

    delivery = factories.delivery(service_obj=people["service"])
    schedule = catalog_services.schedule_save(
        actor=None,
        values={"delivery": delivery},
        rules=[{"weekday": 2, "opens": "09:00", "closes": "11:00"}],
    )
    device = TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    page.goto("/workspace/")
    page.fill("input[name=email]", "editor@example.fi")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.fill("input[name=code]", current_code(device))
    page.click("form.stacked-form button[type=submit]")
    page.click("text=Perhekahvila Pankakoski")
    assert axe_violations(page) == []
    page.click("a[href*='/hours/']")
    assert axe_violations(page) == []
    page.fill("#id_rules-0-closes", "12:30")
    page.select_option("#id_rules-1-weekday", "4")
    page.fill("#id_rules-1-opens", "13:00")
    page.fill("#id_rules-1-closes", "15:00")
    page.fill("#id_exceptions-0-date", "2027-06-25")
    page.check("#id_exceptions-0-closed")
    page.fill("#id_exceptions-0-reason_fi", "Juhannusaatto")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    assert axe_violations(page) == []
    saved = Schedule.objects.get(pk=schedule.pk)
    assert sorted((r.weekday, str(r.opens), str(r.closes)) for r in saved.rules.all()) == [
        (2, "09:00:00", "12:30:00"),
        (4, "13:00:00", "15:00:00"),
    ]
    assert [e.reason_fi for e in saved.exceptions.all()] == ["Juhannusaatto"]
    # The public page shows the new hours.
    page.goto(f"/services/{people['service'].pk}/")
    assert page.is_visible("text=12.30") or page.is_visible("text=12:30")


def _sign_in(page, user, device) -> None:
    page.goto("/workspace/sign-in/")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.fill("input[name=code]", current_code(device))
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector("h1")


def test_an_editor_adds_a_service_and_a_coordinator_publishes_it(page, people):  # noqa: F811
    from perhekeskus.catalog.models import Service

    found = {}
    _sign_in(
        page, people["editor"], TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    )
    page.click("text=Lisää palvelu")
    found["new service"] = axe_violations(page)
    page.click("main form.stacked-form button[type=submit]")  # empty: errors in Finnish
    assert page.is_visible("text=Tämä kenttä vaaditaan")
    found["new service with errors"] = axe_violations(page)
    page.fill("#id_name_fi", "Vauvaryhmä")
    page.fill("#id_summary_fi", "Vertaisryhmä vauvaperheille.")
    page.fill("#id_how_to_get_fi", "Tule mukaan, ilmoittautumista ei tarvita.")
    page.locator("input[name=service_types]").first.check()
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    found["draft service"] = axe_violations(page)
    page.click("text=Lisää toimipaikka tai tarjoamistapa")
    page.select_option("#id_mode", label="Verkossa")
    page.locator("input[name=municipalities]").first.check()
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    found["delivery"] = axe_violations(page)
    page.click("text=Takaisin palveluun")
    page.click("text=Lähetä tarkastettavaksi")
    page.wait_for_selector(".site-messages")
    assert Service.objects.get(name_fi="Vauvaryhmä").publication == "pending"
    page.click(".account-menu > summary")
    page.click(".account-menu button:text-is('Kirjaudu ulos')")

    _sign_in(
        page,
        people["coordinator"],
        TOTPDevice.objects.create(user=people["coordinator"], name="app", confirmed=True),
    )
    page.click("nav >> text=Tarkastusjono")
    assert page.is_visible("text=Vauvaryhmä")
    found["review queue"] = axe_violations(page)
    # No phone, e-mail or e-service: publishing is refused, saying what is missing.
    page.click("main button:has-text('Julkaise')")
    page.wait_for_selector(".site-messages, .form-errors")
    assert page.is_visible("text=Puuttuu: Yhteystieto")
    assert Service.objects.get(name_fi="Vauvaryhmä").publication == "pending"
    Service.objects.filter(name_fi="Vauvaryhmä").update(phone="013 123 4567")  # the editor adds it
    page.reload()
    page.click("main button:has-text('Julkaise')")
    page.wait_for_selector(".site-messages")
    assert Service.objects.get(name_fi="Vauvaryhmä").publication == "published"
    assert page.is_visible("text=Mikään ei odota julkaisua.")
    assert {name: v for name, v in found.items() if v} == {}
