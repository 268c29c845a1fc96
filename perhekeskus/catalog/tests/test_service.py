import pytest
from django.core.exceptions import ValidationError

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Service, ServiceType
from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def test_service_with_full_details_is_saved():
    service = factories.service(
        types=("child-health-clinic", "family-work"),
        age_min_months=0,
        age_max_months=84,
        phone="040 123 4567",
        email="neuvola@example.fi",
        website="https://example.fi/neuvola",
        is_free=False,
        fee_description_fi="10 € / kerta",
        status=Service.Status.TEMPORARILY_CLOSED,
    )
    service.refresh_from_db()
    assert service.phone == "+358401234567"
    assert set(service.service_types.values_list("code", flat=True)) == {"child-health-clinic", "family-work"}
    assert service.is_listed


def test_minimum_age_above_maximum_is_refused_on_the_maximum_field():
    with pytest.raises(ValidationError) as error:
        factories.service(age_min_months=84, age_max_months=12)
    assert "age_max_months" in error.value.message_dict


def test_equal_minimum_and_maximum_age_is_allowed():
    assert factories.service(age_min_months=12, age_max_months=12).age_max_months == 12


@pytest.mark.parametrize("value", [-1, 400])
def test_ages_out_of_range_are_refused(value):
    with pytest.raises(ValidationError) as error:
        factories.service(age_min_months=value)
    assert "age_min_months" in error.value.message_dict


def test_fee_needs_a_description():
    with pytest.raises(ValidationError) as error:
        factories.service(is_free=False)
    assert "fee_description_fi" in error.value.message_dict


def test_unknown_status_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.service(status="closed")
    assert "status" in error.value.message_dict


def test_service_needs_a_service_type():
    with pytest.raises(ValidationError) as error:
        factories.service(types=())
    assert "service_types" in error.value.message_dict
    assert not Service.objects.exists()


def test_finnish_name_is_required():
    with pytest.raises(ValidationError) as error:
        factories.service(name_fi="", name_en="Family café")
    assert "name_fi" in error.value.message_dict


def test_invalid_contact_leaves_no_half_written_service():
    with pytest.raises(ValidationError) as error:
        services.service_save(
            actor=None,
            values={"organization": factories.organization(), "name_fi": "Perheneuvola"},
            service_types=ServiceType.objects.filter(code="family-counselling"),
            contacts=[{"name": "Ajanvaraus", "phone": "12"}],
        )
    assert "contacts[0]" in error.value.message_dict
    assert not Service.objects.filter(name_fi="Perheneuvola").exists()
    assert not ChangeRecord.objects.filter(object_repr="Perheneuvola").exists()


def test_contacts_are_saved_in_order_and_normalised():
    service = services.service_save(
        actor=None,
        values={"organization": factories.organization(), "name_fi": "Perheneuvola"},
        service_types=ServiceType.objects.filter(code="family-counselling"),
        contacts=[
            {"name": "Ajanvaraus", "phone": "013 330 8000"},
            {"name": "Päivystys", "email": "paivystys@example.fi"},
        ],
    )
    assert [(c.name, c.phone) for c in service.contacts.all()] == [
        ("Ajanvaraus", "+358133308000"),
        ("Päivystys", ""),
    ]


def test_contact_needs_a_phone_or_an_email():
    with pytest.raises(ValidationError):
        services.service_save(
            actor=None,
            values={"organization": factories.organization(), "name_fi": "Perheneuvola"},
            service_types=ServiceType.objects.filter(code="family-counselling"),
            contacts=[{"name": "Ajanvaraus"}],
        )


@pytest.mark.parametrize("row", [{"name": "Ajanvaraus", "phone": "013 330 8000", "foo": 1},
                                 {"name": "Ajanvaraus", "phone": "013 330 8000", "id": "x"},
                                 {"name": "Ajanvaraus", "phone": "013 330 8000", "service": None}])  # fmt: skip
def test_contact_rows_with_unknown_or_reserved_fields_are_refused(row):
    with pytest.raises(ValidationError) as error:
        services.service_save(
            actor=None,
            values={"organization": factories.organization(), "name_fi": "Perheneuvola"},
            service_types=ServiceType.objects.filter(code="family-counselling"),
            contacts=[row],
        )
    assert "contacts[0]" in error.value.message_dict
    assert not Service.objects.filter(name_fi="Perheneuvola").exists()
