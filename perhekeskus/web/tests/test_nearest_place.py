"""The family's municipality first (issue 21): each result's nearest place, and the municipality the
search page remembers in a cookie."""

import datetime
import re

import pytest
import time_machine
import yaml

from perhekeskus.catalog.opening_hours import HELSINKI
from perhekeskus.catalog.tests import factories
from perhekeskus.core.tests.utils import queries_of
from perhekeskus.search import indexing
from perhekeskus.search.models import SearchDocument, SearchLog
from perhekeskus.web import home_municipality

pytestmark = pytest.mark.django_db

PAGE = "/en/search/"
API = "/api/v1/search"


@pytest.fixture
def two_courses(db):
    """Two equally worded courses: one at a place in Joensuu that also serves Lieksa, one at a place in
    Lieksa and another in Joensuu. By name, the one delivered in Joensuu comes first."""
    county = factories.organization(name_fi="Siun sote")
    joensuu, lieksa = factories.municipality("167"), factories.municipality("422")
    perhetalo = factories.location(
        organization=county, municipality=joensuu, name_fi="Perhetalo", postal_code="80100",
        latitude=62.601, longitude=29.763,
    )  # fmt: skip
    lieksa_centre = factories.location(
        organization=county,
        municipality=lieksa,
        name_fi="Lieksan perhekeskus",
        latitude=63.317,
        longitude=30.017,
    )
    in_joensuu = factories.service(organization=county, name_fi="Vauvavalmennus A")
    factories.delivery(service_obj=in_joensuu, at=perhetalo, municipalities=[joensuu, lieksa])
    in_lieksa = factories.service(organization=county, name_fi="Vauvavalmennus B")
    factories.delivery(service_obj=in_lieksa, at=lieksa_centre, municipalities=[lieksa])
    factories.delivery(service_obj=in_lieksa, at=perhetalo, municipalities=[joensuu])
    indexing.rebuild()
    return {"in_joensuu": in_joensuu, "in_lieksa": in_lieksa}


def _page(client, url=PAGE, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def _names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+" hx-boost="false">(?:<span lang="\w+">)?([^<]+)', html)


def _nearest(html: str) -> list[str]:
    return [
        _text(place) for place in re.findall(r'<span class="label">Nearest place:</span>(.*?)</li>', html)
    ]


# --- Nearest place -------------------------------------------------------------------------------


def test_a_result_shows_its_place_in_the_chosen_municipality_else_the_nearest_with_its_distance(
    client, two_courses
):
    html = _page(client, q="vauvavalmennus", municipality="422")
    assert _names(html) == ["Vauvavalmennus B", "Vauvavalmennus A"]
    assert _nearest(html) == ["Lieksan perhekeskus, Lieksa", "Perhetalo, Joensuu – about 81 km"]
    # In Joensuu, the course with places in both is there too.
    html = _page(client, q="vauvavalmennus", municipality="167")
    assert _nearest(html) == ["Perhetalo, Joensuu", "Perhetalo, Joensuu"]


def test_a_municipality_named_in_the_words_counts_as_chosen(client, two_courses):
    assert _nearest(_page(client, q="vauvavalmennus lieksa")) == [
        "Lieksan perhekeskus, Lieksa",
        "Perhetalo, Joensuu – about 81 km",
    ]


def test_without_a_municipality_or_position_nothing_new_is_shown(client, two_courses):
    assert "Nearest place" not in _page(client, q="vauvavalmennus")


def test_documents_indexed_before_places_show_no_nearest_place(client, two_courses):
    for document in SearchDocument.objects.all():
        del document.data["places"]
        document.save(update_fields=["data"])
    html = _page(client, q="vauvavalmennus", municipality="422")
    assert _names(html) == ["Vauvavalmennus B", "Vauvavalmennus A"]
    assert "Nearest place" not in html


def test_the_api_gives_the_nearest_place(client, two_courses):
    results = client.get(API, {"q": "vauvavalmennus", "municipality": "422"}).json()["results"]
    assert [r["name"] for r in results] == ["Vauvavalmennus B", "Vauvavalmennus A"]
    first, second = (r["nearest_place"] for r in results)
    assert first["name"] == "Lieksan perhekeskus" and first["municipality"] == "422"
    assert second["name"] == "Perhetalo" and second["municipality"] == "167"
    assert 75 < second["distance_km"] < 85
    # From a position the nearest place is measured from it; without either there is none.
    results = client.get(API, {"q": "vauvavalmennus", "lat": "62.6", "lon": "29.76"}).json()["results"]
    assert {r["nearest_place"]["name"] for r in results} == {"Perhetalo"}
    assert all(r["nearest_place"]["distance_km"] < 1 for r in results)
    results = client.get(API, {"q": "vauvavalmennus"}).json()["results"]
    assert [r["nearest_place"] for r in results] == [None, None]


def test_the_openapi_schema_documents_the_nearest_place(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    components = schema["components"]["schemas"]
    field = components["SearchResult"]["properties"]["nearest_place"]
    assert field["nullable"] and field["allOf"] == [{"$ref": "#/components/schemas/NearestPlace"}]
    assert set(components["NearestPlace"]["properties"]) == {"name", "municipality", "distance_km"}


# --- The remembered municipality -----------------------------------------------------------------


def test_a_search_in_one_municipality_remembers_it(client, two_courses):
    response = client.get(PAGE, {"q": "vauvavalmennus", "municipality": "422"})
    cookie = response.cookies[home_municipality.COOKIE]
    assert cookie.value == "422"
    assert cookie["samesite"] == "Lax" and cookie["max-age"] == 180 * 24 * 60 * 60
    assert "private" in response["Cache-Control"]
    # Only a choice is remembered: a municipality read from the words ("ei virtaa" is no choice of
    # Virrat) is not; two, or none, change nothing.
    for params in (
        {"q": "vauvavalmennus joensuu"},
        {"municipality": ["422", "167"]},
        {"q": "vauvavalmennus"},
    ):
        assert home_municipality.COOKIE not in client.get(PAGE, params).cookies


def test_the_remembered_municipality_ranks_its_services_first_and_says_so(client, two_courses):
    assert _names(_page(client, q="vauvavalmennus")) == ["Vauvavalmennus A", "Vauvavalmennus B"]
    client.cookies[home_municipality.COOKIE] = "422"
    html = _page(client, q="vauvavalmennus")
    assert _names(html) == ["Vauvavalmennus B", "Vauvavalmennus A"]
    assert "Services in Lieksa are shown first. Forget Lieksa" in _text(html)
    # Its places are the nearest, as for a chosen municipality.
    assert _nearest(html) == ["Lieksan perhekeskus, Lieksa", "Perhetalo, Joensuu – about 81 km"]
    # A municipality chosen, or named in the words, goes before the remembered one.
    html = _page(client, q="vauvavalmennus", municipality="167")
    assert "shown first" not in html
    assert _nearest(html) == ["Perhetalo, Joensuu", "Perhetalo, Joensuu"]


def test_the_link_forgets_the_municipality(client, two_courses):
    client.cookies[home_municipality.COOKIE] = "422"
    html = _page(client, q="vauvavalmennus")
    link = re.search(r'<a href="([^"]+)" hx-boost="false">Forget Lieksa</a>', html)[1].replace("&amp;", "&")
    # The link continues the search it was shown with (its click token): it is not logged again.
    assert link.startswith(f"{PAGE}?q=vauvavalmennus&{home_municipality.FORGET}=1&from_search=")
    logged = SearchLog.objects.count()
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{PAGE}?q=vauvavalmennus&from_search=")
    assert client.get(response["Location"]).status_code == 200
    assert SearchLog.objects.count() == logged
    assert response.cookies[home_municipality.COOKIE]["max-age"] == 0
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = _page(client, q="vauvavalmennus")
    assert "shown first" not in html
    assert _names(html) == ["Vauvavalmennus A", "Vauvavalmennus B"]


@pytest.mark.parametrize("value", ["999", "<script>", "422,167", ""])
def test_an_invalid_remembered_value_is_ignored(client, two_courses, value):
    client.cookies[home_municipality.COOKIE] = value
    html = _page(client, q="vauvavalmennus")
    assert "shown first" not in html
    assert _names(html) == ["Vauvavalmennus A", "Vauvavalmennus B"]


def _more_courses(organization, count: int) -> None:
    for _ in range(count):
        factories.delivery(
            service_obj=factories.service(organization=organization, name_fi="Vauvavalmennus C"),
            municipalities=[factories.municipality("422")],
        )
    indexing.rebuild()


@time_machine.travel(
    datetime.datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False
)  # open now: by the minute
def test_the_search_page_makes_no_query_per_hit_with_a_municipality(client, two_courses, settings):
    settings.PUBLIC_CACHE_SECONDS = 0  # the page as made, not as kept (web.page_cache)
    # Three at least: fewer results add the next steps (test_next_steps), which count on their own.
    county = two_courses["in_joensuu"].organization
    _more_courses(county, 1)
    client.cookies[home_municipality.COOKIE] = "422"
    urls = [f"{PAGE}?q=vauvavalmennus&municipality=422", f"{PAGE}?q=vauvavalmennus"]
    for url in urls:
        client.get(url)  # warms what is computed once per process
    few = [queries_of(client, url) for url in urls]
    _more_courses(county, 6)
    for url in urls:
        client.get(url)
    assert [queries_of(client, url) for url in urls] == few
