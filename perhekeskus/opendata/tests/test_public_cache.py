"""HSDS lists are kept in the shared cache (core.public_cache) and every change of what they show is in
the next answer: a service, its place, its hours, its organisation, a translation, its publication."""

import datetime
import gzip
import re

import pytest
from django.core.cache import cache
from django.db import connection

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Publication, Service
from perhekeskus.core import public_cache
from perhekeskus.network.services import organization_save

pytestmark = pytest.mark.django_db

LIST = "/api/hsds/services"


def _cafe(body) -> dict:
    [cafe] = [item for item in body["contents"] if item["name"].startswith(("Perhekahvila", "Family café"))]
    return cafe


def _list(client, **headers) -> dict:
    response = client.get(LIST, {"per_page": 50, "full": "true"}, **headers)
    assert response.status_code == 200
    return response.json()


def test_a_list_is_kept_until_a_change_and_the_next_answer_shows_the_change(
    client, network, django_capture_on_commit_callbacks
):
    cafe = network["cafe"]
    assert _cafe(_list(client))["name"] == "Perhekahvila Pesä"
    # Kept: a change the cache is not told of (here, one that bypasses every write path) is not seen.
    Service.objects.filter(pk=cafe.pk).update(name_fi="Ei näy")
    assert _cafe(_list(client))["name"] == "Perhekahvila Pesä"
    Service.objects.filter(pk=cafe.pk).update(name_fi="Perhekahvila Pesä")

    def changed(change) -> dict:
        # Earlier writes wait for a commit that a test never makes: none waits, as after a commit.
        connection.run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return _list(client)

    cafe.refresh_from_db()
    # The service itself.
    body = changed(
        lambda: services.service_save(actor=None, service=cafe, values={"name_fi": "Perhekahvila Pesä 2"})
    )
    assert _cafe(body)["name"] == "Perhekahvila Pesä 2"
    # A translation, read in its language.
    assert _cafe(_list(client, HTTP_ACCEPT_LANGUAGE="en"))["name"] == "Family café Pesä"
    changed(lambda: services.service_save(actor=None, service=cafe, values={"name_en": "Family café Nest"}))
    assert _cafe(_list(client, HTTP_ACCEPT_LANGUAGE="en"))["name"] == "Family café Nest"
    # Its place.
    delivery = cafe.deliveries.get()
    place = delivery.location
    body = changed(
        lambda: services.location_save(actor=None, location=place, values={"name_fi": "Uusi perhetalo"})
    )
    [at] = _cafe(body)["service_at_locations"]
    assert at["location"]["name"] == "Uusi perhetalo"
    # Its hours.
    schedule = delivery.schedules.get()
    body = changed(
        lambda: services.schedule_save(
            actor=None,
            schedule=schedule,
            values={"delivery": delivery},
            rules=[{"weekday": 3, "opens": datetime.time(12), "closes": datetime.time(14)}],
        )
    )
    [at] = _cafe(body)["service_at_locations"]
    assert [(s["byday"], s["opens_at"]) for s in at["schedules"]] == [("TH", "12:00")]
    # Its organisation.
    body = changed(
        lambda: organization_save(
            actor=None, organization=cafe.organization, values={"name_fi": "MLL Joensuun yhdistys"}
        )
    )
    assert _cafe(body)["organization"]["name"] == "MLL Joensuun yhdistys"
    # Its publication: taken off the site, it leaves the list.
    count = body["total_items"]
    body = changed(
        lambda: services.service_save(actor=None, service=cafe, values={"publication": Publication.ARCHIVED})
    )
    assert body["total_items"] == count - 1
    assert not [item for item in body["contents"] if item["id"] == str(cafe.pk)]


def test_a_lost_generation_never_brings_back_an_answer_of_an_older_one(client, network):
    _list(client)
    before = public_cache.generation()
    cache.delete(public_cache.GENERATION_KEY)  # evicted, or Redis emptied
    assert public_cache.generation() > before


def _generation_reads(monkeypatch) -> list[str]:
    """The reads of the generation from the shared cache, noted as they pass (there is one by then)."""
    public_cache.generation()
    reads, get = [], cache.get

    def noted(key, *args, **kwargs):
        if key == public_cache.GENERATION_KEY:
            reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", noted)
    return reads


def test_a_page_reads_the_generation_once(client, network, monkeypatch):
    public_cache.forget_in_process()
    reads = _generation_reads(monkeypatch)
    # A service page made: the page cache, the code tables and the sample-data flag each ask.
    assert client.get(f"/services/{network['cafe'].pk}/").status_code == 200
    assert len(reads) == 1


def test_a_change_committed_in_a_request_is_read_by_the_rest_of_it(network, monkeypatch):
    reads = _generation_reads(monkeypatch)
    public_cache.request_begin()  # as the signal request_started does
    try:
        first = public_cache.generation()
        assert public_cache.generation() == first and len(reads) == 1
        public_cache.move_on()
        assert public_cache.generation() == first + 1 and len(reads) == 2
    finally:
        public_cache.request_finish()
    # Outside a request every ask reads.
    public_cache.generation()
    public_cache.generation()
    assert len(reads) == 4


def test_a_kept_list_goes_out_compressed_as_kept_to_those_who_take_gzip_and_plain_to_others(client, network):
    plain = client.get(LIST, {"per_page": 50})
    compressed = client.get(LIST, {"per_page": 50}, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert compressed["Content-Type"] == plain["Content-Type"] == "application/json"
    for response in (plain, compressed):
        assert {"Accept-Encoding", "Accept-Language"} <= set(re.split(r",\s*", response["Vary"]))
        assert response["Access-Control-Allow-Origin"] == "*"
    assert plain.json()["contents"][0]["name"]
    # The browsable API still answers a browser, from the same kept answer.
    page = client.get(LIST, {"per_page": 50}, HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html") and plain.json()["contents"][0]["name"] in page.text


def test_nothing_is_kept_when_the_setting_says_so(client, network, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    cafe = network["cafe"]
    assert _cafe(_list(client))["name"] == "Perhekahvila Pesä"
    Service.objects.filter(pk=cafe.pk).update(name_fi="Perhekahvila Pesä 3")
    assert _cafe(_list(client))["name"] == "Perhekahvila Pesä 3"


def test_what_reaches_no_service_is_seen_too_whatever_the_write_path(
    client, network, django_capture_on_commit_callbacks
):
    from perhekeskus.catalog.models import Contact, ServiceType
    from perhekeskus.catalog.tests import factories

    lonely = factories.organization(name_fi="Yhdistys ilman palveluja")

    def organizations() -> list[str]:
        return sorted(item["name"] for item in client.get("/api/hsds/organizations").json()["contents"])

    def term(code: str) -> str:
        terms = client.get("/api/hsds/taxonomy_terms", {"per_page": 500}).json()["contents"]
        return next(item["name"] for item in terms if item["code"] == code)

    assert "Yhdistys ilman palveluja" in organizations()
    assert term("family-cafe") == ServiceType.objects.get(code="family-cafe").name_fi
    contacts = _cafe(_list(client)).get("contacts", [])
    connection.run_on_commit.clear()  # earlier writes wait for a commit a test never makes
    with django_capture_on_commit_callbacks(execute=True):
        # An organisation with no services (nothing to re-index), as the admin saves it.
        lonely.name_fi = "Yhdistys, uusi nimi"
        lonely.save()
        # A service type renamed in the admin.
        family_cafe = ServiceType.objects.get(code="family-cafe")
        family_cafe.name_fi = "Perhekahvilat"
        family_cafe.save()
        # A contact saved on its own, as the admin's inline does.
        Contact.objects.create(
            service=network["cafe"], name="Vastaava ohjaaja", phone="013 123 4567", position=9
        )
    assert "Yhdistys, uusi nimi" in organizations()
    assert term("family-cafe") == "Perhekahvilat"
    assert [c["name"] for c in _cafe(_list(client)).get("contacts", [])] == [
        *(c["name"] for c in contacts),
        "Vastaava ohjaaja",
    ]


def test_with_the_cache_out_of_reach_nothing_is_kept_and_every_answer_is_current(client, network, settings):
    settings.CACHES = {
        "default": {
            # Our production backend, at an address where nothing listens: a real connection failure.
            "BACKEND": "perhekeskus.core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    cafe = network["cafe"]
    assert public_cache.generation() is None
    assert _cafe(_list(client))["name"] == "Perhekahvila Pesä"
    Service.objects.filter(pk=cafe.pk).update(name_fi="Perhekahvila Pesä 4")
    assert _cafe(_list(client))["name"] == "Perhekahvila Pesä 4"


def test_what_is_kept_of_an_answer_made_now_is_written_after_the_response(network):
    from django.core.signals import request_finished, request_started

    made = []

    def answer():
        made.append(1)
        return {"body": b"made"}

    def with_size(found):
        return {**found, "size": len(found["body"])}

    request_started.send(sender=None)
    found, was_kept = public_cache.kept_or_made("kept-as", answer, kept_as=with_size)
    assert (found, was_kept) == ({"body": b"made"}, False)
    assert public_cache.kept_or_made("kept-as", answer, kept_as=with_size)[1] is False  # not kept yet
    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert public_cache.kept_or_made("kept-as", answer, kept_as=with_size) == (
        {"body": b"made", "size": 4},
        True,
    )
    request_finished.send(sender=None)
    assert len(made) == 2
