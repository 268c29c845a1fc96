"""Helplines open now (issue 28) in a browser: the box that htmx fetches into the search results, and
the page, on a phone and a wide screen, accessibly."""

import pytest
import time_machine

from perhekeskus.catalog.tests import factories
from perhekeskus.search import indexing
from perhekeskus.web.tests.browser.conftest import axe_violations, wider_than_the_screen
from perhekeskus.web.tests.test_helplines import helplines  # noqa: F401
from perhekeskus.web.tests.test_next_steps import MONDAY_NOON

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def cafes(helplines):  # noqa: F811
    for number in range(4):
        factories.service(name_fi=f"Perhekahvila Helmi {number}")
    indexing.rebuild()


def test_the_search_results_show_the_helplines_open_now(phone, client, cafes):
    client.get("/search/?q=perhekahvila")  # the first search of a process loads the word lists
    with time_machine.travel(MONDAY_NOON, tick=True):
        phone.goto("/search/?q=perhekahvila")
        box = phone.locator("section.results > aside.helplines-box")  # in its place, the results kept
        box.wait_for()
        assert phone.get_by_role("link", name="Perhekahvila Helmi 0").is_visible()
        assert box.get_by_role("heading", name="Nyt avoinna olevat auttavat puhelimet ja chatit").is_visible()
        assert box.get_by_role("link", name="Nuorten linja", exact=True).is_visible()
        assert box.locator("a[href='tel:112']").is_visible()
        assert not wider_than_the_screen(phone)
        assert axe_violations(phone) == []
        box.get_by_role("link", name="Kaikki auttavat puhelimet ja chatit aukioloaikoineen").click()
        phone.wait_for_url("**/helplines/")
        assert phone.get_by_role("heading", name="Auttavat puhelimet ja chatit", level=1).is_visible()


@pytest.mark.usefixtures("helplines")
@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_the_helplines_page_reads_on_a_phone_and_a_wide_screen(browser, live_server, width, height):
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        with time_machine.travel(MONDAY_NOON, tick=True):
            page.goto("/en/helplines/")
            assert page.get_by_role("heading", name="Open now", level=2).is_visible()
            assert page.get_by_role("heading", name="Opening later", level=2).is_visible()
            assert page.get_by_role("link", name="Open the chat").get_attribute("href") == (
                "https://chat.example.fi/vanhemmat"
            )
            assert not wider_than_the_screen(page)
            assert axe_violations(page) == []
            page.screenshot(path=f"/tmp/helplines-{width}.png", full_page=True)
    finally:
        context.close()
