"""What every response carries (security headers, a request id), the health check, and the log lines."""

import json
import logging
import sys

import pytest

from perhekeskus.core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/sv/search/?q=neuvola", "/api/v1/search?q=neuvola", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "https://tile.openstreetmap.org" in directives["img-src"]  # the map's tiles
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_have_no_inline_script_or_style(client):
    """What the policy would refuse: JSON data blocks are fine, code and styles must come from files."""
    html = client.get("/").content.decode()
    for opening in html.split("<script")[1:]:
        tag = opening.split(">", 1)[0]
        assert "src=" in tag or 'type="application/ld+json"' in tag or 'type="application/json"' in tag, tag
    assert "<style" not in html and " style=" not in html


def test_the_api_documentation_loads_its_script_from_a_file(client):
    page = client.get("/api/docs/").content.decode()
    assert "<style" not in page
    script = [tag for tag in page.split("<script")[1:] if "?script" in tag.split(">", 1)[0]]
    assert len(script) == 1 and all("src=" in tag.split(">", 1)[0] for tag in page.split("<script")[1:])
    address = script[0].split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    code = client.get(address)
    assert code.status_code == 200 and code["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in code.content.decode()


def test_the_request_id_of_the_proxy_is_returned_and_a_new_one_made_otherwise(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32 and made != client.get("/healthz")["X-Request-ID"]
    # Anything but letters, digits and dashes from outside is not repeated into the logs.
    assert client.get("/healthz", HTTP_X_REQUEST_ID="a b\tc\x1b[31m")["X-Request-ID"] != "a b\tc\x1b[31m"


def test_the_health_check_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["cache"] == "ok"
    assert "no-store" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


UNREACHABLE_REDIS = {
    "default": {
        # Our production backend, at an address where nothing listens: a real connection failure.
        "BACKEND": "perhekeskus.core.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_without_the_cache_the_site_works_and_the_health_check_says_degraded(client, settings, caplog):
    settings.CACHES = UNREACHABLE_REDIS
    settings.SEARCHES_PER_MINUTE = 1  # the limit cannot count now: it lets searches through
    for path in (
        "/",
        "/search/?q=neuvola",
        "/search/?q=neuvola",
        "/api/v1/search?q=neuvola",
        "/api/hsds/services",
    ):
        assert client.get(path).status_code == 200, path
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {**response.json(), "status": "degraded", "database": "ok", "cache": "error"}
    assert "cache unreachable" in caplog.text


def test_the_health_check_answers_a_load_balancer_asking_by_address_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert client.get("/", HTTP_HOST="10.1.2.3").status_code == 400  # everything else checks the host


def test_each_request_is_logged_once_without_its_query_or_the_clients_address(client, caplog):
    with caplog.at_level(logging.INFO, logger="perhekeskus.request"):
        client.get("/search/", {"q": "väkivalta kotona"}, REMOTE_ADDR="198.51.100.23")
    [record] = [r for r in caplog.records if r.name == "perhekeskus.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "INFO" and line["logger"] == "perhekeskus.request"
    assert line["method"] == "GET" and line["path"] == "/search/" and line["status"] == 200
    assert line["duration_ms"] >= 0 and len(line["request_id"]) == 32
    text = json.dumps(line, ensure_ascii=False)
    assert "väkivalta" not in text and "198.51.100.23" not in text


def test_secret_tokens_in_addresses_are_not_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="perhekeskus.request"):
        client.get("/activities/registration/c2VjcmV0LXRva2Vu:1abc:xyz/")
        client.get("/workspace/invitation/kutsu-salaisuus-123/")
    paths = [r.path for r in caplog.records if r.name == "perhekeskus.request"]
    assert paths == ["/activities/registration/<token>/", "/workspace/invitation/<token>/"]
    assert "salaisuus" not in caplog.text and "c2VjcmV0" not in caplog.text


def test_a_logged_error_keeps_its_traceback_in_one_json_line():
    try:
        raise ValueError("rikki")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed: %s", ("a",), None
        )
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "failed: a" and "ValueError: rikki" in parsed["exception"]


def _every_route(patterns=None, prefix=""):
    """Every address of the site, its parameters filled with something of the right shape."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _every_route(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _example_path(route: str) -> str:
    import re
    import uuid

    path = re.sub(r"<uuid:\w+>", str(uuid.uuid4()), route)
    path = re.sub(r"<int:\w+>", "1", path)
    path = re.sub(r"<(?:str|slug|path):\w+>", "x", path)
    path = re.sub(r"<service_section:\w+>", "access", path)  # workspace.urls: a section's name
    path = re.sub(r"^\^|\$$", "", path).replace("\\Z", "")
    return "/" + path.lstrip("/")


# Posts a mail program makes without the page's token: RFC 8058 one-click unsubscribe, whose secret
# link is the permission (subscriptions.views.unsubscribe). A wrong link ends nothing.
TAKE_POSTS_WITHOUT_TOKEN = {"/subscriptions/x/unsubscribe/"}


def test_no_address_takes_a_post_without_the_csrf_token(client, settings):
    """Every form of the site, public and staff, whatever its view: the middleware refuses a post
    without a token before the view runs. The APIs take no posts at all."""
    from django.test import Client

    checked = Client(enforce_csrf_checks=True)
    routes = [route for route in _every_route() if "(?P" not in route and "\\" not in route]
    assert len(routes) > 80
    for route in routes:
        path = _example_path(route)
        response = checked.post(path, {"email": "x@example.fi"})
        if path.startswith("/api/"):
            assert response.status_code in (403, 405), path
        elif path in TAKE_POSTS_WITHOUT_TOKEN:
            assert response.status_code == 302 and response["Location"] == "/subscriptions/ended/", path
        else:
            assert response.status_code == 403 and b"CSRF" in response.content, path
