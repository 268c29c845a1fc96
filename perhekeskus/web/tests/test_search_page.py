import re

import pytest
from django.urls import reverse

from perhekeskus.catalog import services
from perhekeskus.catalog.models import DeliveryMode, LifeSituation, Location
from perhekeskus.catalog.tests import factories
from perhekeskus.network import services as network_services
from perhekeskus.network.models import Municipality
from perhekeskus.search import codes, indexing
from perhekeskus.search.models import SearchLog
from perhekeskus.web import my_list, search_page

pytestmark = pytest.mark.django_db


def _page(client, url="/search/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _result_names(html: str) -> list[str]:
    return re.findall(
        r'<h3><a href="/(?:sv/|en/)?services/[^"]+" hx-boost="false">(?:<span lang="\w+">)?([^<]+)', html
    )


def test_search_page_shows_results_with_provider_place_mode_cost_and_opening(client, network):
    html = _page(client, q="perhekahvila")
    assert '<html lang="fi" dir="ltr">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert _result_names(html) == ["Perhekahvila Pesä"]
    assert "MLL Joensuu" in html
    assert ("Joensuu" in html and "Perhekeskuksen tiloissa" in html) or "Joensuu" in html
    assert "Maksullinen" in html
    assert reverse("service", args=[network["cafe"].pk]) in html


def test_every_api_filter_is_a_form_control_that_works_without_javascript(client, network):
    html = _page(client)
    for name in ("q", "age_months", "free", "open_now", "radius_km", "sort"):
        assert re.search(rf'<(input|select)[^>]* id="{name}"[^>]* name="{name}"', html), name
    for facet in ("municipality", "category", "service_type", "delivery_mode", "language", "life_situation"):
        assert f'name="{facet}"' in html, facet
    # Facets carry counts and each checkbox has a label.
    assert re.search(r'<label for="municipality-167">Joensuu <span class="count">\(\d+\)</span>', html)
    assert 'method="get"' in html and 'action="/search/"' in html


def test_filters_from_the_address_apply_and_stay_chosen(client, network):
    html = _page(client, municipality="422", free="true")
    assert set(_result_names(html)) == {"Lieksan lastenneuvola", "Lasten puheterapia"}
    assert re.search(r'id="municipality-422" name="municipality" value="422" checked', html)
    assert re.search(r'id="free" name="free" value="true" checked', html)
    # Each filter in use can be removed on its own.
    assert 'href="/search/?free=true"' in html


def test_invalid_values_are_explained_and_left_out(client, network):
    html = _page(client, age_months="-3", municipality="999", page="x", lat="62.6")
    assert 'class="form-errors" role="alert"' in html
    assert "Lapsen ikä:" in html
    assert "Tuntematon koodi: 999." in html
    assert "Sijainti:" in html
    # The rest of the search still runs.
    assert len(_result_names(html)) == 6


def test_messages_follow_the_page_language(client, network):
    html = _page(client, "/en/search/", age_months="abc")
    assert '<html lang="en" dir="ltr">' in html
    assert "Child&#x27;s age:" in html or "Child's age:" in html
    assert "Search services" in html


def test_htmx_request_gets_the_results_region_only(client, network):
    response = client.get("/search/", {"q": "neuvola"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<title>") and '<div id="search-region">' in html
    assert 'hx-swap-oob="true"' in html and "2 palvelua löytyi" in html


def test_suggestion_for_a_misspelt_word(client, network):
    html = _page(client, q="puheterapai")
    assert "Tarkoititko" in html
    assert 'href="/search/?q=puheterapia"' in html
    assert _result_names(html) == ["Lasten puheterapia"]


def test_no_results_offers_ways_forward(client, network):
    html = _page(client, q="puheterapia", municipality="422", open_now="true")
    assert 'class="no-results"' in html
    assert "Poista" in html  # remove a filter
    assert 'href="/search/?q=puheterapia&amp;municipality=422"' in html  # without "open now"
    # A facet with nothing to choose says so (the municipality keeps its choice).
    assert html.count('<p class="meta">Ei valintoja näille tuloksille.</p>') == 4
    nearby = _page(client, q="turvakoti", municipality="422")
    assert "Lähikunta Joensuu: 1 palvelu" in nearby
    assert 'href="/search/?q=turvakoti&amp;municipality=167"' in nearby


def test_the_search_without_the_municipality_is_made_once_for_its_counts_and_the_nearby_ones(
    client, network, monkeypatch
):
    made = []
    search = search_page.search_without_log

    def noted(params, **kwargs):
        made.append(params)
        return search(params, **kwargs)

    monkeypatch.setattr(search_page, "search_without_log", noted)
    # Nothing in Lieksa: the municipalities' counts and the nearby municipalities both need the
    # search without it, made once, for its total and facets only.
    html = _page(client, q="turvakoti perhekahvila", municipality="422")
    assert "Lähikunta Joensuu" in html
    without = [params for params in made if params.get("q") and not params.get("municipality")]
    assert len(without) == 1 and without[0]["page_size"] == 0


def test_paging_and_sorting(client, network):
    for number in range(25):
        factories.service(types=("family-club",), name_fi=f"Kerho {number:02}")
    indexing.rebuild()
    first = _page(client, sort="name")
    assert len(_result_names(first)) == 20
    assert 'rel="next"' in first and 'aria-current="page">1<' in first
    assert '<a href="/search/?sort=name&amp;page=2' in first and 'aria-label="Sivu 2">2</a>' in first
    # Adding a result to the list without JavaScript comes back to this page, not to the next one.
    assert set(re.findall(r'name="next" value="([^"]*)"', first)) == {"/search/?sort=name"}
    second = _page(client, sort="name", page="2")
    assert len(_result_names(second)) == 11
    assert not set(_result_names(first)) & set(_result_names(second))
    assert 'rel="prev"' in second


def test_a_chosen_municipality_counts_what_each_other_would_find(client, network):
    def counts(html: str) -> dict[str, str]:
        facet = re.search(r"<summary>Kunta</summary>.*?</fieldset>", html, re.S).group(0)
        return dict(re.findall(r'<label for="municipality-(\d+)">[^<]*<span class="count">\((\d+)\)', facet))

    # Choosing Lieksa as well would find Lieksa's clinic: counted beside the chosen Joensuu.
    assert counts(_page(client, q="neuvola", municipality="167")) == {"167": "1", "422": "1"}
    # Nothing has both words (the results are of either): each municipality counts what a search
    # without the choice finds, as the search without it would show.
    either = _page(client, q="perhekahvila puheterapia", municipality="167")
    assert counts(either) == counts(_page(client, q="perhekahvila puheterapia")) != {}


def test_a_long_facet_shows_the_chosen_and_the_most_finding_options_and_folds_the_rest(client, network):
    codes = ["005", "009", "010", "016", "018", "019", "020", "035", "043", "046", "047", "049", "050", "051"]
    for number in range(len(codes)):
        club = factories.service(types=("family-club",), name_fi=f"Kerho {number:02}")
        places = [factories.municipality(c) for c in codes[: number + 1]]  # 005 reaches most, 051 fewest
        factories.delivery(service_obj=club, mode="home-visit", municipalities=places)
    indexing.rebuild()
    html = _page(client, q="kerho")
    facet = re.search(r"<summary>Kunta</summary>.*?</fieldset>", html, re.S).group(0)
    shown, folded = facet.split('<details class="more-options">')
    assert re.findall(r'id="municipality-(\d+)"', shown) == codes[:8]
    assert "Näytä 6 lisää" in folded
    assert re.findall(r'id="municipality-(\d+)"', folded) == codes[8:]
    assert '<label for="municipality-051">Eurajoki <span class="count">(1)</span></label>' in folded
    # A folded option chosen comes first: eight shown in all.
    chosen = re.search(
        r"<summary>Kunta</summary>.*?</fieldset>", _page(client, q="kerho", municipality="051"), re.S
    )
    shown, folded = chosen.group(0).split('<details class="more-options">')
    assert re.findall(r'id="municipality-(\d+)"', shown) == ["051", *codes[:7]]
    assert 'value="051" checked>' in shown and len(re.findall(r'id="municipality-', folded)) == 6
    # A short facet is not folded.
    assert '<details class="more-options">' not in re.search(
        r"<summary>Palvelun tyyppi</summary>.*?</fieldset>", html, re.S
    ).group(0)


def test_language_versions_keep_the_page_and_the_query(client, network):
    html = _page(client, "/sv/search/", q="neuvola")
    assert '<html lang="sv" dir="ltr">' in html
    assert 'href="/en/search/?q=neuvola"' in html
    assert 'href="/search/?q=neuvola"' in html
    assert 'hreflang="fi" href="http://testserver/search/"' in html
    assert 'hreflang="x-default"' in html


def test_web_searches_are_logged_without_personal_data(client, network):
    _page(client, q="neuvola", municipality="167", lat="62.6", lon="29.76", radius_km="10")
    log = SearchLog.objects.get()
    assert log.query == "neuvola"
    assert log.filters == {"municipality": ["167"], "radius_km": 10.0, "sort": "relevance"}
    assert "62.6" not in str(log.filters)


def test_search_page_is_read_only(client, network):
    assert client.post("/search/", {"q": "neuvola"}).status_code == 405


def test_service_page_starts_with_how_to_get_it_and_shows_nearby_services_of_the_type(client, network):
    from perhekeskus.catalog.tests import factories as f

    other = f.service(types=("family-cafe",), name_fi="Perhekahvila Kupla")
    f.delivery(service_obj=other, mode="family-centre-building", municipalities=[f.municipality("167")])
    indexing.rebuild()
    html = _page(client, reverse("service", args=[network["cafe"].pk]))
    assert html.index("Näin saat palvelun") < html.index('<p class="lead">Avoin perhekahvila vauvaperheille.')
    assert html.index("<h1>") < html.index("Näin saat palvelun")
    assert "Muita samanlaisia palveluita lähellä" in html and "Perhekahvila Kupla" in html
    assert "Lisää omalle listalle" in html


def test_service_page_notes_text_shown_in_another_language(client, network):
    path = reverse("service", args=[network["cafe"].pk])
    html = _page(client, "/sv" + path)
    assert "En del av informationen finns bara på finska." in html
    assert '<p class="lead"><span lang="fi">Avoin perhekahvila vauvaperheille.</span></p>' in html


def test_links_keep_every_filter_including_a_false_one(client, network):
    html = _page(client, free="false", q="perhekahvila")
    assert "Maksulliset" in html  # the filter in use, removable
    assert '<input type="hidden" name="free" value="false">' in html  # kept by a new text search
    assert _result_names(html) == ["Perhekahvila Pesä"]


def test_htmx_history_restore_gets_the_whole_page_and_caches_keep_them_apart(client, network):
    restore = client.get(
        "/search/", {"q": "neuvola"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    html = restore.content.decode()
    assert "<html" in html and 'class="site-header"' in html
    partial = client.get("/search/", {"q": "neuvola"}, HTTP_HX_REQUEST="true")
    assert "HX-Request" in partial["Vary"] and "Cookie" in partial["Vary"]
    # The partial names the page in its title and carries the language links for the new search.
    partial_html = partial.content.decode()
    assert "<title>neuvola – Hae palveluita – Perhekeskus</title>" in partial_html
    assert 'id="language-switch"' in partial_html and 'href="/sv/search/?q=neuvola"' in partial_html


def test_a_page_past_the_last_offers_the_first(client, network):
    html = _page(client, q="neuvola", page="5")
    assert "Tällä sivulla ei ole tuloksia." in html
    assert 'href="/search/?q=neuvola">Siirry ensimmäiselle sivulle' in html
    assert 'class="no-results"' not in html


def test_a_municipality_named_in_the_words_is_said(client, network):
    html = _page(client, q="neuvola lieksa")
    assert _result_names(html) == ["Lieksan lastenneuvola"]
    assert "Palvelut perheille: Lieksa (hakusanoistasi)." in html


def test_a_result_writes_what_a_provider_typed_as_text_and_each_its_own_list_button(client, network):
    """Results are written by web.templatetags.results, not by the template engine's autoescaping."""
    markup = '<img src=x onerror="alert(1)">'
    cafe = network["cafe"]
    services.service_save(
        actor=None, service=cafe, values={"name_fi": f"Perhekahvila {markup}", "summary_fi": f"Tule {markup}"}
    )
    organization_values = {"name_fi": f"MLL {markup}"}
    network_services.organization_save(actor=None, organization=cafe.organization, values=organization_values)
    indexing.index_services([cafe.pk])
    client.cookies[my_list.COOKIE] = str(cafe.pk)
    html = _page(client, q="perhekahvila tule")
    assert markup not in html
    assert html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 3  # name, summary, organisation
    [card] = re.findall(r'<li class="result">.*?</form>', html, re.S)
    assert f'name="service" value="{cafe.pk}"' in card and 'value="remove"' in card
    others = _page(client, q="neuvola")
    assert 'value="add"' in others and f'value="{cafe.pk}"' not in others
    assert 'name="csrfmiddlewaretoken"' in others


def test_names_from_the_reference_data_and_places_are_written_as_text(client, network):
    """Place, municipality, delivery mode and life situation names reach the page through Python
    (web.templatetags.results, search_page.checkboxes), not the template engine's autoescaping."""
    markup = '<img src=x onerror="alert(1)">'
    cafe = network["cafe"]
    Location.objects.filter(deliveries__service=cafe).update(name_fi=f"Perhetalo {markup}")
    Municipality.objects.filter(code="167").update(name_fi=f"Joensuu {markup}")
    DeliveryMode.objects.filter(code="family-centre-building").update(name_fi=f"Perhekeskus {markup}")
    LifeSituation.objects.filter(code="baby").update(name_fi=f"Vauva {markup}")
    codes.names.forget()
    codes.names_in.forget()
    indexing.index_services([cafe.pk])
    html = _page(client, q="perhekahvila", municipality="167")
    assert markup not in html
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    [card] = re.findall(r'<li class="result">.*?</form>', html, re.S)
    assert f"Perhetalo {escaped}" in card  # the nearest place
    assert f"Joensuu {escaped}" in card and f"Perhekeskus {escaped}" in card
    assert f'<label for="life_situation-baby">Vauva {escaped}</label>' in html
    assert f'<label for="municipality-167">Joensuu {escaped} <span class="count">' in html


def test_a_long_address_is_not_kept_for_its_language_versions(client, network):
    from perhekeskus.web import context_processors

    long_path = "/municipalities/" + "x" * 300 + "/"
    kept = context_processors._kept_in_each_language.cache_info().currsize
    response = client.get(long_path)
    assert response.status_code == 404
    assert context_processors._kept_in_each_language.cache_info().currsize == kept
    assert 'hreflang="sv" href="http://testserver/sv/municipalities/' + "x" * 300 in response.content.decode()
