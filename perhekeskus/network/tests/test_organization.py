import pytest
from django.core.exceptions import ValidationError

from perhekeskus.catalog.tests import factories
from perhekeskus.network.services import organization_save

pytestmark = pytest.mark.django_db


def test_organisation_with_valid_business_id_and_phone_is_saved_normalised():
    org = factories.organization(business_id="0242746-2", phone="013 267 7000", email="info@joensuu.fi")
    org.refresh_from_db()
    assert org.business_id == "0242746-2"
    assert org.phone == "+358132677000"


def test_business_id_with_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.organization(business_id="0242746-3")
    assert "business_id" in error.value.message_dict


def test_malformed_contact_details_are_refused_field_by_field():
    with pytest.raises(ValidationError) as error:
        factories.organization(phone="12", email="not-an-address", website="ftp://example.fi")
    assert set(error.value.message_dict) == {"phone", "email", "website"}


def test_organisation_cannot_be_its_own_ancestor():
    parent = factories.organization()
    child = factories.organization(parent=parent)
    with pytest.raises(ValidationError) as error:
        organization_save(actor=None, organization=parent, values={"parent": child})
    assert "parent" in error.value.message_dict


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError) as error:
        factories.organization(nickname="x")
    assert "nickname" in error.value.message_dict
