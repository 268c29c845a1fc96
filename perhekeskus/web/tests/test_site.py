"""Site-wide pages: errors, robots.txt and sitemap.xml."""

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_not_found_page_is_friendly_and_in_the_page_language(client, network):
    response = client.get("/sv/services/not-a-uuid/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="sv" dir="ltr">' in html
    assert "Sidan hittades inte" in html
    assert 'action="/sv/search/"' in html  # a way forward: search


def test_the_language_versions_of_an_address_are_written_once_encoded(client, network):
    # A municipality's page by a name (no such page: 404) and a search with letters beyond ASCII.
    html = client.get("/municipalities/Jyväskylä/").content.decode()
    assert 'href="/sv/municipalities/Jyv%C3%A4skyl%C3%A4/"' in html
    assert "/municipalities/Jyv%25" not in html  # never encoded twice
    page = client.get("/search/", {"q": "äitiysneuvola"}).content.decode()
    assert 'href="/sv/search/?q=%C3%A4itiysneuvola"' in page


def test_server_error_page_needs_nothing_from_the_failing_site():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Jotain meni vikaan" in html and "Något gick fel" in html and "Something went wrong" in html
    assert "112" in html
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html  # as in every footer


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_api(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body and "Disallow: /api/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_listed_services_in_every_language(client, network):
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-\w+\.xml)</loc>", index)
    assert "/sitemap-services.xml" in sections
    services = client.get("/sitemap-services.xml").content.decode()
    cafe = network["cafe"].pk
    for prefix in ("", "/sv", "/en"):
        assert f"<loc>http://testserver{prefix}/services/{cafe}/</loc>" in services
    assert f'hreflang="sv" href="http://testserver/sv/services/{cafe}/"' in services
    assert str(network["closed"].pk) not in services  # not listed


def test_pages_and_static_files_go_out_compressed(client, network):
    page = client.get("/search/", {"q": "neuvola"}, HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    static = client.get("/static/web/vendor/htmx-2.0.11.min.js", HTTP_ACCEPT_ENCODING="gzip")
    assert static.status_code == 200 and static["Content-Encoding"] == "gzip"
    compressed = b"".join(static.streaming_content) if static.streaming else static.content
    assert len(compressed) < 25_000  # 52 KB uncompressed
