import datetime
import json
import re
import uuid

import pytest
from django.urls import reverse

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import FamilyCentre, Municipality, Network

pytestmark = pytest.mark.django_db


@pytest.fixture
def lieksa():
    network = Network.objects.create(slug="siun-sote", name_fi="Siun sote", is_sample_data=True)
    lieksa = Municipality.objects.get(code="422")
    lieksa.network = network
    lieksa.save()
    FamilyCentre.objects.create(
        municipality=lieksa,
        network=network,
        name_fi="Lieksan perhekeskus",
        description_fi="Lieksan perhekeskus palvelee perheitä.",
        local_emphasis_fi="Pitkät välimatkat: liikkuvat palvelut.",
    )
    return lieksa


@pytest.fixture
def clinic(lieksa):
    service = factories.service(
        types=("child-health-clinic",),
        name_fi="Lieksan lastenneuvola",
        name_en="Lieksa child health clinic",
        summary_fi="Terveystarkastukset alle kouluikäisille.",
        age_min_months=0,
        age_max_months=84,
        phone="013 330 1000",
    )
    delivery = factories.delivery(service_obj=service)
    factories.weekday_schedule(delivery, opens=datetime.time(8), closes=datetime.time(15))
    return service


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_home_lists_the_networks_municipalities(client, lieksa, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # 6 and whether the footer offers asking a question
        response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lieksan perhekeskus" in html
    assert reverse("municipality", args=["422"]) in html


def test_pages_are_in_finnish_by_default_with_one_heading_and_a_skip_link(client, clinic):
    for url in (
        reverse("home"),
        reverse("municipality", args=["422"]),
        reverse("organization", args=[clinic.organization_id]),
        reverse("service", args=[clinic.pk]),
    ):
        html = client.get(url).content.decode()
        assert '<html lang="fi" dir="ltr">' in html, url
        assert _h1_count(html) == 1, url
        assert 'href="#main"' in html and 'id="main"' in html, url
        assert "<main" in html and "<header" in html and "<footer" in html and "<nav" in html, url


def test_interface_language_follows_the_address_not_the_browser(client, clinic):
    # Each language has its own address (/, /sv/, /en/), so a shared link shows what was shared.
    url = reverse("service", args=[clinic.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Siirry pääsisältöön" in html and "Aukioloajat seuraavan seitsemän päivän ajalta" in html
    assert "Hoppa till huvudinnehållet" in client.get(f"/sv{url}").content.decode()
    assert "Skip to main content" in client.get(f"/en{url}").content.decode()


def test_sample_data_is_labelled(client, lieksa):
    assert 'class="sample-notice"' in client.get(reverse("home")).content.decode()


def test_municipality_page_shows_family_centre_and_services_by_category(
    client, clinic, django_assert_max_num_queries
):
    url = reverse("municipality", args=["422"])
    with django_assert_max_num_queries(11):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pitkät välimatkat: liikkuvat palvelut." in html
    assert "Lieksan lastenneuvola" in html
    assert reverse("service", args=[clinic.pk]) in html


def test_municipality_page_query_count_does_not_grow_with_services(
    client, clinic, django_assert_max_num_queries
):
    for _ in range(15):
        factories.delivery(service_obj=factories.service(types=("family-cafe", "meeting-place")))
    with django_assert_max_num_queries(13):  # 11, the coordinators' about pages and the footer's asking
        assert client.get(reverse("municipality", args=["422"])).status_code == 200


def test_municipality_without_family_centre_is_not_found(client, lieksa):
    assert client.get(reverse("municipality", args=["091"])).status_code == 404
    assert client.get(reverse("municipality", args=["999"])).status_code == 404


def test_service_page_shows_details_hours_and_contacts(
    client, clinic, django_assert_max_num_queries, settings
):
    settings.PUBLIC_CACHE_SECONDS = 0  # the page as made, not as kept (web.page_cache)
    client.get(reverse("service", args=[clinic.pk]))  # reads what a process reads once (search)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("service", args=[clinic.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lieksan lastenneuvola" in html
    assert "Terveystarkastukset alle kouluikäisille." in html
    assert 'href="tel:+358133301000"' in html
    assert "08.00–15.00" in html
    assert "Pielisentie 5" in html


def test_service_page_query_count_does_not_grow_with_deliveries(
    client, clinic, django_assert_max_num_queries, settings
):
    settings.PUBLIC_CACHE_SECONDS = 0  # the page as made, not as kept (web.page_cache)
    for _ in range(10):
        delivery = factories.delivery(service_obj=clinic)
        factories.weekday_schedule(delivery)
    client.get(reverse("service", args=[clinic.pk]))  # reads what a process reads once (search)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("service", args=[clinic.pk])).status_code == 200


def test_service_page_lists_its_activities_but_not_those_cancelled(client, clinic, settings):
    from perhekeskus.activities.services import activity_save

    settings.PUBLIC_CACHE_SECONDS = 0  # the page as made, not as kept (web.page_cache)
    page = reverse("service", args=[clinic.pk])
    assert "<h2>Toiminta</h2>" not in client.get(page).content.decode()
    place = clinic.deliveries.get().location
    values = {
        "service": clinic, "location": place, "starts_on": datetime.date(2026, 12, 7),
        "start_time": datetime.time(10), "duration_minutes": 90, "repeat": "weekly",
    }  # fmt: skip
    club = activity_save(actor=None, values={**values, "title_fi": "Vauvakerho"})
    activity_save(actor=None, values={**values, "title_fi": "Isäkerho", "cancelled": True})
    html = client.get(page).content.decode()
    assert "<h2>Toiminta</h2>" in html and "Vauvakerho" in html and "Isäkerho" not in html
    activity_save(actor=None, activity=club, values={"cancelled": True})
    html = client.get(page).content.decode()
    assert "<h2>Toiminta</h2>" not in html and "Vauvakerho" not in html


def test_service_page_structured_data_describes_the_service(client, clinic):
    html = client.get(reverse("service", args=[clinic.pk])).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Service"
    assert data["name"] == "Lieksan lastenneuvola"
    assert data["availableChannel"][0]["serviceLocation"]["address"]["postalCode"] == "81700"


def test_service_page_in_english_uses_english_content(client, clinic):
    html = client.get("/en" + reverse("service", args=[clinic.pk])).content.decode()
    assert "Lieksa child health clinic" in html


def test_confidential_address_never_appears_on_the_page(client, lieksa):
    shelter_org = factories.organization(name_fi="Ensi- ja turvakoti ry")
    shelter = factories.location(
        organization=shelter_org,
        name_fi="Turvakoti",
        confidential=True,
        street_address_fi="Salaisentie 13",
        postal_code="80100",
        municipality=Municipality.objects.get(code="167"),
        latitude=62.6011,
        longitude=29.7611,
    )
    service = factories.service(
        organization=shelter_org, types=("domestic-violence-support",), name_fi="Turvakoti"
    )
    factories.delivery(service_obj=service, at=shelter)
    html = client.get(reverse("service", args=[service.pk])).content.decode()
    assert "Turvakoti" in html
    for secret in ("Salaisentie", "80100", "62.6011", "29.7611"):
        assert secret not in html


@pytest.mark.parametrize("status", [Service.Status.INACTIVE, Service.Status.DEFUNCT])
def test_services_no_longer_offered_are_not_shown(client, clinic, status):
    services.service_save(actor=None, service=clinic, values={"status": status})
    assert client.get(reverse("service", args=[clinic.pk])).status_code == 404
    assert "Lieksan lastenneuvola" not in client.get(reverse("municipality", args=["422"])).content.decode()


def test_temporarily_closed_service_is_shown_with_a_notice(client, clinic):
    services.service_save(actor=None, service=clinic, values={"status": Service.Status.TEMPORARILY_CLOSED})
    html = client.get(reverse("service", args=[clinic.pk])).content.decode()
    assert 'class="status-notice"' in html


def test_organization_page_lists_its_services(client, clinic, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("organization", args=[clinic.organization_id]))
    assert response.status_code == 200
    assert "Lieksan lastenneuvola" in response.content.decode()


def test_unknown_ids_are_not_found(client, lieksa):
    assert client.get(reverse("service", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("organization", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/services/not-a-uuid/").status_code == 404


@pytest.mark.parametrize("name", ["home", "municipality", "organization", "service"])
def test_public_pages_are_read_only(client, clinic, name):
    args = {
        "home": [],
        "municipality": ["422"],
        "organization": [clinic.organization_id],
        "service": [clinic.pk],
    }
    assert client.post(reverse(name, args=args[name])).status_code == 405


def test_by_appointment_only_service_shows_no_closed_week(client, lieksa):
    service = factories.service(types=("psychologist",), name_fi="Psykologi")
    delivery = factories.delivery(service_obj=service)
    services.schedule_save(actor=None, values={"delivery": delivery, "by_appointment": True}, rules=[])
    html = client.get(reverse("service", args=[service.pk])).content.decode()
    assert "Ajanvarauksella." in html
    assert 'class="hours"' not in html


def test_text_in_another_language_than_the_page_is_marked(client, clinic):
    path = reverse("service", args=[clinic.pk])
    html = client.get("/sv" + path).content.decode()
    assert '<html lang="sv" dir="ltr">' in html
    assert '<span lang="fi">Lieksan lastenneuvola</span>' in html
    english = client.get("/en" + path).content.decode()
    assert "<h1>Lieksa child health clinic</h1>" in english
