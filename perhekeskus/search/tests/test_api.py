import pytest
import yaml

from perhekeskus.search.api.serializers import (
    FacetsSerializer,
    FacetValueSerializer,
    NearestPlaceSerializer,
    OrganizationSummarySerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
    SearchResultSerializer,
)
from perhekeskus.search.models import SearchLog

URL = "/api/v1/search"


def test_search_returns_the_documented_shape(client, network):
    body = client.get(URL, {"q": "neuvola lieksa", "page_size": 5}).json()
    assert set(body) == {"total", "page", "page_size", "suggestion", "life_situations", "results", "facets"}
    first = body["results"][0]
    assert set(first) == {
        "id", "name", "summary", "organization", "service_types", "categories", "municipalities",
        "delivery_modes", "interpretation", "url", "distance_km", "score", "nearest_place",
    }  # fmt: skip
    # The answer is written out by hand: it must be what the serializers' fields (the schema) describe.
    assert set(body) == set(SearchResponseSerializer().fields)
    assert list(body["facets"]) == list(FacetsSerializer.FACETS) == list(FacetsSerializer().fields)
    assert set(body["facets"]["municipality"][0]) == set(FacetValueSerializer().fields)
    assert set(SearchQuerySerializer().fields) == SearchQuerySerializer.PARAMETERS
    assert set(first) == set(SearchResultSerializer().fields)
    assert set(first["organization"]) == set(OrganizationSummarySerializer().fields)
    assert set(first["nearest_place"]) == set(NearestPlaceSerializer().fields)
    assert first["nearest_place"]["municipality"] == "422"
    assert first["name"] == "Lieksan lastenneuvola"
    assert first["id"] == str(network["lieksa_clinic"].pk)
    assert first["url"] == f"http://testserver/services/{network['lieksa_clinic'].pk}/"
    assert first["service_types"] == ["child-health-clinic"]
    assert first["municipalities"] == ["422"]
    assert set(body["facets"]) == {"municipality", "category", "service_type", "delivery_mode", "language"}
    assert {"code": "422", "name": "Lieksa", "count": 1} in body["facets"]["municipality"]


def test_texts_follow_the_requested_language_with_fallback(client, network):
    results = client.get(URL, {"q": "lastenneuvola", "lang": "sv"}).json()["results"]
    assert results[0]["name"] == "Barnrådgivningen i Lieksa"
    assert results[0]["url"] == f"http://testserver/sv/services/{network['lieksa_clinic'].pk}/"
    assert results[0]["summary"] == "Terveystarkastukset alle kouluikäisille lapsille."
    facets = client.get(URL, {"q": "lastenneuvola", "lang": "en"}).json()["facets"]
    assert facets["category"][0]["name"] == "Promotion of wellbeing and health"


def test_distance_is_given_when_a_position_is(client, network):
    results = client.get(URL, {"lat": "62.6", "lon": "29.76", "sort": "distance", "page_size": 1}).json()[
        "results"
    ]
    assert 0 < results[0]["distance_km"] < 1


def test_suggestion_for_a_misspelt_query(client, network):
    assert client.get(URL, {"q": "puheterapai"}).json()["suggestion"] == "puheterapia"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"municipality": "999"}, "municipality"),
        ({"service_type": "dentist"}, "service_type"),
        ({"page_size": "500"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"lat": "62.6"}, "lon"),
        ({"lon": "29.7"}, "lat"),
        ({"lat": "52.5", "lon": "13.4"}, "lat"),
        ({"radius_km": "5"}, "radius_km"),
        ({"sort": "distance"}, "sort"),
        ({"sort": "random"}, "sort"),
        ({"age_months": "-3"}, "age_months"),
        ({"age_months": "many"}, "age_months"),
        ({"free": "maybe"}, "free"),
        ({"open_now": "yes please"}, "open_now"),
        ({"lang": "de"}, "lang"),
        ({"q": "x" * 201}, "q"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_parameters_get_400_with_field_errors(client, network, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in [error["field"] for error in errors]
    assert all(error["message"] for error in errors)


def test_several_errors_are_reported_together(client, network):
    errors = client.get(URL, {"page_size": "500", "age_months": "-3", "free": "maybe"}).json()["errors"]
    assert {e["field"] for e in errors} == {"page_size", "age_months", "free"}


def test_error_messages_follow_the_requested_language(client, network):
    english = client.get(URL, {"page": "0"}).json()["errors"][0]["message"]
    finnish = client.get(URL, {"page": "0", "lang": "fi"}).json()["errors"][0]["message"]
    assert english != finnish


def test_repeated_and_comma_separated_codes(client, network):
    repeated = client.get(f"{URL}?municipality=167&municipality=422").json()["total"]
    assert client.get(URL, {"municipality": "167,422"}).json()["total"] == repeated == 6


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_search_is_read_only(client, network, method):
    assert getattr(client, method)(URL).status_code == 405


def test_signed_in_users_search_the_same_way(client, network, plain_user):
    client.force_login(plain_user)
    assert client.get(URL, {"q": "neuvola"}).json()["total"] == 2


def test_searches_are_logged_without_personal_data(client, network, plain_user):
    client.force_login(plain_user)
    client.get(
        URL, {"q": "  neuvola ", "lang": "sv", "lat": "62.6", "lon": "29.76", "radius_km": "10"},
        REMOTE_ADDR="10.1.2.3",
    )  # fmt: skip
    log = SearchLog.objects.get()
    assert (log.query, log.language, log.result_count) == ("neuvola", "sv", 1)
    assert log.filters == {"radius_km": 10.0, "sort": "relevance"}
    stored = str([getattr(log, f.attname) for f in SearchLog._meta.fields])
    assert "10.1.2.3" not in stored and "62.6" not in stored and plain_user.username not in stored


def test_a_long_finnish_compound_is_searched(client, network):
    """Voikko recursed past Python's limit on long compounds of short parts (a server error)."""
    for text in ("talo" * 50, "lastenneuvola" * 15):
        assert client.get(URL, {"q": text}).status_code == 200


def test_bad_requests_are_not_logged(client, network):
    client.get(URL, {"page_size": "500"})
    assert not SearchLog.objects.exists()


def test_openapi_schema_documents_the_search(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {
        "q", "lang", "municipality", "service_type", "category", "life_situation", "age_months",
        "delivery_mode", "language", "free", "open_now", "lat", "lon", "radius_km", "sort", "page", "page_size",
    }  # fmt: skip
    assert {"200", "400"} <= set(operation["responses"])


def test_words_naming_a_life_situation_give_its_code(network, client):
    body = client.get(URL, {"q": "väsynyt äiti"}).json()
    assert "parent-coping" in body["life_situations"]
    assert client.get(URL, {"q": "perhekahvila"}).json()["life_situations"] == []


def test_an_answer_is_kept_until_the_catalogue_changes_one_of_what_is_open_for_its_minute_and_all_logged(
    client, network, django_capture_on_commit_callbacks
):
    import datetime

    import time_machine
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from perhekeskus.activities.recurrence import HELSINKI
    from perhekeskus.catalog import services

    cafe = network["cafe"]

    def names(**filters) -> list[str]:
        answer = client.get(URL, {"q": "perhekahvila", "lang": "fi", **filters})
        return [item["name"] for item in answer.json()["results"]]

    def searched(queries) -> bool:
        """Whether the index was read (not only the search log written)."""
        return any("search_" in q["sql"] and "search_searchlog" not in q["sql"] for q in queries)

    # Tuesday: the café is open 9.30–11.30.
    moment = datetime.datetime(2026, 12, 8, 11, 29, 5, tzinfo=HELSINKI)
    with time_machine.travel(moment, tick=False):
        assert names() == ["Perhekahvila Pesä"]
        assert names(open_now="true") == ["Perhekahvila Pesä"]
        with CaptureQueriesContext(connection) as queries:
            assert names() == ["Perhekahvila Pesä"]
            assert names(open_now="true") == ["Perhekahvila Pesä"]
        assert not searched(queries)  # both kept
    with time_machine.travel(moment + datetime.timedelta(minutes=5), tick=False):
        with CaptureQueriesContext(connection) as queries:
            assert names() == ["Perhekahvila Pesä"]
        assert not searched(queries)  # nothing of it is the clock's: still kept
        assert names(open_now="true") == []  # what is open now is the minute's: closed since 11.30
        # A change by any write path moves the cache on: the next answer has it.
        cafe.refresh_from_db()
        connection.run_on_commit.clear()  # earlier writes wait for a commit a test never makes
        with django_capture_on_commit_callbacks(execute=True):
            services.service_save(actor=None, service=cafe, values={"name_fi": "Perhekahvila Kehto"})
        assert names() == ["Perhekahvila Kehto"]
    # Every search is logged, those answered from the cache too.
    assert SearchLog.objects.filter(query="perhekahvila").count() == 7
