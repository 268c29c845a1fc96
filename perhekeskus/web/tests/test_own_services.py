""" "Which clinic is mine?" (issue 26 part 1): a place declares the postal codes it serves; a family's
postal code shows its own clinics, else its municipality's; the code is remembered in its browser."""

import pytest
from django.urls import reverse

from perhekeskus.catalog.models import Delivery
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Municipality, Network, PostalCode
from perhekeskus.web import own_services

pytestmark = pytest.mark.django_db


def _in_joensuu(organization, name):
    return factories.location(
        organization=organization, municipality=factories.municipality("167"), name_fi=name,
        postal_code="80100", latitude=62.601, longitude=29.763,
    )  # fmt: skip


@pytest.fixture
def clinics(db):
    """Two child health clinics of Joensuu with areas (80100 in both: a code on their border), one in
    Lieksa without, and Joensuu's maternity clinic, which has said nothing of its area."""
    network = Network.objects.create(slug="pk", name_fi="Pohjois-Karjala")
    Municipality.objects.filter(code__in=["167", "422"]).update(network=network)
    county = factories.organization(name_fi="Siun sote")
    clinic = factories.service(
        organization=county, types=("child-health-clinic",), name_fi="Joensuun neuvola"
    )
    centre = factories.delivery(
        service_obj=clinic,
        at=_in_joensuu(county, "Keskusta"),
    )
    rantakyla = factories.delivery(
        service_obj=clinic,
        at=_in_joensuu(county, "Rantakylä"),
    )
    centre.postal_codes.set(PostalCode.objects.filter(code__in=["80100", "80110", "80130"]))
    Delivery.objects.filter(pk=centre.pk).update(area_name_fi="Keskusta, Niinivaara")
    rantakyla.postal_codes.set(PostalCode.objects.filter(code__in=["80100", "80160", "80170"]))
    lieksa = factories.service(organization=county, types=("child-health-clinic",), name_fi="Lieksan neuvola")
    factories.delivery(
        service_obj=lieksa,
        at=factories.location(organization=county, name_fi="Lieksa"),
    )
    maternity = factories.service(
        organization=county, types=("maternity-clinic",), name_fi="Joensuun äitiysneuvola"
    )
    factories.delivery(
        service_obj=maternity,
        at=_in_joensuu(county, "Keskus"),
    )
    return {
        "clinic": clinic,
        "centre": centre,
        "rantakyla": rantakyla,
        "lieksa": lieksa,
        "maternity": maternity,
    }


def _own(client, code):
    response = client.get(reverse("own_services"), {"postal_code": code})
    return response, {
        item.service_type.code: ({d.location.name_fi for d in item.deliveries}, item.by_area)
        for item in response.context["own"]
    }


def test_a_code_in_one_area_shows_that_place_and_the_municipalitys_others(client, clinics):
    response, own = _own(client, "80160")
    assert response.status_code == 200
    assert own["child-health-clinic"] == ({"Rantakylä"}, True)
    # The maternity clinic has said nothing of its area: the municipality's place, with a word.
    assert own["maternity-clinic"] == ({"Keskus"}, False)
    html = response.content.decode()
    assert "Lastenneuvolasi" in html or "Your child health clinic" in html
    assert "Joensuun neuvola" in html


def test_a_code_in_two_areas_shows_both_and_a_code_in_none_the_municipalitys_places(client, clinics):
    assert _own(client, "80100")[1]["child-health-clinic"] == ({"Keskusta", "Rantakylä"}, True)
    assert _own(client, "80230")[1]["child-health-clinic"] == ({"Keskusta", "Rantakylä"}, False)


def test_a_code_of_another_municipality_shows_that_municipalitys(client, clinics):
    assert _own(client, "81700")[1] == {"child-health-clinic": ({"Lieksa"}, False)}


def test_the_code_and_its_municipality_are_remembered_and_forgotten(client, clinics):
    response = client.get(reverse("own_services"), {"postal_code": " 80 160 "})
    assert response.cookies[own_services.COOKIE].value == "80160"
    assert response.cookies["home_municipality"].value == "167"
    assert "private" in response["Cache-Control"]
    again = client.get(reverse("own_services"))
    assert [item.service_type.code for item in again.context["own"]] == [
        "maternity-clinic",
        "child-health-clinic",
    ]
    forgotten = client.get(reverse("own_services"), {"postal_code": ""})
    assert forgotten.cookies[own_services.COOKIE].value == ""
    assert client.get(reverse("own_services")).context["own"] == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("8010", "viisi numeroa"),
        ("abcde", "viisi numeroa"),
        ("00100", "ei ole näiden perhekeskusten kuntien postinumero"),  # Helsinki
        ("99998", "Postinumeroa 99998 ei ole"),
    ],
)
def test_a_wrong_code_is_told_in_the_familys_language_and_nothing_is_remembered(
    client, clinics, typed, message
):
    response = client.get(reverse("own_services"), {"postal_code": typed})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert own_services.COOKIE not in response.cookies


def test_a_service_not_listed_is_no_ones_own(client, clinics):
    from perhekeskus.catalog.models import Service

    Service.objects.filter(pk=clinics["clinic"].pk).update(status="inactive")
    assert "child-health-clinic" not in _own(client, "80160")[1]


def test_the_home_page_and_a_guide_lead_to_it(client, clinics):
    assert 'action="/mine/"' in client.get("/").content.decode()
    assert 'action="/mine/"' in client.get(reverse("guide", args=["baby"])).content.decode()


def test_a_place_serves_only_postal_codes_of_the_municipalities_it_reaches(clinics):
    from django.core.exceptions import ValidationError

    from perhekeskus.catalog import services

    centre = clinics["centre"]
    with pytest.raises(ValidationError) as refused:
        services.delivery_save(
            actor=None,
            delivery=centre,
            values={},
            postal_codes=PostalCode.objects.filter(code__in=["80100", "81700"]),
        )
    assert "81700" in str(refused.value.message_dict["postal_codes"])
    assert set(centre.postal_codes.values_list("code", flat=True)) == {"80100", "80110", "80130"}
