"""A service page's reads (catalog.selectors.service_for_page, by queries written once:
core.written_queries) give what Django's own prefetch_related gives."""

import datetime
import uuid

import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Contact, Service
from perhekeskus.catalog.selectors import (
    _PAGE_DELIVERIES,
    PAGE_ORDER_OF_DELIVERIES,
    service_for_page,
    services_with_details,
)
from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import Publication
from perhekeskus.core.written_queries import WrittenQuery

pytestmark = pytest.mark.django_db


def _rich_service() -> Service:
    service = factories.service(name_fi="Perhekahvila Rikas")
    Contact.objects.create(service=service, name="Öllö", phone="0401234567", position=2)
    Contact.objects.create(service=service, name="Aino", email="aino@example.fi", position=1)
    at_place = factories.delivery(service_obj=service, municipalities=[factories.municipality("167")])
    schedule = factories.weekday_schedule(at_place, valid_from=datetime.date(2026, 1, 1))
    schedule.exceptions.create(date=datetime.date(2026, 12, 24), closed=True, reason_fi="Jouluaatto")
    factories.weekday_schedule(at_place, opens=datetime.time(17), closes=datetime.time(19))
    factories.delivery(service_obj=service, mode="online", municipalities=[factories.municipality()])
    return service


def _fields(instance) -> list | None:
    """Every column of an instance as read, with its type (True and 1 are not the same here)."""
    if instance is None:
        return None
    return [
        (field.attname, type(value).__name__, value)
        for field in instance._meta.concrete_fields
        for value in [field.value_from_object(instance)]
    ]


def _as_read(service: Service) -> dict:
    """Everything of a service and the rows a page shows with it, read either way."""
    return {
        "service": _fields(service),
        "organization": _fields(service.organization),
        "contacts": [_fields(c) for c in service.contacts.all()],
        "deliveries": [
            (
                _fields(d),
                _fields(d.mode),
                _fields(d.location),
                _fields(d.location and d.location.municipality),
                [
                    (
                        _fields(s),
                        [_fields(r) for r in s.rules.all()],
                        [_fields(e) for e in s.exceptions.all()],
                    )
                    for s in d.schedules.all()
                ],
            )
            for d in service.deliveries.all()
        ],
    }


def test_the_page_reads_what_prefetch_related_reads():
    service = _rich_service()
    found = service_for_page(service.pk)
    assert _as_read(found) == _as_read(services_with_details().get(pk=service.pk))
    assert [c.name for c in found.contacts.all()] == ["Aino", "Öllö"]
    [at_place, online] = found.deliveries.all()
    assert online.location is None and at_place.location.municipality.code == "422"
    assert isinstance(found.created_at, datetime.datetime) and found.created_at.tzinfo is not None
    assert len(found.deliveries.all()[0].schedules.all()) == 2


def test_what_is_read_is_there_without_another_query():
    found = service_for_page(_rich_service().pk)
    with CaptureQueriesContext(connection) as queries:
        _as_read(found)
        for delivery in found.deliveries.all():
            assert delivery.service is found
            for schedule in delivery.schedules.all():
                assert schedule.delivery is delivery
                assert all(rule.schedule is schedule for rule in schedule.rules.all())
        assert found.deliveries.count() == 2 and found.contacts.exists()
    assert len(queries) == 0


def test_rows_given_are_never_refined_into_a_read_or_a_write_of_the_whole_table():
    other = _rich_service()
    found = service_for_page(_rich_service().pk)
    with pytest.raises(TypeError, match="read as they are"):
        found.deliveries.all().filter(mode__code="online")
    assert found.deliveries.first() == found.deliveries.all()[0]
    assert found.contacts.update(name="Kaikki") == 0
    assert found.contacts.aggregate(Count("pk")) == {"pk__count": 0}
    assert list(found.deliveries.iterator()) == []
    assert sorted(other.contacts.values_list("name", flat=True)) == ["Aino", "Öllö"]


def test_no_query_per_place_or_schedule_and_none_for_what_a_service_lacks():
    def queries_for(service: Service) -> int:
        service_for_page(service.pk)  # the queries are written on the first call
        with CaptureQueriesContext(connection) as queries:
            service_for_page(service.pk)
        return len(queries)

    rich, more = _rich_service(), _rich_service()
    for _ in range(3):
        factories.weekday_schedule(factories.delivery(service_obj=more))
    bare = factories.service()
    assert queries_for(rich) == queries_for(more)
    # Without places: no schedules, rules or exceptions to read.
    assert queries_for(bare) == queries_for(rich) - 3


def test_a_service_the_public_may_not_see_or_that_does_not_exist_is_none():
    hidden = services.service_save(
        actor=None, values={"publication": Publication.DRAFT}, service=factories.service()
    )
    assert service_for_page(hidden.pk) is None
    assert service_for_page(uuid.uuid4()) is None


def test_a_query_is_written_once_for_each_connection():
    first, second = _rich_service(), _rich_service()
    query = WrittenQuery(_PAGE_DELIVERIES._make)
    assert [d.pk for d in query.rows(first.pk, DEFAULT_DB_ALIAS)] == [
        d.pk for d in first.deliveries.order_by(*PAGE_ORDER_OF_DELIVERIES)
    ]
    written = connection._written_queries[query]
    assert [d.service_id for d in query.rows(second.pk, DEFAULT_DB_ALIAS)] == [second.pk, second.pk]
    assert connection._written_queries[query] is written


def test_a_query_not_of_one_key_alone_is_refused():
    with pytest.raises(ValueError, match="one key"):
        WrittenQuery(lambda pk: Service.objects.all()).rows(uuid.uuid4(), DEFAULT_DB_ALIAS)
    # What changes from one writing to the next (the time) would be kept as first written.
    with pytest.raises(ValueError, match="nothing else that changes"):
        WrittenQuery(lambda pk: Service.objects.filter(pk=pk, created_at__lte=timezone.now())).rows(
            uuid.uuid4(), DEFAULT_DB_ALIAS
        )
