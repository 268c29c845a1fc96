"""The `interpreter` filter: services that can use an interpreter (free of charge or for a fee), in the
search, the search API's parameter and its results."""

import pytest

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Service
from perhekeskus.search import indexing, selectors
from perhekeskus.search.query import Filters
from perhekeskus.search.services import search_without_log
from perhekeskus.search.tests.test_search import MONDAY_NOON

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


@pytest.fixture
def save():
    """Save a service's interpretation and index it, as its commit would (the test's transaction never
    commits)."""

    def saving(service: Service, choice: str) -> None:
        services.service_save(actor=None, service=service, values={"interpretation": choice})
        indexing.index_services([service.pk])

    return saving


@pytest.fixture
def interpreted(network, save):
    """The maternity clinic gives an interpreter free of charge, speech therapy for a fee; the café has
    none; the others have not said."""
    for key, choice in (("maternity", "free"), ("speech", "fee"), ("cafe", "none")):
        save(network[key], choice)
    return network


def _names(**filters) -> set[str]:
    result = selectors.search(
        text="", filters=Filters(**filters), sort="name", page=1, page_size=100, now=MONDAY_NOON
    )
    return {hit.data["name"]["fi"] for hit in result.hits}


def test_the_filter_passes_exactly_the_services_with_an_interpreter_free_or_for_a_fee(interpreted):
    assert _names(interpreter=True) == {"Joensuun äitiysneuvola", "Lasten puheterapia"}
    assert _names(interpreter=True) == {
        s.name_fi for s in Service.objects.filter(interpretation__in=["free", "fee"], status="active")
    }
    assert "Perhekahvila Pesä" in _names()  # without the filter, every service
    assert _names(interpreter=True, free=False) == set()  # with the other filters
    assert _names(interpreter=True, municipality=["422"]) == {"Lasten puheterapia"}


def test_a_change_of_interpretation_reaches_the_filter_through_the_snapshot(interpreted, save):
    assert _names(interpreter=True) == {
        "Joensuun äitiysneuvola",
        "Lasten puheterapia",
    }  # the snapshot is taken
    save(interpreted["speech"], "none")
    save(interpreted["cafe"], "fee")
    assert _names(interpreter=True) == {"Joensuun äitiysneuvola", "Perhekahvila Pesä"}


def test_a_rebuilt_index_filters_alike(interpreted):
    indexing.rebuild()
    assert _names(interpreter=True) == {"Joensuun äitiysneuvola", "Lasten puheterapia"}


def test_the_api_takes_interpreter_true_and_tells_each_result_its_interpretation(client, interpreted):
    body = client.get(URL, {"interpreter": "true", "sort": "name"}).json()
    assert [(r["name"], r["interpretation"]) for r in body["results"]] == [
        ("Joensuun äitiysneuvola", "free"),
        ("Lasten puheterapia", "fee"),
    ]
    everything = client.get(URL, {"interpreter": "false", "page_size": 50}).json()
    assert everything["total"] > body["total"]
    shown = {r["name"]: r["interpretation"] for r in everything["results"]}
    assert shown["Perhekahvila Pesä"] == "none" and shown["Kriisipuhelin"] == ""


def test_an_interpreter_value_that_is_not_a_boolean_is_a_400_naming_it(client, interpreted):
    response = client.get(URL, {"interpreter": "maybe"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["interpreter"]


def test_a_search_with_the_filter_is_logged_with_it(interpreted):
    from perhekeskus.search.models import SearchLog
    from perhekeskus.search.services import search_run

    search_run({"q": "neuvola", "interpreter": True, "lang": "fi"})
    assert SearchLog.objects.get().filters == {"interpreter": True}
    assert search_without_log({"interpreter": True}).total == 2
