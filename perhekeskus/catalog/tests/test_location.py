import pytest
from django.core.exceptions import ValidationError

from perhekeskus.catalog.models import Location
from perhekeskus.catalog.tests import factories

pytestmark = pytest.mark.django_db


def test_location_with_known_postal_code_gets_its_post_office():
    location = factories.location(postal_code="81700", post_office="")
    assert location.post_office == "LIEKSA"


def test_unknown_postal_code_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.location(postal_code="81799")
    assert "81799" in error.value.message_dict["postal_code"][0]


def test_malformed_postal_code_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.location(postal_code="8170")
    assert "postal_code" in error.value.message_dict


def test_street_address_needs_a_postal_code():
    with pytest.raises(ValidationError) as error:
        factories.location(postal_code="")
    assert "postal_code" in error.value.message_dict


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [
        (52.52, 13.40, "latitude"),
        (63.3, 35.0, "longitude"),
        (59.94, 30.31, "latitude"),
        (60.71, 28.75, "latitude"),
        (67.85, 20.22, "latitude"),
    ],
    ids=["Berlin", "east of the box", "St Petersburg", "Vyborg", "Kiruna"],
)
def test_coordinates_outside_finland_are_refused(lat, lon, field):
    with pytest.raises(ValidationError) as error:
        factories.location(latitude=lat, longitude=lon)
    assert field in error.value.message_dict


def test_a_single_coordinate_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.location(latitude=63.3, longitude=None)
    assert "longitude" in error.value.message_dict


def test_location_without_coordinates_is_allowed():
    assert factories.location(latitude=None, longitude=None).public_point is None


def test_confidential_location_keeps_its_address_from_the_public():
    shelter = factories.location(confidential=True, street_address_fi="Salainen katu 1")
    assert Location.objects.get(pk=shelter.pk).street_address_fi == "Salainen katu 1"
    assert shelter.public_street_address == ""
    assert shelter.public_postal_code == ""
    assert shelter.public_post_office == ""
    assert shelter.public_point is None


def test_public_location_shows_its_address():
    place = factories.location(street_address_fi="Pielisentie 5")
    assert place.public_street_address == "Pielisentie 5"
    assert place.public_point == (63.317, 30.017)


def test_postal_code_of_another_municipality_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.location(postal_code="80100")  # Joensuu's, on a Lieksa location
    assert "Joensuu" in error.value.message_dict["postal_code"][0]


def test_post_office_must_match_the_postal_code():
    with pytest.raises(ValidationError) as error:
        factories.location(postal_code="81700", post_office="Helsinki")
    assert "LIEKSA" in error.value.message_dict["post_office"][0]
    assert factories.location(postal_code="81700", post_office="Lieksa").post_office == "Lieksa"


def test_point_far_from_the_municipality_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.location(latitude=60.17, longitude=24.94)  # Helsinki, on a Lieksa location
    assert "Lieksa" in error.value.message_dict["latitude"][0]


def test_points_near_the_eastern_border_are_in_finland():
    place = factories.location(
        municipality=factories.municipality("146"), postal_code="82980", latitude=62.62, longitude=31.30
    )
    assert place.public_point == (62.62, 31.30)
