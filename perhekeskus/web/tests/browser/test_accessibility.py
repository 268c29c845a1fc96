"""axe-core (WCAG 2.0–2.2 A and AA) in Chromium on every page type, in all three languages, on a phone and
a desktop screen, with results and without;
keyboard use, small screens and large text."""

import gzip
import re

import pytest
from django.urls import reverse

from perhekeskus.catalog import services as catalog_services
from perhekeskus.network.models import FamilyCentre, Municipality, Network
from perhekeskus.web.tests.browser.conftest import axe_violations, policed_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _page_paths(network) -> dict[str, str]:
    cafe = network["cafe"]
    # Results and the service page mark an interpreter, and the guide for families new to Finland lists them.
    catalog_services.service_save(
        actor=None, service=cafe, values={"interpretation": "free", "interpretation_note_fi": "Kysy tulkkia."}
    )
    FamilyCentre.objects.create(
        municipality=Municipality.objects.get(code="167"),
        network=Network.objects.create(slug="testi", name_fi="Testiverkosto"),
        name_fi="Joensuun perhekeskus",
        local_emphasis_fi="Kaupungin perheet.",
    )
    return {
        "home": "/",
        "search with results": "/search/?q=neuvola",
        "search without results": "/search/?q=xyzzyqwerty&municipality=422",
        "search with filters and position": "/search/?lat=62.6&lon=29.76&radius_km=25&sort=distance&free=true",
        "service": reverse("service", args=[cafe.pk]),
        "organization": reverse("organization", args=[cafe.organization_id]),
        "guides": "/guides/",
        "guide": "/guides/expecting/?municipality=167",
        "guide listing services with an interpreter": "/guides/new-to-finland/?municipality=167",
        "search for services with an interpreter": "/search/?interpreter=true",
        "municipality": reverse("municipality", args=["167"]),
        "your municipality": "/my-municipality/",
        "activities": "/activities/",
        "my list, empty": "/my-list/",
        "shared list": f"/my-list/?s={cafe.pk},{network['speech'].pk}",
        "not found": "/no-such-page/",
        "accessibility statement": "/accessibility/",
        "privacy notice": "/privacy/",
    }


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["", "/sv", "/en"])
def test_no_wcag_a_or_aa_violations_on_any_page_type(browser, live_server, network, language, viewport):
    found = {}
    size = dict(zip(("width", "height"), viewport, strict=True))
    with policed_page(browser.new_context(base_url=live_server.url, viewport=size)) as page:
        for name, path in _page_paths(network).items():
            page.goto(language + path)
            violations = axe_violations(page)
            if violations:
                found[name] = violations
    assert found == {}


def test_no_violations_with_the_map_open(page, network):
    page.route(re.compile(r"^https?://(?!localhost)"), lambda route: route.abort())  # tiles
    page.goto("/search/?q=perhekahvila")
    page.click("#show-map")
    page.wait_for_selector(".leaflet-marker-icon")
    assert axe_violations(page) == []


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(page, network):
    page.goto("/search/?q=neuvola")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Every form control and link can be reached with Tab.
    reachable = page.evaluate(
        """() => [...document.querySelectorAll('main a[href], main input:not([type=hidden]), main select, main button, main summary')]
              .filter(e => !e.disabled && !e.hidden && e.offsetParent !== null)
              .every(e => e.tabIndex >= 0)"""
    )
    assert reachable


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=neuvola", "/guides/expecting/", "/my-list/", "/no-such-page/"]
)
def test_no_horizontal_scrolling_at_320_px_or_with_text_at_200_percent(browser, live_server, network, path):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    narrow.goto(path)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 640, "height": 800})
    large_text = context.new_page()
    large_text.goto(path)
    # Through the page's style object: the Content-Security-Policy refuses an added <style> element.
    large_text.evaluate("document.documentElement.style.setProperty('font-size', '200%', 'important')")
    assert large_text.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    assert large_text.evaluate("document.documentElement.scrollWidth") <= 640
    context.close()


def _transferred(response) -> int:
    """Bytes on the wire as the site serves them: compressed (GZipMiddleware compresses pages and the
    static files WhiteNoise serves, see test_site; the test server's own static handler does not)."""
    body = response.body()
    if response.headers.get("content-encoding") == "gzip":
        return response.request.sizes()["responseBodySize"]
    return len(gzip.compress(body)) if len(body) >= 200 else len(body)


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=neuvola", "/guides/expecting/", "/search/?q=perhekahvila#map"]
)
def test_a_page_weighs_under_200_kb_without_map_tiles(page, network, path):
    responses = []
    page.route(re.compile(r"^https?://(?!localhost)"), lambda route: route.abort())  # tiles
    page.on("response", lambda response: responses.append(response))
    page.goto(path, wait_until="networkidle")
    if path.endswith("#map"):
        page.click("#show-map")
        page.wait_for_selector(".leaflet-marker-icon")
        page.wait_for_load_state("networkidle")
    uncompressed = sum(len(r.body()) for r in responses)
    transferred = sum(_transferred(r) for r in responses)
    assert transferred < 200 * 1024
    if not path.endswith("#map"):  # Leaflet alone is 160 KB before compression
        assert uncompressed < 200 * 1024
