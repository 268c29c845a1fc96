"""Accessibility feedback goes to the coordinators of the network whose page it concerns; feedback on
the site as a whole to the superusers only. Identity codes are refused as on the referral forms."""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from perhekeskus.catalog.tests import factories
from perhekeskus.information.models import Feedback
from perhekeskus.information.services import networks_of_page
from perhekeskus.network.models import Coordinator, Municipality, Network
from perhekeskus.workspace.tests.conftest import make_user, people, sign_in  # noqa: F401

LIST = "/workspace/information/accessibility-feedback/"


@pytest.fixture
def two_networks(people, django_user_model, settings):  # noqa: F811
    """Network A (people's "pk": Lieksa, Joensuu) and network B (Nurmes) with a service and a
    coordinator each, and a superuser."""
    other = Network.objects.create(slug="other", name_fi="Toinen verkosto")
    Municipality.objects.filter(code="541").update(network=other)
    organization = factories.organization(name_fi="Nurmeksen perheyhdistys")
    organization.networks.add(other)
    service = factories.service(organization=organization, name_fi="Nurmeksen perhekahvila")
    coordinator = make_user(django_user_model, "coordinator-b@example.fi")
    Coordinator.objects.create(user=coordinator, network=other)
    settings.FEEDBACK_PER_HOUR = 100  # more than one person's feedback from the test client
    superuser = make_user(django_user_model, "root@example.fi", is_superuser=True, is_staff=True)
    return {
        **people,
        "other": other,
        "other_service": service,
        "other_coordinator": coordinator,
        "superuser": superuser,
    }


def _send(client, page: str, message: str) -> Feedback:
    response = client.post("/accessibility/", {"message": message, "page": page})
    assert response.status_code == 302, response.content.decode()
    return Feedback.objects.order_by("pk").last()  # the message is encrypted: not to be filtered by


def test_feedback_is_stored_with_the_networks_of_its_page(client, two_networks, settings):
    settings.ALLOWED_HOSTS = ["testserver", "perhekeskus.fi", ".perhekeskus.fi"]
    a, b = two_networks["network"], two_networks["other"]
    a_service, b_service = two_networks["service"], two_networks["other_service"]
    cases = {
        f"/services/{a_service.pk}/": [a],
        f"http://testserver/sv/services/{b_service.pk}/?q=x#top": [b],
        f"/services/{a_service.pk}/contact/": [a],
        f"/en/organizations/{two_networks['ours'].pk}/": [a],
        "/municipalities/541/": [b],
        "/sv/about/pk/": [a],
        # Another of the site's names, with or without the scheme.
        f"https://perhekeskus.fi/services/{a_service.pk}/": [a],
        f"https://www.perhekeskus.fi:443/sv/services/{b_service.pk}/": [b],
        f"perhekeskus.fi/services/{a_service.pk}/": [a],
        "www.perhekeskus.fi/municipalities/541/": [b],
        f"testserver/services/{a_service.pk}/": [a],
        f"https://perhekeskus.fi.elsewhere.example/services/{a_service.pk}/": [],
        f"elsewhere.example/services/{a_service.pk}/": [],
        f"ftp://perhekeskus.fi/services/{a_service.pk}/": [],
        "/": [],
        "/search/?q=neuvola": [],
        "/accessibility/": [],
        "/workspace/insights/pk/municipalities/541/": [],  # the coordinators' page, not the public one
        f"https://elsewhere.example/services/{a_service.pk}/": [],
        "etusivun haku": [],
        "sivu/toinen": [],
        f"/services/{a_service.pk}/no-such-page/": [],
        "http://[::1/services/": [],
        "/municipalities/%00/": [],
    }
    for number, (page, networks) in enumerate(cases.items()):
        feedback = _send(client, page, f"Palaute {number}")
        assert list(feedback.networks.all()) == networks, page
    assert list(networks_of_page("/municipalities/999/", host="testserver")) == []


def test_a_coordinator_reads_and_handles_only_their_networks_feedback(client, two_networks):
    a_feedback = _send(client, f"/services/{two_networks['service'].pk}/", "Lieksan kontrasti on heikko.")
    b_feedback = _send(client, "/municipalities/541/", "Nurmeksen kartta ei toimi.")
    site_feedback = _send(client, "/", "Etusivun haku ei toimi näppäimistöllä.")
    handled = lambda feedback: reverse("information:feedback_handled", args=[feedback.pk])  # noqa: E731

    sign_in(client, two_networks["coordinator"])
    page = client.get(LIST).content.decode()
    assert "Lieksan kontrasti" in page
    assert "Nurmeksen kartta" not in page and "Etusivun haku" not in page
    assert client.post(handled(b_feedback)).status_code == 404
    assert client.post(handled(site_feedback)).status_code == 404
    assert client.post(handled(a_feedback)).status_code == 302
    client.logout()

    sign_in(client, two_networks["other_coordinator"])
    page = client.get(LIST).content.decode()
    assert "Nurmeksen kartta" in page and "Toinen verkosto" in page
    assert "Lieksan kontrasti" not in page and "Etusivun haku" not in page
    client.logout()

    sign_in(client, two_networks["superuser"])
    page = client.get(LIST).content.decode()
    assert f'href="{LIST}"' in page  # the workspace menu offers the inbox
    for message in ("Lieksan kontrasti", "Nurmeksen kartta", "Etusivun haku"):
        assert message in page
    assert client.post(handled(site_feedback)).status_code == 302
    site_feedback.refresh_from_db()
    b_feedback.refresh_from_db()
    assert site_feedback.handled_by == two_networks["superuser"] and b_feedback.handled_at is None


def _offered(client, referrer: str) -> str:
    page = client.get("/accessibility/", HTTP_REFERER=referrer)
    assert page.status_code == 200
    field = re.search(r'<input[^>]*name="page"[^>]*>', page.content.decode()).group()
    value = re.search(r'value="([^"]*)"', field)
    return value.group(1) if value else ""


def test_the_network_page_the_statement_was_opened_from_is_offered(client, two_networks):
    service = two_networks["service"].pk
    assert _offered(client, f"http://testserver/services/{service}/?q=maija+040") == (
        f"http://testserver/services/{service}/"
    )
    assert (
        _offered(client, "http://testserver/sv/municipalities/541/")
        == "http://testserver/sv/municipalities/541/"
    )
    for referrer in (
        f"https://elsewhere.example/services/{service}/",
        "http://testserver/",
        "http://testserver/search/?q=neuvola",
        "http://testserver/accessibility/",
        "http://[bad/",
    ):
        assert _offered(client, referrer) == "", referrer


@pytest.mark.parametrize(
    "secret",
    [
        "/activities/registration/Zm9vYmFyLXNlY3JldA/",  # a registration's cancel link
        "/sv/workspace/invitation/c2VjcmV0LWludml0YXRpb24/",
        "/workspace/password/MTI/c3k9ab-0123456789abcdef/",  # a password reset
    ],
)
def test_a_secret_link_is_neither_offered_nor_stored(client, two_networks, secret):
    assert _offered(client, f"http://testserver{secret}") == ""
    token = secret.rstrip("/").rsplit("/", 1)[1]
    for page, stored in (
        (f"http://testserver{secret}", ""),
        (secret, ""),
        (f"testserver{secret}?x=1", ""),
        (f"sivulla {secret}, peruutus ei toimi", "sivulla peruutus ei toimi"),
    ):
        feedback = _send(client, page, "Peruutuslinkki ei toimi ruudunlukijalla.")
        assert feedback.page == stored and token not in feedback.page
        assert not feedback.networks.exists()


def _migrate(app: str, migration: str | None = None) -> None:
    """Migrate `app` to `migration`, the latest when None (a later migration must not stay undone for
    the tests after this one)."""
    executor = MigrationExecutor(connection)
    executor.migrate([(app, migration) if migration else executor.loader.graph.leaf_nodes(app)[0]])


def test_earlier_feedback_gets_its_networks_and_loses_secret_links_in_the_migration(
    transactional_db, two_networks
):
    a, b = two_networks["network"], two_networks["other"]
    pages = {
        f"/services/{two_networks['service'].pk}/": ("same", [a]),
        "testserver/sv/municipalities/541/": ("same", [b]),
        "/": ("same", []),
        "ei osoite": ("same", []),
        "/activities/registration/Zm9vYmFyLXNlY3JldA/": ("", []),
    }
    _migrate("information", "0002_feedback_networks")
    try:
        for page in pages:
            Feedback.objects.create(message="Palaute", page=page, language="fi")
        _migrate("information", "0003_feedback_networks_of_pages")
    finally:
        _migrate("information")
    for page, (stored, networks) in pages.items():
        feedback = Feedback.objects.get(page=page if stored == "same" else stored)
        assert list(feedback.networks.all()) == networks, page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("message", "Lapseni 131052308T ei saa sivua auki."),
        ("page", "13.10.52-308T"),
        ("message", "hetu 131052 - 308 T"),
    ],
)
def test_feedback_with_an_identity_code_is_refused_as_on_the_referral_forms(client, db, field, value):
    response = client.post("/accessibility/", {"message": "Palaute", **{field: value}})
    assert response.status_code == 200
    assert "Tämä näyttää henkilötunnukselta" in response.content.decode()
    assert not Feedback.objects.exists()
