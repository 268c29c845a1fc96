"""Every kind of HSDS response, for the whole demo network, validates against the HSDS 3.1 schemas."""

import json
import re

import pytest
from django.core.management import call_command

from perhekeskus.core.translation import CONTENT_LANGUAGES, MORE_PUBLIC_LANGUAGES
from perhekeskus.opendata.tests.conformance import errors

pytestmark = pytest.mark.django_db

PAGE_FIELDS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def _pages(client, path, headers=None, **params):
    """Every item of a list endpoint, page by page, checking the envelope on the way."""
    items, page = [], 1
    while True:
        body = client.get(path, {**params, "page": page, "per_page": 100}, **(headers or {})).json()
        assert set(body) == PAGE_FIELDS, path
        assert body["size"] == len(body["contents"]) and body["page_number"] == page
        items += body["contents"]
        if body["last_page"]:
            assert len(items) == body["total_items"]
            return items
        page += 1


def test_the_whole_demo_network_conforms(client):
    call_command("load_demo", verbosity=0)
    call_command("rebuild_search_index", verbosity=0)
    problems = []

    def check(instance, schema, where):
        problems.extend(f"{where}: {e}" for e in errors(instance, schema))

    for language in MORE_PUBLIC_LANGUAGES:
        # The six further languages: their texts where written, the rest in their fallback. The kinds
        # of response are those checked in full for fi, sv and en below; here the first page of each
        # list (the texts differ, the shapes do not), and every service in Russian, the language with
        # the most texts of the demo's own.
        headers = {"HTTP_ACCEPT_LANGUAGE": language}
        first = client.get("/api/hsds/services", {"per_page": 100}, **headers).json()
        assert first["total_items"] == 292
        services = _pages(client, "/api/hsds/services", headers) if language == "ru" else first["contents"]
        for item in services:
            check(item, "service.json", f"services [{language}]")
        for item in client.get("/api/hsds/taxonomy_terms", {"per_page": 100}, **headers).json()["contents"]:
            check(item, "taxonomy_term.json", f"taxonomy_terms [{language}]")
        if language == "ru":
            assert any(re.search("[а-я]", item["name"]) for item in services)  # the demo's Russian names
    for language in CONTENT_LANGUAGES:
        headers = {"HTTP_ACCEPT_LANGUAGE": language}
        services = _pages(client, "/api/hsds/services", headers)
        assert len(services) == 292 or language != "fi" or services
        for item in services:
            check(item, "service.json", f"services [{language}]")
        full = client.get("/api/hsds/services", {"full": "true", "per_page": 40}, **headers).json()
        for item in full["contents"]:
            check(item, "service.json", f"services?full [{language}]")
        for item in services[:: max(1, len(services) // 25)]:
            check(client.get(f"/api/hsds/services/{item['id']}", **headers).json(), "service.json", "service")
        places = _pages(client, "/api/hsds/service_at_locations", headers)
        for item in places:
            check(item, "service_at_location.json", f"service_at_locations [{language}]")
        for item in places[:: max(1, len(places) // 25)]:
            detail = client.get(f"/api/hsds/service_at_locations/{item['id']}", **headers).json()
            check(detail, "service_at_location.json", "service_at_location")
        for item in _pages(client, "/api/hsds/organizations", headers):
            check(item, "organization.json", f"organizations [{language}]")
            detail = client.get(
                f"/api/hsds/organizations/{item['id']}", {"full_service": "true"}, **headers
            ).json()
            check(detail, "organization.json", "organization")
        for item in _pages(client, "/api/hsds/taxonomies", headers):
            check(item, "taxonomy.json", "taxonomies")
            check(client.get(f"/api/hsds/taxonomies/{item['id']}").json(), "taxonomy.json", "taxonomy")
        for item in _pages(client, "/api/hsds/taxonomy_terms", headers):
            check(item, "taxonomy_term.json", "taxonomy_terms")
    ndjson = client.get("/api/hsds/services", {"format": "ndjson"})
    lines = b"".join(ndjson.streaming_content).decode().splitlines()
    assert len(lines) == len(services)
    for line in lines:
        check(json.loads(line), "service.json", "ndjson")
    assert problems == []
