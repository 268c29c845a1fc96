"""The public service page and the search page make as many queries for a rich listing or many
results as for a bare one: no query per delivery, schedule, type or hit (N+1). The pages are made
for each request here (PUBLIC_CACHE_SECONDS 0), not served as kept (web.page_cache)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from perhekeskus.catalog.opening_hours import HELSINKI
from perhekeskus.catalog.tests import factories
from perhekeskus.core.tests.utils import queries_of
from perhekeskus.network.models import Municipality
from perhekeskus.search import indexing


@pytest.fixture(autouse=True)
def _stopped_clock():
    """What is open now is read once a minute in a process: a minute turning between two counts would
    add a query to one of them."""
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False):
        yield


def _service_with(deliveries: int, name: str):
    organization = factories.organization()
    service = factories.service(
        organization=organization, name_fi=name, types=("family-cafe", "peer-support")
    )
    lieksa = Municipality.objects.get(code="422")
    for _ in range(deliveries):
        delivery = factories.delivery(service_obj=service, municipalities=[lieksa])
        factories.weekday_schedule(delivery)
    return service


def test_the_service_page_makes_no_query_per_delivery(client, db, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    bare = _service_with(1, "Perhekahvila Yksi")
    rich = _service_with(5, "Perhekahvila Viisi")
    client.get(reverse("service", args=[bare.pk]))  # warms what is computed once per process
    assert queries_of(client, reverse("service", args=[rich.pk])) == queries_of(
        client, reverse("service", args=[bare.pk])
    )


def test_the_search_page_makes_no_query_per_hit(client, db, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    # Three at least: fewer results add the next steps (test_next_steps), which count on their own.
    for n in range(3):
        _service_with(1, f"Perhekahvila Aamu {n}")
    indexing.rebuild()
    url = reverse("search") + "?q=perhekahvila"
    client.get(url)
    few = queries_of(client, url)
    for n in range(8):
        _service_with(2, f"Perhekahvila Ilta {n}")
    indexing.rebuild()
    client.get(url)
    assert "Perhekahvila Ilta" in client.get(url).content.decode()
    assert queries_of(client, url) == few
