import random

import pytest
from django.core.management import CommandError, call_command

from perhekeskus.catalog.models import Delivery, Location, OpeningRule, Schedule, Service
from perhekeskus.core.models import ChangeRecord
from perhekeskus.demo.generator import generate_network
from perhekeskus.network.models import Network, Organization

pytestmark = pytest.mark.django_db


def test_generator_builds_the_requested_network():
    result = generate_network(municipalities=5, services=200, deliveries=320, seed=3)
    network = Network.objects.get(slug="synthetic-3")
    assert result["services"] == Service.objects.filter(organization__networks=network).count() == 200
    assert Delivery.objects.filter(service__organization__networks=network).count() == 320
    assert network.municipalities.count() == 5
    assert network.is_sample_data


def test_generated_rows_pass_model_validation():
    generate_network(municipalities=3, services=60, seed=4)
    rng = random.Random(0)
    for model in (Organization, Location, Service, Delivery, Schedule, OpeningRule):
        rows = list(model.objects.all())
        for row in rng.sample(rows, min(15, len(rows))):
            row.full_clean()


def test_every_delivery_reaches_a_municipality_and_location_modes_have_a_location():
    generate_network(municipalities=4, services=100, seed=5)
    assert not Delivery.objects.filter(municipalities__isnull=True).exists()
    assert not Delivery.objects.filter(
        mode__code__in=["provider-site", "family-centre-building"], location__isnull=True
    ).exists()


def test_the_same_seed_builds_the_same_network():
    generate_network(municipalities=3, services=40, seed=6)
    first = list(Service.objects.order_by("name_fi").values_list("name_fi", "age_min_months"))
    generate_network(municipalities=3, services=40, seed=6, replace=True)
    assert list(Service.objects.order_by("name_fi").values_list("name_fi", "age_min_months")) == first
    assert Network.objects.filter(slug="synthetic-6").count() == 1


def test_generated_rows_have_a_created_record():
    generate_network(municipalities=2, services=30, deliveries=40, seed=7)
    created = ChangeRecord.objects.filter(source="generate_network", action=ChangeRecord.Action.CREATED)
    assert created.filter(content_type__model="service").count() == 30
    assert created.filter(content_type__model="delivery").count() == 40


def test_command_refuses_an_existing_network_without_replace():
    call_command("generate_network", "--municipalities", "2", "--services", "10", "--seed", "8", verbosity=0)
    with pytest.raises(CommandError, match="exists"):
        call_command("generate_network", "--municipalities", "2", "--services", "10", "--seed", "8")


@pytest.mark.parametrize(
    "args",
    [
        ["--municipalities", "0", "--services", "10"],
        ["--municipalities", "5000", "--services", "10"],
        ["--municipalities", "2", "--services", "0"],
    ],
)
def test_command_refuses_impossible_sizes(args):
    with pytest.raises(CommandError):
        call_command("generate_network", *args)
