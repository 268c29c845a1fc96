"""What a parent does on the site, in a real browser, with JavaScript and without."""

import re

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def wait_until_settled(page, heading):
    """Until htmx has swapped in the results headed `heading` and finished settling them (it marks what
    it is still swapping or settling with these classes; the page's own set-up runs after settling)."""
    page.wait_for_function(
        """heading => document.getElementById("results-heading")?.innerText === heading
        && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")""",
        arg=heading,
    )


def test_search_and_filter_in_place_with_javascript(page, network):
    page.goto("/")
    page.fill("#q", "neuvola")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url(re.compile(r"/search/\?q=neuvola"))
    assert page.locator("#results-heading").inner_text() == "2 palvelua löytyi"
    page.wait_for_function("() => window.htmx !== undefined")
    page.locator("summary", has_text="Kunta").click()
    page.check("#municipality-422")
    # HTMX swaps the results in place and puts the choice in the address.
    page.wait_for_url(re.compile(r"municipality=422"))
    page.wait_for_function("() => document.querySelector('#results-heading').innerText.startsWith('1 ')")
    assert page.locator("#search-status").inner_text() == "1 palvelu löytyi"
    assert page.locator(".result h3").all_inner_texts() == ["Lieksan lastenneuvola"]
    # The checkbox kept focus through the swap.
    assert page.evaluate("document.activeElement.id") == "municipality-422"


def test_search_and_filter_without_javascript(page_without_js, network):
    page = page_without_js
    page.goto("/search/?q=neuvola")
    # Without JavaScript the filters wait behind their button on a wide screen too.
    assert not page.locator("#filters").is_visible()
    page.locator("summary", has_text="Rajaa hakua").click()
    page.locator("summary", has_text="Kunta").click()
    page.check("#municipality-422")
    page.click("text=Päivitä tulokset")
    page.wait_for_url(re.compile(r"municipality=422"))
    assert page.locator(".result h3").all_inner_texts() == ["Lieksan lastenneuvola"]
    # Removing the filter is a plain link.
    page.click(".active-filters a")
    assert page.locator("#results-heading").inner_text() == "2 palvelua löytyi"


def test_open_a_service_from_the_results(any_page, network):
    page = any_page
    page.goto("/search/?q=perhekahvila")
    page.click("text=Perhekahvila Pesä")
    page.wait_for_url(re.compile(r"/services/"))
    assert page.locator("h1").inner_text() == "Perhekahvila Pesä"
    # How to get the service comes right after the title.
    assert page.locator("h1 ~ section.how-to-get").count() == 1


def test_switch_language_keeps_the_page_and_the_search(any_page, network):
    page = any_page
    page.goto("/search/?q=neuvola")
    page.click(".language-menu summary")  # the nine languages behind the globe
    page.click(".language-switch >> text=Svenska")
    page.wait_for_url(re.compile(r"/sv/search/\?q=neuvola"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "Sök tjänster"
    page.click(".language-menu summary")
    page.click(".language-switch >> text=English")
    page.wait_for_url(re.compile(r"/en/search/\?q=neuvola"))
    assert page.locator("h1").inner_text() == "Search services"


def test_service_page_prints_without_navigation_and_forms(page, network):
    page.goto(f"/services/{network['cafe'].pk}/")
    page.emulate_media(media="print")
    assert page.locator(".site-header nav").first.is_hidden()
    assert page.locator(".my-list-form").is_hidden()
    assert page.locator("h1").is_visible() and page.locator("section.how-to-get").is_visible()


def test_use_a_guide_for_the_chosen_municipality(any_page, network):
    page = any_page
    page.goto("/")
    page.click("text=Odotamme vauvaa")
    assert page.locator("h1").inner_text() == "Odotamme vauvaa"
    page.select_option("#municipality", "167")
    page.click("text=Näytä palvelut")
    page.wait_for_url(re.compile(r"municipality=167"))
    assert "Joensuun äitiysneuvola" in page.locator("main").inner_text()


def test_collect_services_on_my_list_and_share_it(any_page, network):
    page = any_page
    page.goto("/search/?q=perhekahvila")
    page.click("text=Lisää omalle listalle")
    if page.javascript:  # swapped in place, focus stays on the button
        page.wait_for_selector("text=Poista omalta listalta")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Poista omalta listalta"
    page.wait_for_selector("#my-list-link:has-text('Oma lista (1)')")
    page.click("#my-list-link")
    assert page.locator("h1").inner_text() == "Oma lista"
    assert "Perhekahvila Pesä" in page.locator("main").inner_text()
    share_url = page.input_value("#share-url")
    # The link opens the same list in another browser (no cookie of this one).
    other = page.context.browser.new_context(java_script_enabled=page.javascript).new_page()
    other.goto(share_url)
    assert other.locator("h1").inner_text() == "Jaettu lista"
    assert "Perhekahvila Pesä" in other.locator("main").inner_text()
    other.context.close()


def test_a_kept_page_compressed_in_parts_reads_and_posts_in_the_browser(browser, live_server, network):
    """The second visitor gets the page kept for the first, compressed in parts with their own tokens
    (web.page_cache, core.gzipped): Chromium unzips it, and its form's token is accepted."""
    first = browser.new_context(base_url=live_server.url).new_page()
    first.goto("/search/?q=perhekahvila")
    first.context.close()
    later = browser.new_context(base_url=live_server.url).new_page()
    answer = later.goto("/search/?q=perhekahvila")
    assert answer.header_value("content-encoding") == "gzip"
    assert "Perhekahvila Pesä" in later.locator("main").inner_text()
    later.click("text=Lisää omalle listalle")
    later.wait_for_selector("#my-list-link:has-text('Oma lista (1)')")
    later.context.close()


def test_map_view_of_the_results_works_without_tiles_and_never_traps_focus(page, network):
    # Tiles come from outside this machine: refuse them, as when the tile server is down.
    page.route(re.compile(r"^https?://(?!localhost)"), lambda route: route.abort())
    page.goto("/search/?q=perhekahvila")
    page.click("#show-map")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 1
    assert page.get_attribute("#show-map", "aria-expanded") == "true"
    assert page.locator(".result h3").all_inner_texts() == ["Perhekahvila Pesä"]  # the list stays
    page.focus("#show-map")
    left_the_map = False
    for _ in range(12):
        page.keyboard.press("Tab")
        inside = page.evaluate("document.getElementById('map-panel').contains(document.activeElement)")
        if not inside and page.evaluate("document.activeElement.closest('.result') !== null"):
            left_the_map = True
            break
    assert left_the_map


def test_without_javascript_the_list_is_the_map_view(page_without_js, network):
    page_without_js.goto("/search/?q=perhekahvila")
    assert page_without_js.locator("#show-map").is_hidden()
    assert page_without_js.locator(".result h3").all_inner_texts() == ["Perhekahvila Pesä"]


def test_after_results_change_in_place_title_language_links_and_map_follow(page, network):
    page.route(re.compile(r"^https?://(?!localhost)"), lambda route: route.abort())  # tiles
    page.goto("/search/?q=neuvola")
    page.wait_for_function("() => window.htmx !== undefined")
    page.fill("#q", "perhekahvila")
    page.click("#search-button")
    page.wait_for_url(re.compile(r"q=perhekahvila"))
    page.wait_for_function("() => document.title.startsWith('perhekahvila')")
    assert page.get_attribute(".language-switch a[lang=sv]", "href") == "/sv/search/?q=perhekahvila"
    # A change of my list swaps only its button; the map button keeps working.
    page.click("text=Lisää omalle listalle")
    page.wait_for_selector("text=Poista omalta listalta")
    page.click("#show-map")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.get_attribute("#show-map", "aria-expanded") == "true"
    # Back to the first search: the address changes at once, then htmx asks the server for the page and
    # swaps it in; a whole page, never the bare results region.
    page.go_back()
    page.wait_for_url(re.compile(r"q=neuvola"))
    wait_until_settled(page, "2 palvelua löytyi")
    assert page.locator("header.site-header").count() == 1
    assert page.locator("h1").count() == 1
    # The map was open: it is open again and drawn for these results (both clinics).
    assert page.locator("#map.leaflet-container .leaflet-marker-icon").count() == 2


def test_an_open_map_follows_a_change_of_filters(page, network):
    page.route(re.compile(r"^https?://(?!localhost)"), lambda route: route.abort())  # tiles
    page.goto("/search/?q=neuvola")
    page.wait_for_function("() => window.htmx !== undefined")
    page.click("#show-map")
    page.wait_for_selector(".leaflet-marker-icon")
    page.locator("summary", has_text="Kunta").click()
    page.check("#municipality-167")
    wait_until_settled(page, "1 palvelu löytyi")
    assert page.locator(".result h3").all_inner_texts() == ["Joensuun äitiysneuvola"]
    assert page.get_attribute("#show-map", "aria-expanded") == "true"
    assert page.locator("#map.leaflet-container .leaflet-marker-icon").count() == 1
