"""Plain Finnish (selkosuomi): a family switches it on for Finnish pages and reads the plain versions of
the home page's introduction, the life-situation guides and a service's "how to get it" where one is
written; the switch is kept in the family's own cookie."""

import pytest
from django.urls import reverse

from perhekeskus.catalog import services
from perhekeskus.catalog.models import LifeSituation, Service
from perhekeskus.core.models import Publication
from perhekeskus.workspace.tests.conftest import people, sign_in  # noqa: F401
from perhekeskus.workspace.tests.test_editing import _form_version

pytestmark = pytest.mark.django_db

PLAIN_HOW = "Tule neuvolaan. Soita ensin. Puhelin on auki arkisin."


def _switch(client, on: str, next_url: str):
    return client.get(reverse("plain_finnish"), {"on": on, "next": next_url})


def test_a_family_switches_plain_finnish_on_and_off(client, network):
    clinic = (
        network["lieksa_clinic"]
        if "lieksa_clinic" in network
        else Service.objects.get(name_fi="Lieksan lastenneuvola")
    )
    services.service_save(actor=None, service=clinic, values={"how_to_get_fi": "Varaa aika puhelimitse.",
                                                              "how_to_get_selko": PLAIN_HOW})  # fmt: skip
    page = f"/services/{clinic.pk}/"
    html = client.get(page).content.decode()
    assert "Varaa aika puhelimitse." in html and PLAIN_HOW not in html
    assert 'class="plain-switch"' in html and "Selkosuomeksi" in html
    response = _switch(client, "1", page)
    assert response.status_code == 302 and response["Location"] == page
    assert response.cookies["plain_finnish"].value == "1" and response.cookies["plain_finnish"]["httponly"]
    html = client.get(page).content.decode()
    assert PLAIN_HOW in html and "Varaa aika puhelimitse." not in html and "Yleiskielellä" in html
    # The guides and the home page's introduction too.
    expecting = LifeSituation.objects.get(code="expecting")
    assert expecting.guide_selko in client.get("/guides/expecting/").content.decode()
    assert "Perhekeskus ei ole yksi talo." in client.get("/").content.decode()
    # A service without a plain text: the standard one.
    other = Service.objects.exclude(pk=clinic.pk).exclude(how_to_get_fi="").first()
    if other is not None:
        Service.objects.filter(pk=other.pk).update(publication=Publication.PUBLISHED)
        assert other.how_to_get_fi in client.get(f"/services/{other.pk}/").content.decode()
    # Swedish pages are Swedish: no plain Finnish and no switch.
    swedish = client.get(f"/sv{page}").content.decode()
    assert PLAIN_HOW not in swedish and "plain-switch" not in swedish
    # Off again; an address elsewhere is not followed.
    response = _switch(client, "0", "https://example.com/")
    assert response["Location"] == "/" and response.cookies["plain_finnish"].value == ""
    assert PLAIN_HOW not in client.get(page).content.decode()


def test_an_editor_writes_how_to_get_it_in_plain_finnish(client, people):  # noqa: F811
    sign_in(client, people["editor"])
    service = people["service"]
    url = reverse("workspace:service_section", args=[service.pk, "access"])
    form = client.get(url).content.decode()
    assert 'name="how_to_get_selko"' in form and "Näin saat palvelun selkosuomeksi" in form
    response = client.post(
        url,
        {"version": _form_version(client, url), "access_method": "drop-in", "how_to_get_fi": "Tule paikalle.",
         "how_to_get_selko": "Tule paikalle. Et tarvitse aikaa.", "is_free": "on", "interpretation": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert Service.objects.get(pk=service.pk).how_to_get_selko == "Tule paikalle. Et tarvitse aikaa."


@pytest.mark.parametrize(
    "next_url", ["foo", "home", "//example.com/", "https://example.com/", "/\\example.com", ""]
)
def test_a_return_address_that_is_not_a_page_of_this_site_goes_home(client, db, next_url):
    for view, expected in (("plain_finnish", "/"), ("my_municipality", "/my-municipality/")):
        params = (
            {"on": "1", "next": next_url}
            if view == "plain_finnish"
            else {"municipality": "", "next": next_url}
        )
        response = client.get(reverse(view), params)
        assert response.status_code == 302 and response["Location"] == expected, (view, next_url)


def test_an_api_answer_is_standard_finnish_whatever_the_cookie(client, network):
    clinic = Service.objects.get(name_fi="Lieksan lastenneuvola")
    services.service_save(actor=None, service=clinic, values={"how_to_get_fi": "Varaa aika puhelimitse.",
                                                              "how_to_get_selko": PLAIN_HOW})  # fmt: skip
    client.cookies["plain_finnish"] = "1"
    assert PLAIN_HOW not in client.get(f"/api/hsds/services/{clinic.pk}").content.decode()
    assert PLAIN_HOW in client.get(f"/services/{clinic.pk}/").content.decode()
