"""The staff workspace in Chromium: signing in with both factors, and axe-core on its pages."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from perhekeskus.web.tests.browser.conftest import axe_violations, misplaced_controls
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
    page.wait_for_url("**/workspace/")
    expect(page.locator("text=Perhekahvila Pankakoski").first).to_be_visible()
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
    from django.urls import reverse

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
    # The service's page links to the hours from one of its sections; the editor is at its own address.
    page.goto(reverse("workspace:schedule_edit", args=[schedule.pk]))
    assert axe_violations(page) == []
    page.fill("#id_week-closes_2_0", "12:30")
    page.fill("#id_week-opens_4_0", "13:00")
    page.fill("#id_week-closes_4_0", "15:00")
    page.fill("#id_exceptions-0-date", "2027-06-25")
    page.check("#id_exceptions-0-closed")
    page.fill("#id_exceptions-0-reason_fi", "Juhannusaatto")
    page.click("form.hours-form button[name=save]")
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
    page.wait_for_url(lambda url: "/sign-in/" not in url)  # the code page has a heading too


def test_the_opening_hours_editor_fits_two_screens_and_copies_monday_in_place(page, people):  # noqa: F811
    """At 1280×900: a week of five days' hours and three exceptions within two screens, accessible,
    every checkbox beside its label; Monday's hours copied to Tuesday–Friday without a reload. A
    phone's width scrolls no sideways."""
    import datetime

    from django.urls import reverse

    from perhekeskus.catalog import services as catalog_services
    from perhekeskus.catalog.models import Schedule
    from perhekeskus.catalog.tests import factories

    T = datetime.time
    schedule = catalog_services.schedule_save(
        actor=None,
        values={"delivery": factories.delivery(service_obj=people["service"]), "description_fi": "Kerho"},
        rules=[{"weekday": day, "opens": T(9), "closes": T(16)} for day in range(5)],
        exceptions=[
            {"date": datetime.date(2027, 6, 25), "closed": True, "reason_fi": "Juhannusaatto"},
            {
                "date": datetime.date(2027, 12, 24),
                "closed": True,
                "reason_fi": "Jouluaatto",
                "reason_sv": "Julafton",
            },
            {"date": datetime.date(2027, 12, 31), "closed": False, "opens": T(9), "closes": T(12)},
        ],
    )
    _sign_in(
        page, people["editor"], TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    )
    url = reverse("workspace:schedule_edit", args=[schedule.pk])
    page.goto(url)
    form_height = page.evaluate("document.querySelector('form.hours-form').getBoundingClientRect().height")
    page_height = page.evaluate("document.documentElement.scrollHeight")
    assert form_height <= 1800 and page_height <= 2700, (form_height, page_height)
    assert axe_violations(page) == []

    page.evaluate("window.notReloaded = true")
    page.fill("#id_week-opens_0_0", "07:30")
    page.fill("#id_week-opens_0_1", "17:00")
    page.fill("#id_week-closes_0_1", "19:00")
    page.click("button[name=copy_weekdays]")
    for day in range(1, 5):
        assert [page.input_value(f"#id_week-{cell}") for cell in (f"opens_{day}_0", f"closes_{day}_0",
                f"opens_{day}_1", f"closes_{day}_1")] == ["07:30", "16:00", "17:00", "19:00"]  # fmt: skip
    assert page.input_value("#id_week-opens_5_0") == ""  # Saturday stays closed
    assert page.evaluate("window.notReloaded") is True
    assert page.text_content("#copy-done").strip()  # says to save
    assert {str(r.opens) for r in Schedule.objects.get(pk=schedule.pk).rules.all()} == {"09:00:00"}

    # Overlapping periods: refused, the cells marked and described by the error.
    page.fill("#id_week-closes_0_0", "18:00")
    page.click("form.hours-form button[name=save]")
    page.wait_for_selector(".field-error")
    assert page.get_attribute("#id_week-opens_0_1", "aria-invalid") == "true"
    assert page.get_attribute("#id_week-opens_0_1", "aria-describedby") == "id_week-opens_0_1_error"
    assert axe_violations(page) == []
    assert misplaced_controls(page) == []

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_editor_adds_a_service_and_a_coordinator_publishes_it(page, people):  # noqa: F811
    from perhekeskus.catalog.models import Service

    found = {}
    _sign_in(
        page, people["editor"], TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    )
    page.click("text=Lisää palvelu")
    found["new service"] = axe_violations(page)
    page.click("main form.stacked-form button[type=submit]")  # empty: errors in Finnish
    expect(page.locator("text=Tämä kenttä vaaditaan").first).to_be_visible()
    found["new service with errors"] = axe_violations(page)
    page.fill("#id_name_fi", "Vauvaryhmä")
    page.fill("#id_summary_fi", "Vertaisryhmä vauvaperheille.")
    page.fill("#id_service_types_filter", "vertaistuki")
    page.locator("input[name=service_types]:visible").first.check()
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    found["draft service"] = axe_violations(page)
    page.click(".checklist a:has-text('Miten palveluun pääsee')")  # the checklist says what is missing
    page.fill("#id_how_to_get_fi", "Tule mukaan, ilmoittautumista ei tarvita.")
    page.click("main form.section-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    page.click(".section-tabs >> text=Missä ja milloin")
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
    expect(page.locator("text=Vauvaryhmä").first).to_be_visible()
    found["review queue"] = axe_violations(page)
    # No phone, e-mail or e-service: publishing is refused, saying what is missing.
    page.click("main button:has-text('Julkaise')")
    page.wait_for_selector(".site-messages, .form-errors")
    expect(page.locator("text=Puuttuu: Yhteystieto").first).to_be_visible()
    assert Service.objects.get(name_fi="Vauvaryhmä").publication == "pending"
    Service.objects.filter(name_fi="Vauvaryhmä").update(phone="013 123 4567")  # the editor adds it
    page.reload()
    page.click("main button:has-text('Julkaise')")
    page.wait_for_selector(".site-messages")
    assert Service.objects.get(name_fi="Vauvaryhmä").publication == "published"
    expect(page.locator("text=Mikään ei odota julkaisua.").first).to_be_visible()
    assert {name: v for name, v in found.items() if v} == {}


def test_the_account_menu_closes_like_a_menu(page, people):  # noqa: F811
    _sign_in(
        page, people["editor"], TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    )
    menu = page.locator("details.account-menu")
    page.click(".account-menu > summary")
    assert menu.evaluate("m => m.open") is True
    page.keyboard.press("Escape")
    assert menu.evaluate("m => m.open") is False
    assert page.evaluate("document.activeElement.matches('.account-menu > summary')")
    page.click(".account-menu > summary")
    page.click("main h1")  # a click elsewhere
    assert menu.evaluate("m => m.open") is False
    page.click(".account-menu > summary")
    page.keyboard.press("Tab")  # into the menu: stays open
    page.keyboard.press("Tab")
    assert menu.evaluate("m => m.open") is True
    page.keyboard.press("Tab")  # out of it
    assert menu.evaluate("m => m.open") is False
