import pytest
from django.core.exceptions import ValidationError

from perhekeskus.catalog import services
from perhekeskus.catalog.models import DeliveryMode
from perhekeskus.catalog.tests import factories

pytestmark = pytest.mark.django_db


def test_delivery_at_a_location_reaches_the_locations_municipality_by_default():
    delivery = factories.delivery(mode="provider-site")
    assert list(delivery.municipalities.values_list("code", flat=True)) == ["422"]


def test_delivery_at_the_providers_site_needs_a_location():
    service = factories.service()
    with pytest.raises(ValidationError) as error:
        services.delivery_save(
            actor=None,
            values={"service": service, "mode": DeliveryMode.objects.get(code="provider-site")},
            municipalities=[factories.municipality()],
        )
    assert "location" in error.value.message_dict


def test_delivery_in_a_mode_needs_municipalities():
    with pytest.raises(ValidationError) as error:
        factories.delivery(mode="home-visit", municipalities=[])
    assert "municipalities" in error.value.message_dict


def test_online_delivery_for_several_municipalities():
    reached = [factories.municipality("422"), factories.municipality("167"), factories.municipality("541")]
    delivery = factories.delivery(mode="online", municipalities=reached)
    assert delivery.location is None
    assert set(delivery.municipalities.values_list("code", flat=True)) == {"422", "167", "541"}


@pytest.mark.parametrize("mode", ["home-visit", "early-childhood-education", "school", "online", "phone"])
def test_modes_away_from_a_site_need_no_location(mode):
    assert factories.delivery(mode=mode, municipalities=[factories.municipality()]).pk


def test_delivery_at_a_location_always_reaches_the_locations_municipality():
    delivery = factories.delivery(municipalities=[factories.municipality("167")])
    assert set(delivery.municipalities.values_list("code", flat=True)) == {"167", "422"}


def test_moving_a_delivery_to_another_location_adds_that_municipality():
    delivery = factories.delivery()
    joensuu = factories.location(
        organization=delivery.service.organization, municipality=factories.municipality("167"),
        postal_code="80100", latitude=62.6, longitude=29.76,
    )  # fmt: skip
    services.delivery_save(actor=None, delivery=delivery, values={"location": joensuu})
    assert set(delivery.municipalities.values_list("code", flat=True)) == {"167", "422"}
