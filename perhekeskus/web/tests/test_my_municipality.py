"""The family's own municipality (issue 22): chosen once, kept in their browser, changeable anywhere;
service pages show its places first, the calendar and guides start from it."""

import datetime
import re

import pytest

from perhekeskus.activities import services as activity_services
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Municipality, Network
from perhekeskus.web import home_municipality

pytestmark = pytest.mark.django_db

CHOOSE = "/my-municipality/"
COOKIE = home_municipality.COOKIE


@pytest.fixture(autouse=True)
def north_karelia(db):
    """A network of three municipalities: the family can choose among them."""
    network = Network.objects.create(slug="pohjois-karjala", name_fi="Pohjois-Karjalan perhekeskukset")
    Municipality.objects.filter(code__in=["167", "276", "422"]).update(network=network)


def test_choosing_keeps_the_municipality_in_a_cookie_and_returns_to_the_page(client):
    response = client.get(CHOOSE, {"municipality": "422", "next": "/guides/"})
    assert response.status_code == 302 and response["Location"] == "/guides/"
    assert response.cookies[COOKIE].value == "422"
    assert response.cookies[COOKIE]["httponly"] and response.cookies[COOKIE]["samesite"] == "Lax"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # Every page says which it is and links to change it.
    page = client.get("/guides/").content.decode()
    assert "Kuntasi: Lieksa (vaihda)" in page


def test_an_empty_choice_forgets_it(client):
    client.cookies[COOKIE] = "422"
    response = client.get(CHOOSE, {"municipality": "", "next": "/"})
    assert response.status_code == 302 and response.cookies[COOKIE]["max-age"] == 0
    client.cookies.pop(COOKIE)
    assert "Valitse kuntasi" in client.get("/guides/").content.decode()


@pytest.mark.parametrize("code", ["999", "<script>", "091x"])
def test_a_municipality_not_of_the_networks_is_refused_with_a_clear_message(client, code):
    response = client.get(CHOOSE, {"municipality": code})
    assert response.status_code == 400
    assert COOKIE not in response.cookies
    assert "Valitse kunta luettelosta." in response.content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_the_return_address_must_be_of_this_site(client, next_url):
    response = client.get(CHOOSE, {"municipality": "422", "next": next_url})
    assert response.status_code == 302 and response["Location"] == CHOOSE


def test_the_page_lists_the_municipalities_of_the_networks_with_the_current_one_chosen(client):
    client.cookies[COOKIE] = "167"
    page = client.get(CHOOSE).content.decode()
    assert '<option value="167" selected>Joensuu</option>' in page
    assert 'value="422"' in page
    assert "Unohda kuntani" in page


@pytest.fixture
def health_stations(db):
    """Speech therapy at three health stations: Joensuu, Kontiolahti (nearer Lieksa than Joensuu is
    not: Kontiolahti lies between) and Lieksa, and a confidential place."""
    county = factories.organization(name_fi="Siun sote")
    therapy = factories.service(organization=county, types=("speech-therapy",), name_fi="Puheterapia")
    places = {
        "167": ("Joensuun terveysasema", 62.601, 29.763, "80100"),
        "276": ("Kontiolahden terveysasema", 62.766, 29.849, "81100"),
        "422": ("Lieksan terveysasema", 63.317, 30.017, "81700"),
    }
    for code, (name, lat, lon, postal) in places.items():
        place = factories.location(
            organization=county, municipality=factories.municipality(code), name_fi=name,
            latitude=lat, longitude=lon, postal_code=postal,
        )  # fmt: skip
        factories.delivery(service_obj=therapy, at=place, municipalities=[factories.municipality(code)])
    hidden = factories.location(
        organization=county, municipality=factories.municipality("167"), name_fi="Turvakoti",
        confidential=True, postal_code="80100", latitude=62.6, longitude=29.7,
    )  # fmt: skip
    factories.delivery(service_obj=therapy, at=hidden, municipalities=[factories.municipality("167")])
    return therapy


def _places(page: str) -> list[str]:
    return re.findall(r'<h3 id="delivery-\d+">([^<]+)</h3>', page)


def test_the_service_page_shows_the_familys_places_first_and_folds_the_rest_by_distance(
    client, health_stations
):
    path = f"/services/{health_stations.pk}/"
    plain = client.get(path).content.decode()
    assert "other-places" not in plain
    assert "Valitse kuntasi</a> nähdäksesi sen toimipisteet ensin." in plain
    client.cookies[COOKIE] = "422"
    page = client.get(path).content.decode()
    shown, folded = page.split('<details class="other-places">')
    assert _places(shown) == ["Lieksan terveysasema"]
    # Nearest to Lieksa's centre first; a place without a public position last.
    assert _places(folded) == ["Kontiolahden terveysasema", "Joensuun terveysasema", "Turvakoti"]
    assert "3 toimipistettä kunnan Lieksa ulkopuolella, lähin ensin" in folded


def test_each_public_place_has_a_route_link_and_a_map_and_a_confidential_one_neither(client, health_stations):
    page = client.get(f"/services/{health_stations.pk}/").content.decode()
    routes = re.findall(r'href="(https://www\.google\.com/maps/dir/\?[^"]+)"', page)
    assert len(routes) == 3
    assert "destination=63.317000%2C30.017000" in page.replace("&amp;", "&")
    assert page.count('class="place-map"') == 3
    turvakoti = page[page.index(">Turvakoti</h3>") :]
    assert "maps/dir" not in turvakoti.split("</section>")[0]
    assert "data-lat" not in turvakoti.split("</section>")[0]


def test_the_calendar_starts_from_the_familys_municipality(client):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    for code, title, postal, lat, lon in (
        ("422", "Lieksan vauvakerho", "81700", 63.317, 30.017),
        ("167", "Joensuun vauvakerho", "80100", 62.601, 29.763),
    ):
        service = factories.service(name_fi=f"Kerho {code}")
        place = factories.location(
            organization=service.organization, municipality=factories.municipality(code), postal_code=postal,
            latitude=lat, longitude=lon,
        )  # fmt: skip
        activity_services.activity_save(
            actor=None,
            values={"service": service, "title_fi": title, "location": place, "starts_on": tomorrow,
                    "start_time": datetime.time(10), "repeat": "weekly"},
        )  # fmt: skip
    assert {"Lieksan vauvakerho", "Joensuun vauvakerho"} <= set(_titles(client.get("/activities/")))
    client.cookies[COOKIE] = "422"
    own = client.get("/activities/")
    assert _titles(own) == ["Lieksan vauvakerho"]
    assert "Toimintaa kunnassa Lieksa, omassa kunnassasi." in own.content.decode()
    everywhere = client.get("/activities/", {"municipality": ""})
    assert {"Lieksan vauvakerho", "Joensuun vauvakerho"} <= set(_titles(everywhere))
    # The next week keeps "all municipalities".
    assert 'href="?municipality=&amp;' in everywhere.content.decode()


def _titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/activities/[^"]+/">([^<]+)</a></h3>', response.content.decode())


def test_a_guide_starts_from_the_familys_municipality_and_remembers_one_chosen_there(client):
    client.cookies[COOKIE] = "422"
    page = client.get("/guides/expecting/").content.decode()
    assert '<option value="422" selected>' in page
    response = client.get("/guides/expecting/", {"municipality": "167"})
    assert response.cookies[COOKIE].value == "167"


@pytest.mark.parametrize("confidential", [False, True])
def test_an_activity_page_shows_the_way_to_a_public_place_only(client, confidential):
    service = factories.service(name_fi="Kerho")
    place = factories.location(
        organization=service.organization, name_fi="Seurakuntatalo", confidential=confidential
    )
    activity = activity_services.activity_save(
        actor=None,
        values={"service": service, "title_fi": "Vauvakerho", "location": place,
                "starts_on": datetime.date.today() + datetime.timedelta(days=1), "start_time": datetime.time(10)},
    )  # fmt: skip
    page = client.get(f"/activities/{activity.pk}/").content.decode()
    assert ("maps/dir" in page) is not confidential
    assert ('class="place-map"' in page) is not confidential
    assert ("Pielisentie 5" in page) is not confidential
