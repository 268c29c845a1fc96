"""With a read replica, search and the open data API read from it and write to the primary; the
workspace reads the primary. In tests the replica is a second connection to the test database."""

from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from perhekeskus.catalog.tests import factories
from perhekeskus.search.models import SearchLog

pytestmark = pytest.mark.django_db(databases=["default", "replica"], transaction=True)


@contextmanager
def statements():
    """The SQL sent to the primary and to the replica meanwhile, as two strings."""
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        sent = {}
        yield sent
    sent["replica"] = " ; ".join(query["sql"] for query in replica.captured_queries)
    sent["primary"] = " ; ".join(query["sql"] for query in primary.captured_queries)


@pytest.mark.parametrize("path", ["/search/?q=perhekahvila", "/api/v1/search?q=perhekahvila"])
def test_search_reads_from_the_replica_and_logs_to_the_primary(client, settings, path):
    settings.READS_FROM_REPLICA = True
    service = factories.service(name_fi="Perhekahvila Pankakoski")
    with statements() as sent:
        response = client.get(path)
    assert response.status_code == 200 and service.name_fi in response.content.decode()
    # The found documents' data (the process's snapshot of facets may come from either: the primary
    # is never behind).
    assert "SELECT id, data, is_free FROM search_searchdocument" in sent["replica"]
    assert "SELECT id, data" not in sent["primary"] and 'INSERT INTO "search_searchlog"' in sent["primary"]
    assert SearchLog.objects.count() == 1


def test_the_open_data_api_reads_from_the_replica(client, settings):
    settings.READS_FROM_REPLICA = True
    service = factories.service(name_fi="Perheneuvola")
    with statements() as sent:
        response = client.get(f"/api/hsds/services/{service.pk}")
    assert response.status_code == 200 and response.json()["name"] == "Perheneuvola"
    assert 'FROM "catalog_service"' in sent["replica"] and sent["primary"] == ""


def test_other_pages_read_from_the_primary(client, settings):
    settings.READS_FROM_REPLICA = True
    service = factories.service(name_fi="Perheneuvola")
    with statements() as sent:
        assert client.get(f"/services/{service.pk}/").status_code == 200
    assert sent["replica"] == "" and 'FROM "catalog_service"' in sent["primary"]


def test_without_a_replica_search_reads_from_the_primary(client, settings):
    settings.READS_FROM_REPLICA = False
    factories.service(name_fi="Perhekahvila")
    with statements() as sent:
        assert client.get("/search/?q=perhekahvila").status_code == 200
    assert sent["replica"] == "" and "search_searchdocument" in sent["primary"]


@pytest.mark.parametrize("path", ["/search/?municipality=167", "/api/v1/search?municipality=167"])
def test_what_is_read_from_the_replica_is_kept_a_minute_at_most(settings, path):
    """A replica behind the primary may give the rows before a change after the public generation has
    moved on: what is read from it is kept no longer than a minute (core.public_cache)."""
    import datetime

    import time_machine
    from django.utils import timezone

    settings.READS_FROM_REPLICA = True
    factories.service(name_fi="Perhekahvila Pankakoski")
    moment = timezone.make_aware(datetime.datetime(2026, 12, 7, 3, 0, 5))  # nothing of it open

    def searched_at(moment) -> bool:
        # A new visitor each time: a search in one municipality remembers it in a cookie.
        with time_machine.travel(moment, tick=False), statements() as sent:
            assert Client().get(path).status_code == 200
        return "search_" in sent["replica"]  # the search read its index

    assert searched_at(moment)
    assert not searched_at(moment + datetime.timedelta(seconds=50))
    assert searched_at(moment + datetime.timedelta(seconds=70))
