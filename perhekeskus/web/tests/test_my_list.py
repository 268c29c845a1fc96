import pytest

from perhekeskus.catalog import services
from perhekeskus.web.my_list import COOKIE, MAX_ITEMS

pytestmark = pytest.mark.django_db


def _change(client, action, *ids, next_url="/search/", **headers):
    return client.post(
        "/my-list/change/", {"action": action, "service": [str(i) for i in ids], "next": next_url}, **headers
    )


def test_add_and_remove_without_javascript(client, network):
    cafe, speech = network["cafe"].pk, network["speech"].pk
    response = _change(client, "add", cafe)
    assert response.status_code == 302 and response["Location"] == "/search/"
    _change(client, "add", speech)
    assert client.cookies[COOKIE].value == f"{cafe},{speech}"
    html = client.get("/my-list/").content.decode()
    assert "Perhekahvila Pesä" in html and "Lasten puheterapia" in html
    assert "Oma lista (2)" in html
    assert f"/my-list/?s={cafe},{speech}" in html  # the share link
    _change(client, "remove", cafe)
    html = client.get("/my-list/").content.decode()
    assert "Perhekahvila Pesä" not in html and "Lasten puheterapia" in html


def test_htmx_add_swaps_the_button_and_updates_the_count(client, network):
    cafe = network["cafe"].pk
    html = _change(client, "add", cafe, HTTP_HX_REQUEST="true").content.decode()
    assert "Poista omalta listalta" in html
    assert 'id="my-list-link" href="/my-list/" hx-swap-oob="true">Oma lista (1)' in html
    assert "Lisätty omalle listalle." in html


def test_a_shared_list_shows_its_services_and_can_be_added(client, network):
    cafe, speech = network["cafe"].pk, network["speech"].pk
    html = client.get("/my-list/", {"s": f"{cafe},nonsense,{speech}"}).content.decode()
    assert "Jaettu lista" in html
    assert html.index("Perhekahvila Pesä") < html.index("Lasten puheterapia")
    _change(client, "add", cafe, speech)
    assert client.cookies[COOKIE].value == f"{cafe},{speech}"


def test_services_no_longer_offered_drop_out_with_a_note(client, network):
    cafe, closed = network["cafe"].pk, network["closed"].pk
    _change(client, "add", cafe, closed)
    assert client.cookies[COOKIE].value == str(cafe)  # a closed service cannot be added
    services.service_save(actor=None, service=network["cafe"], values={"status": "inactive"})
    html = client.get("/my-list/").content.decode()
    assert "1 listan palvelu ei ole enää tarjolla." in html


def test_bad_input_is_refused_or_ignored(client, network):
    assert client.get("/my-list/change/").status_code == 405
    assert _change(client, "explode", network["cafe"].pk).status_code == 400
    response = _change(client, "add", network["cafe"].pk, next_url="https://evil.example/")
    assert response["Location"] == "/my-list/"  # never redirects off the site
    client.cookies[COOKIE] = ",".join(["not-a-uuid"] * 3)
    assert client.get("/my-list/").status_code == 200


def test_the_list_is_capped(client, network):
    import uuid

    client.cookies[COOKIE] = ",".join(str(uuid.uuid4()) for _ in range(MAX_ITEMS + 10))
    response = _change(client, "add", network["cafe"].pk)
    assert len(client.cookies[COOKIE].value.split(",")) == MAX_ITEMS
    assert str(network["cafe"].pk) not in client.cookies[COOKIE].value
    html = client.get(response["Location"]).content.decode()
    assert "Listasi on täynnä (50 palvelua)." in html


def test_csrf_is_required(network):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert (
        strict.post("/my-list/change/", {"action": "add", "service": str(network["cafe"].pk)}).status_code
        == 403
    )


def test_a_shared_list_knows_what_is_already_on_mine(client, network):
    cafe, speech = network["cafe"].pk, network["speech"].pk
    _change(client, "add", cafe)
    html = client.get("/my-list/", {"s": f"{cafe},{speech}"}).content.decode()
    mine = html[html.index("Perhekahvila Pesä") : html.index("Lasten puheterapia")]
    assert "Poista omalta listalta" in mine
    assert "Lisää omalle listalle" in html[html.index("Lasten puheterapia") :]


def test_pages_vary_on_the_cookie_that_holds_the_list(client, network):
    for path in ("/", "/guides/", "/search/", "/no-such-page/"):
        assert "Cookie" in client.get(path)["Vary"], path


def test_htmx_change_without_a_valid_service_is_refused(client, network):
    response = client.post("/my-list/change/", {"action": "add", "service": "nope"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
