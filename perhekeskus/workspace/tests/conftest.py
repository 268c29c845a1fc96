"""People of a small network: Lieksa's family centre with two organisations."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Coordinator, Membership, Municipality, Network

PASSWORD = "kahvi-ja-pulla-42"


def make_user(django_user_model, email: str, **values):
    return django_user_model.objects.create_user(
        username=email, email=email, password=PASSWORD, first_name=values.pop("first_name", "Testi"), **values
    )


def current_code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def sign_in(client, user, *, device: TOTPDevice | None = None) -> None:
    """Both factors through the real pages: password, then the app's current code."""
    device = device or TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = client.post(reverse("workspace:sign_in"), {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    response = client.post(reverse("workspace:two_factor"), {"code": current_code(device)})
    assert response.status_code == 302, response.content


@pytest.fixture
def people(db, django_user_model):
    network = Network.objects.create(slug="pk", name_fi="Pohjois-Karjala")
    Municipality.objects.filter(code__in=["422", "167"]).update(network=network)
    ours = factories.organization(name_fi="Lieksan perhetyö ry")
    theirs = factories.organization(name_fi="Toinen yhdistys ry")
    for organization in (ours, theirs):
        organization.networks.add(network)
    service = factories.service(organization=ours, name_fi="Perhekahvila Pankakoski")
    editor = make_user(django_user_model, "editor@example.fi")
    admin = make_user(django_user_model, "admin@example.fi")
    outsider = make_user(django_user_model, "outsider@example.fi")
    coordinator = make_user(django_user_model, "coordinator@example.fi")
    Membership.objects.create(user=editor, organization=ours, role=Membership.Role.EDITOR)
    Membership.objects.create(user=admin, organization=ours, role=Membership.Role.ADMIN)
    Membership.objects.create(user=outsider, organization=theirs, role=Membership.Role.ADMIN)
    Coordinator.objects.create(user=coordinator, network=network)
    return {
        "network": network, "ours": ours, "theirs": theirs, "service": service, "editor": editor,
        "admin": admin, "outsider": outsider, "coordinator": coordinator,
    }  # fmt: skip
