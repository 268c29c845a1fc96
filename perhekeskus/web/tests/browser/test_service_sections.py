"""The editor's service page in Chromium: each section fits in two screens of scrolling at 1280×900
and in a phone's width, every checkbox sits beside its label, axe finds nothing; the long list of
service types is found by typing; the checklist sends the editor to the section that lacks an item."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from perhekeskus.catalog.models import Language, LifeSituation, Service, ServiceType
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Municipality
from perhekeskus.web.tests.browser.conftest import axe_violations, misplaced_controls
from perhekeskus.web.tests.browser.test_workspace import _sign_in
from perhekeskus.workspace.listing_forms import SERVICE_SECTIONS
from perhekeskus.workspace.tests.conftest import people  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SCREEN = 900


@pytest.fixture
def full(people):  # noqa: F811
    """A service with something in every section, texts as long as real ones, and a place with hours."""
    service = people["service"]
    long_text = "Perhekahvilassa tavataan muita perheitä, leikitään ja jutellaan ohjaajan kanssa. " * 6
    Service.objects.filter(pk=service.pk).update(
        summary_fi="Avoin kohtaamispaikka vauva- ja leikki-ikäisten perheille.", description_fi=long_text,
        how_to_get_fi="Tule paikalle, ilmoittautumista ei tarvita.", phone="+358131234567",
        email="kahvila@example.fi", fee_description_fi="Kahvi 1 €.", interpretation="free",
        interpretation_note_fi="Kerro tulkin tarpeesta etukäteen.", accepts_referrals=True,
    )  # fmt: skip
    service.service_types.add(*ServiceType.objects.filter(code__in=["meeting-place", "family-work"]))
    service.life_situations.add(*LifeSituation.objects.filter(code__in=["baby", "parent-coping"]))
    service.languages.add(*Language.objects.filter(code__in=["fi", "sv", "en", "ru"]))
    service.service_areas.add(*Municipality.objects.filter(code__in=["422", "167"]))
    factories.weekday_schedule(factories.delivery(service_obj=service))
    return service


def _section_url(service, key: str) -> str:
    base = f"/workspace/services/{service.pk}/"
    return base if key == "basics" else f"{base}{key}/"


def test_every_section_fits_two_screens_with_its_boxes_beside_their_labels(page, people, full):  # noqa: F811
    _sign_in(
        page, people["editor"], TOTPDevice.objects.create(user=people["editor"], name="a", confirmed=True)
    )
    heights, misplaced, violations = {}, {}, {}
    for section in SERVICE_SECTIONS:
        page.goto(_section_url(full, section.key))
        heights[section.key] = page.evaluate("document.documentElement.scrollHeight")
        violations[section.key] = axe_violations(page)
        if section.fields and section.key not in ("languages", "more-languages"):  # texts only, no checkbox
            misplaced[section.key] = misplaced_controls(page)
    # The page's top and at most two more screens; all groups of choices opened are counted too
    # (misplaced_controls opens them), so the heights were taken before.
    assert {key: h for key, h in heights.items() if h > 3 * SCREEN} == {}, heights
    assert {key: m for key, m in misplaced.items() if m} == {}
    assert {key: v for key, v in violations.items() if v} == {}
    page.set_viewport_size({"width": 390, "height": 844})
    wide = {}
    for section in SERVICE_SECTIONS:
        page.goto(_section_url(full, section.key))
        wide[section.key] = page.evaluate("document.documentElement.scrollWidth")
    assert {key: w for key, w in wide.items() if w > 390} == {}


def test_an_editor_finds_a_type_by_typing_and_saves_it(page, people, full):  # noqa: F811
    _sign_in(
        page, people["editor"], TOTPDevice.objects.create(user=people["editor"], name="a", confirmed=True)
    )
    page.goto(_section_url(full, "basics"))
    child_clinic = ServiceType.objects.get(code="child-health-clinic")
    box = page.locator(f"input[name=service_types][value='{child_clinic.pk}']")
    assert not box.is_visible()  # its group is folded: nothing in it is chosen
    page.fill("#id_service_types_filter", "neuvola")
    assert box.is_visible()
    shown = page.locator("#id_service_types li:visible").all_inner_texts()
    assert shown and all("neuvola" in text.lower() for text in shown)
    box.check()
    group = page.locator("[data-choice-group]", has=box)
    assert "(1 valittu)" in group.locator("summary").inner_text()
    page.fill("#id_service_types_filter", "ei tällaista palvelua")
    expect(page.locator("text=Listassa ei ole osumia.").first).to_be_visible()
    page.fill("#id_service_types_filter", "")
    page.keyboard.press("Enter")  # in the filter box: does not send the form
    assert Service.objects.get(pk=full.pk).service_types.filter(pk=child_clinic.pk).exists() is False
    page.click("main form.section-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    codes = set(Service.objects.get(pk=full.pk).service_types.values_list("code", flat=True))
    assert codes == {"family-cafe", "meeting-place", "family-work", "child-health-clinic"}
    assert axe_violations(page) == []


def test_a_missing_contact_is_put_right_from_the_checklist_and_then_published(page, people, full):  # noqa: F811
    Service.objects.filter(pk=full.pk).update(phone="", email="", publication="pending")
    _sign_in(
        page, people["editor"], TOTPDevice.objects.create(user=people["editor"], name="a", confirmed=True)
    )
    page.goto(_section_url(full, "where"))
    expect(page.locator(".section-tabs a:has-text('Perustiedot') .attention").first).to_be_visible()
    page.click(".checklist a:has-text('Yhteystieto')")
    assert page.url.endswith(_section_url(full, "basics"))
    page.fill("#id_phone", "013 123 4567")
    page.click("main form.section-form button[type=submit]")
    page.wait_for_selector(".site-messages")
    assert page.locator(".section-tabs .attention").count() == 0
    page.click(".account-menu > summary")
    page.click(".account-menu button:text-is('Kirjaudu ulos')")
    coordinator = people["coordinator"]
    _sign_in(page, coordinator, TOTPDevice.objects.create(user=coordinator, name="a", confirmed=True))
    page.click("nav >> text=Tarkastusjono")
    page.click("main button:has-text('Julkaise')")
    page.wait_for_selector(".site-messages")
    assert Service.objects.get(pk=full.pk).publication == "published"
