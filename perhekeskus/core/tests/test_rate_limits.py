"""Per-client limits on searching, and who counts as the client behind proxies (the limits on forms are
tested beside their forms)."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory

from perhekeskus.core import ratelimit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (0, "198.51.100.7", "10.0.0.1"),  # no proxy is trusted: the header is anybody's
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # what the client wrote itself is left of ours
        (2, "6.6.6.6, 198.51.100.7, 10.1.1.1", "198.51.100.7"),
        (2, "198.51.100.7", "198.51.100.7"),  # fewer entries than proxies: the first
        (1, "", "10.0.0.1"),
        (1, "198.51.100.7:51234", "198.51.100.7"),  # some load balancers add the port
        (1, "[2001:db8::7]:51234", "2001:db8::7"),
    ],
)
def test_the_client_is_the_address_the_outermost_trusted_proxy_saw(settings, proxies, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    # Counted as that client connecting directly (no X-Forwarded-For: its own address).
    direct = RequestFactory().get("/", REMOTE_ADDR=client)
    assert ratelimit.client_key(request, "x") == ratelimit.client_key(direct, "x")


def test_an_ipv6_household_is_one_client():
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="2001:db8:1:2::10")
    same_network = factory.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::1")
    other = factory.get("/", REMOTE_ADDR="2001:db8:1:3::10")
    assert ratelimit.client_key(one, "x") == ratelimit.client_key(same_network, "x")
    assert ratelimit.client_key(one, "x") != ratelimit.client_key(other, "x")


def test_searching_too_fast_is_answered_429_in_the_visitors_language(client, settings):
    settings.SEARCHES_PER_MINUTE = 2
    for _ in range(2):
        assert client.get("/sv/search/", {"q": "neuvola"}).status_code == 200
    refused = client.get("/sv/search/", {"q": "neuvola"})
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "För många förfrågningar" in refused.content.decode()
    # Another device searches on; after the minute, so does this one.
    assert client.get("/search/", {"q": "neuvola"}, REMOTE_ADDR="10.0.0.2").status_code == 200
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2)):
        assert client.get("/search/", {"q": "neuvola"}).status_code == 200


def test_the_search_api_is_throttled_per_client_with_a_json_answer(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "search": "2/minute"},
    }
    codes = [client.get("/api/v1/search", {"q": "neuvola"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    refused = client.get("/api/v1/search", {"q": "neuvola"})
    assert refused["Content-Type"] == "application/json" and "detail" in refused.json()
    assert int(refused["Retry-After"]) > 0
    assert client.get("/api/v1/search", {"q": "neuvola"}, REMOTE_ADDR="10.0.0.2").status_code == 200
