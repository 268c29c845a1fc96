import json

import pytest
from django.core.cache import cache

from perhekeskus.catalog.models import LifeSituation, ServiceType
from perhekeskus.opendata import hsds

pytestmark = pytest.mark.django_db
API = "/api/hsds"


def _names(body) -> list[str]:
    return sorted(item["name"] for item in body["contents"])


def test_root_tells_version_profile_and_openapi(client):
    body = client.get(f"{API}/").json()
    assert body["version"] == "3.1"
    assert body["openapi_url"].endswith("/api/schema/")


def test_services_list_with_paging_envelope(client, network):
    body = client.get(f"{API}/services", {"per_page": 4}).json()
    assert (body["total_items"], body["total_pages"], body["size"]) == (6, 2, 4)
    assert body["first_page"] and not body["last_page"] and not body["empty"]
    last = client.get(f"{API}/services", {"per_page": 4, "page": 2}).json()
    assert (last["size"], last["last_page"]) == (2, True)
    beyond = client.get(f"{API}/services", {"per_page": 4, "page": 3}).json()
    assert beyond["contents"] == [] and beyond["page_number"] == 3
    assert "Suljettu perhekerho" not in _names(client.get(f"{API}/services").json())  # not listed


def test_search_uses_the_finnish_aware_engine(client, network):
    body = client.get(f"{API}/services", {"search": "äitiysneuvolaan joensuussa"}).json()
    assert body["contents"][0]["name"] == "Joensuun äitiysneuvola"


def test_taxonomy_term_taxonomy_and_organization_filters(client, network):
    speech = ServiceType.objects.get(code="speech-therapy")
    assert _names(client.get(f"{API}/services", {"taxonomy_term_id": speech.pk}).json()) == [
        "Lasten puheterapia"
    ]
    baby = LifeSituation.objects.get(code="baby")
    assert _names(client.get(f"{API}/services", {"taxonomy_term_id": baby.pk}).json()) == [
        "Lieksan lastenneuvola"
    ]
    situations = client.get(f"{API}/services", {"taxonomy_id": hsds.taxonomy_id("life_situation")}).json()
    assert _names(situations) == ["Lieksan lastenneuvola"]
    ngo = network["cafe"].organization_id
    assert _names(client.get(f"{API}/services", {"organization_id": ngo}).json()) == [
        "Kriisipuhelin",
        "Perhekahvila Pesä",
    ]


def test_modified_after(client, network):
    assert (
        client.get(f"{API}/services", {"modified_after": "2100-01-01T00:00:00Z"}).json()["total_items"] == 0
    )
    assert (
        client.get(f"{API}/services", {"modified_after": "2000-01-01T00:00:00Z"}).json()["total_items"] == 6
    )


def test_minimal_and_full(client, network):
    minimal = client.get(f"{API}/services", {"minimal": "true"}).json()["contents"][0]
    assert set(minimal) == {"id", "last_modified"}
    full = client.get(f"{API}/services", {"full": "true", "search": "perhekahvila"}).json()["contents"][0]
    assert full["organization"]["name"] == "MLL Joensuu"
    assert full["service_at_locations"][0]["location"]["name"] == "Perhetalo"


def test_texts_follow_accept_language_with_finnish_as_default(client, network):
    body = client.get(f"{API}/services/{network['cafe'].pk}", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").json()
    assert body["name"] == "Family café Pesä"
    assert body["description"] == "Avoin perhekahvila vauvaperheille."  # no English text: Finnish
    assert client.get(f"{API}/services/{network['cafe'].pk}").json()["name"] == "Perhekahvila Pesä"
    response = client.get(f"{API}/services/{network['cafe'].pk}", HTTP_ACCEPT_LANGUAGE="de, sv;q=0.5")
    assert response["Content-Language"] == "sv"


def test_texts_in_the_other_languages_of_the_site_and_in_sami(client, network):
    from perhekeskus.catalog.models import Service

    cafe = network["cafe"]
    Service.objects.filter(pk=cafe.pk).update(name_ru="Семейное кафе «Гнездо»", name_se="Bearašgáfe Pesä")
    url = f"{API}/services/{cafe.pk}"
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert russian["Content-Language"] == "ru" and russian.json()["name"] == "Семейное кафе «Гнездо»"
    # No Russian summary: English first, as on the site's pages; there is none either, so Finnish.
    assert russian.json()["description"] == "Avoin perhekahvila vauvaperheille."
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="se").json()["name"] == "Bearašgáfe Pesä"
    # Arabic asked for, no Arabic name: the English one.
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="ar").json()["name"] == "Family café Pesä"


def test_confidential_places_never_show_an_address_or_position(client, network):
    shelter = network["shelter"]
    places = client.get(f"{API}/service_at_locations", {"per_page": 100}).json()["contents"]
    place = next(p for p in places if p["service_id"] == str(shelter.pk))
    assert "addresses" not in place["location"] and "latitude" not in place["location"]
    text = json.dumps(client.get(f"{API}/services/{shelter.pk}").json())
    for secret in ("80100", "62.601", "29.763"):
        assert secret not in text


def test_service_at_locations_by_postcode_and_proximity(client, network):
    in_joensuu = client.get(f"{API}/service_at_locations", {"postcode": "80100"}).json()
    assert in_joensuu["total_items"] >= 2
    near = client.get(f"{API}/service_at_locations", {"postcode": "80100", "proximity": "2000"}).json()
    names = {p["location"]["name"] for p in near["contents"]}
    assert "Perhetalo" in names and "Turvakoti" not in names
    assert client.get(f"{API}/service_at_locations", {"postcode": "99999"}).json()["total_items"] == 0


def test_ndjson_streams_every_item_without_paging(client, network):
    response = client.get(f"{API}/services", {"format": "ndjson", "per_page": 1})
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 6 and all(json.loads(line)["id"] for line in lines)


def test_taxonomies_and_terms(client, network):
    taxonomies = client.get(f"{API}/taxonomies").json()
    assert taxonomies["total_items"] == 4
    types = client.get(
        f"{API}/taxonomy_terms", {"taxonomy_id": hsds.taxonomy_id("service_type"), "per_page": 500}
    ).json()
    assert types["total_items"] == ServiceType.objects.count()
    speech = next(t for t in types["contents"] if t["code"] == "speech-therapy")
    assert speech["parent_id"] == str(ServiceType.objects.get(code="speech-therapy").category_id)
    top = client.get(f"{API}/taxonomy_terms", {"top_only": "true", "per_page": 500}).json()
    assert all("parent_id" not in t for t in top["contents"])
    assert client.get(f"{API}/taxonomy_terms/{speech['id']}").json()["code"] == "speech-therapy"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": "501"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"format": "xml"}, "format"),
        ({"taxonomy_term_id": "nope"}, "taxonomy_term_id"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"modified_after": "0001-01-01"}, "modified_after"),
        ({"minimal": "maybe"}, "minimal"),
        ({"minimal": "true", "full": "true"}, "minimal"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_parameters_get_400_with_the_field(client, network, params, field):
    response = client.get(f"{API}/services", params)
    assert response.status_code == 400
    assert field in {error["field"] for error in response.json()["errors"]}


def test_unknown_ids_are_404_and_everything_is_read_only_and_open(client, network):
    import uuid

    missing = client.get(f"{API}/services/{uuid.uuid4()}")
    assert missing.status_code == 404 and missing.json() == {
        "errors": [{"field": "id", "message": "Not found."}]
    }
    assert client.get(f"{API}/services/{network['closed'].pk}").status_code == 404  # not listed
    assert client.get(f"{API}/taxonomies/{uuid.uuid4()}").status_code == 404
    assert client.post(f"{API}/services", {}).status_code == 405
    assert client.get(f"{API}/services")["Access-Control-Allow-Origin"] == "*"


def test_a_malformed_id_is_a_400_in_the_error_shape(client, network):
    for malformed in ("nope", "null,null", "1"):
        response = client.get(f"{API}/services/{malformed}")
        assert response.status_code == 400 and response.json() == {
            "errors": [{"field": "id", "message": "Must be a valid UUID."}]
        }
    assert client.get(f"{API}/taxonomies/{hsds.taxonomy_id('category')}").status_code == 200


def test_clients_are_throttled(client, network, settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"hsds": "3/minute"}}
    codes = [client.get(f"{API}/taxonomies").status_code for _ in range(4)]
    cache.clear()
    assert codes == [200, 200, 200, 429]


def test_our_openapi_schema_validates_and_documents_hsds(client, tmp_path):
    from django.core.management import call_command

    # --validate checks the document against the OpenAPI specification; warnings fail too.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert {"/api/hsds/services", "/api/hsds/services/{id}", "/api/v1/search"} <= set(schema["paths"])
    services = schema["paths"]["/api/hsds/services"]["get"]
    assert {"search", "taxonomy_term_id", "modified_after", "minimal", "full", "per_page", "format"} <= {
        p["name"] for p in services["parameters"]
    }
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs and "cdn." not in docs


def test_search_combines_with_the_other_parameters_and_pages(client, network):
    body = client.get(f"{API}/services", {"search": "neuvola", "per_page": 1, "page": 2}).json()
    assert (body["total_items"], body["size"], body["page_number"]) == (2, 1, 2)
    ngo = network["cafe"].organization_id
    assert (
        client.get(f"{API}/services", {"search": "neuvola", "organization_id": ngo}).json()["total_items"]
        == 0
    )
    places = client.get(
        f"{API}/service_at_locations", {"search": "perhekahvila", "postcode": "80100", "proximity": "5000"}
    )
    assert [p["location"]["name"] for p in places.json()["contents"]] == ["Perhetalo"]
    lines = b"".join(
        client.get(f"{API}/services", {"search": "neuvola", "format": "ndjson"}).streaming_content
    )
    assert len(lines.decode().splitlines()) == 2


def test_full_services_at_locations_read_their_services_in_one_go(
    client, network, django_assert_max_num_queries
):
    # 4 places of 4 services: one query per service would be over 40.
    with django_assert_max_num_queries(20):
        body = client.get(f"{API}/service_at_locations", {"full": "true", "per_page": 100}).json()
    assert all(place["service"]["id"] == place["service_id"] for place in body["contents"])
