"""A service page's codes (catalog.selectors.service_for_page) against the code tables kept in the
process: the kept tables never hide a code or keep a name longer than the public cache allows."""

import uuid

import pytest

from perhekeskus.catalog.models import Category, ServiceType
from perhekeskus.catalog.selectors import code_tables, service_for_page
from perhekeskus.catalog.tests import factories

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_services_codes_and_each_places_municipalities(settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    service = factories.service(types=("family-cafe", "family-club"))
    joensuu, lieksa = factories.municipality("167"), factories.municipality("422")
    factories.delivery(service_obj=service, mode="home-visit", municipalities=[lieksa, joensuu])
    found = service_for_page(service.pk)
    assert [t.code for t in found.type_list] == [t.code for t in service.service_types.all()]
    [delivery] = found.deliveries.all()
    assert delivery.municipality_list == list(delivery.municipalities.all()) == [joensuu, lieksa]


def test_a_code_newer_than_the_kept_tables_is_read_not_left_out(settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    service = factories.service(types=("family-cafe",))
    code_tables("service_types")  # kept for this generation
    # Written without a signal (as bulk reference data is): the generation stays.
    [new] = ServiceType.objects.bulk_create(
        [ServiceType(code="baby-swimming", name_fi="Vauvauinti", category=Category.objects.first())]
    )
    service.service_types.through.objects.bulk_create(
        [service.service_types.through(service=service, servicetype=new)]
    )
    assert "Vauvauinti" in [t.name_fi for t in service_for_page(service.pk).type_list]


def test_with_nothing_kept_a_name_changed_without_a_signal_shows_at_once(settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    service = factories.service(types=("family-cafe",))
    assert service_for_page(service.pk).type_list[0].name_fi != "Perheiden olohuone"
    ServiceType.objects.filter(code="family-cafe").update(name_fi="Perheiden olohuone")
    assert service_for_page(service.pk).type_list[0].name_fi == "Perheiden olohuone"


def test_a_code_deleted_since_its_service_was_read_is_left_out_not_an_error():
    languages = code_tables("languages")["languages"]
    finnish, swedish = languages.rows[:2]
    assert languages.of({swedish.pk, uuid.uuid4(), finnish.pk}) == [finnish, swedish]
