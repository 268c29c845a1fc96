"""A family on a phone (390×844) and on a desktop (1280×900): results first, filters behind a button
that works without JavaScript, controls beside their labels and big enough to tap."""

import re

import pytest

from perhekeskus.web.tests.browser.conftest import axe_violations, misplaced_controls, policed_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def phone(request, browser, live_server):
    with policed_page(
        browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=request.param)
    ) as page:
        page.javascript = request.param
        yield page


def _first_result_top(page) -> float:
    return page.evaluate("document.querySelector('.result-list .result').getBoundingClientRect().top")


def test_the_first_result_is_in_the_first_screen_on_a_phone(phone, network):
    phone.goto("/search/?q=neuvola")
    assert _first_result_top(phone) < PHONE["height"]
    assert not phone.locator("#filters").is_visible()
    # The filters open from their button (a disclosure: no JavaScript needed) and are applied.
    phone.locator("#filters-panel > summary").click()
    phone.locator("summary", has_text="Kunta").click()
    phone.check("#municipality-422")
    if not phone.javascript:
        phone.click("text=Päivitä tulokset")
    phone.wait_for_url(re.compile(r"municipality=422"))
    phone.wait_for_function("() => document.querySelector('#results-heading').innerText.startsWith('1 ')")
    if not phone.javascript:
        # After a page load the results come first again, with the filter in use as a chip above them.
        assert not phone.locator("#filters").is_visible()
        assert _first_result_top(phone) < PHONE["height"]
    assert phone.locator(".active-filters a").all_inner_texts() == ["Lieksa ×"]
    assert (
        " ".join(phone.locator("#filters-panel > summary").inner_text().split()) == "Rajaa hakua (1 käytössä)"
    )
    chip = phone.locator(".active-filters a").bounding_box()
    assert chip["y"] < phone.locator(".result-list .result").first.bounding_box()["y"]


def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(page, network):
    page.goto("/search/?q=neuvola")
    assert page.locator("#filters").is_visible()
    filters, results = page.locator("#filters").bounding_box(), page.locator(".results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert _first_result_top(page) < DESKTOP["height"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_checkboxes_and_radio_buttons_sit_beside_their_labels(browser, live_server, network, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    paths = ["/search/?q=neuvola", "/activities/"]
    found = {}
    for path in paths:
        page.goto(path)
        found[path] = misplaced_controls(page)
    context.close()
    assert found == {path: [] for path in paths}


def test_a_place_shows_its_route_and_a_map_on_demand_usable_by_keyboard(browser, live_server, network):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    with policed_page(context) as page:
        page.route(re.compile(r"^https?://(?!localhost)"), lambda route: route.abort())  # tiles
        page.goto(f"/services/{network['cafe'].pk}/")
        route = page.locator("a", has_text="Reitti tähän paikkaan").first
        assert route.get_attribute("href").startswith("https://www.google.com/maps/dir/?api=1&destination=")
        assert not page.locator(".place-map").first.is_visible()
        button = page.locator("button.place-map-button").first
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(".place-map .leaflet-marker-icon")
        assert button.get_attribute("aria-expanded") == "true"
        # The map takes the keyboard (Leaflet's own: arrows pan, + and - zoom) and lets it go on.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.place-map') !== null")
        assert axe_violations(page) == []
