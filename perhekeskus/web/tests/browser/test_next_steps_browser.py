"""No dead ends (issue 21) on a phone: a search that finds nothing shows its next steps, accessibly."""

import re

import pytest

from perhekeskus.web.tests.browser.conftest import axe_violations, policed_page
from perhekeskus.web.tests.test_next_steps import guidance  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_next_steps_of_a_search_without_results_on_a_phone(browser, live_server, client, guidance):  # noqa: F811
    # The first search of a process loads the word lists of the search, which may take longer than a
    # page load may; the live server runs in this process.
    client.get("/search/?q=xyzzyqwerty")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    with policed_page(context) as page:
        page.goto("/search/?q=xyzzyqwerty&municipality=422")
        steps = page.locator(".next-steps")
        steps.scroll_into_view_if_needed()
        assert steps.is_visible()
        assert page.get_by_role("link", name="Lieksan palveluohjaus", exact=True).is_visible()
        assert page.locator(".next-steps a[href='tel:112']").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert axe_violations(page) == []
        # Without a municipality the family chooses one, and the page shows its service guidance.
        page.goto("/search/?q=xyzzyqwerty")
        page.select_option("#next-steps-municipality", "422")
        page.click(".municipality-choice button")
        page.wait_for_url(re.compile(r"/search/\?.*q=xyzzyqwerty&municipality=422"))
        assert page.get_by_role("link", name="Lieksan palveluohjaus", exact=True).is_visible()
        assert axe_violations(page) == []
