"""Two networks that take questions: North Karelia (Lieksa and Joensuu) with two answerers in two
organisations and a coordinator, and another network (Kontiolahti) with an answerer of its own."""

import pytest
from django.utils import translation

from perhekeskus.catalog.tests import factories
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.network.models import Coordinator, Membership, Municipality, Network
from perhekeskus.questions.models import Answerer, QuestionDesk
from perhekeskus.workspace.tests.conftest import make_user, people  # noqa: F401


@pytest.fixture(autouse=True)
def _in_english():
    """The pages and messages these tests read, in English (reverse() gives the /en/ addresses)."""
    translation.activate("en")


@pytest.fixture
def desks(people, django_user_model):  # noqa: F811
    network = people["network"]
    QuestionDesk.objects.create(network=network, is_open=True, promise_working_days=3)
    nurse = make_user(django_user_model, "nurse@example.fi", first_name="Noora", last_name="Neuvola")
    counsellor = make_user(
        django_user_model, "counsellor@example.fi", first_name="Kalle", last_name="Kasvatus"
    )
    Membership.objects.create(user=nurse, organization=people["ours"], role=Membership.Role.EDITOR)
    Membership.objects.create(user=counsellor, organization=people["theirs"], role=Membership.Role.EDITOR)
    Answerer.objects.create(network=network, user=nurse, title="terveydenhoitaja")
    Answerer.objects.create(network=network, user=counsellor, title="perheneuvoja")
    other = Network.objects.create(slug="muu", name_fi="Muu verkosto")
    Municipality.objects.filter(code="276").update(network=other)
    other_organization = factories.organization(name_fi="Kontiolahden perhetyö")
    other_organization.networks.add(other)
    stranger = make_user(django_user_model, "stranger@example.fi")
    Membership.objects.create(user=stranger, organization=other_organization, role=Membership.Role.EDITOR)
    Answerer.objects.create(network=other, user=stranger, title="sosiaaliohjaaja")
    QuestionDesk.objects.create(network=other, is_open=True, promise_working_days=5)
    other_coordinator = make_user(django_user_model, "other-coordinator@example.fi")
    Coordinator.objects.create(user=other_coordinator, network=other)
    return {
        **people, "nurse": nurse, "counsellor": counsellor, "other": other, "stranger": stranger,
        "other_coordinator": other_coordinator,
    }  # fmt: skip


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.logout()
        sign_in_with_both_factors(client, user)
        return client

    return sign_in
