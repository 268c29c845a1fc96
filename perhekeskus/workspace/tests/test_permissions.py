"""Every workspace view and write, for anonymous, each role and a member of another organisation:
the expected status, and nothing changed when refused."""

import pytest
from django.core import mail
from django.urls import reverse

from perhekeskus.network.models import Invitation, Membership
from perhekeskus.workspace.tests.conftest import sign_in

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "admin", "coordinator", "outsider"]


def _client_as(client, people, role):
    if role != "anonymous":
        sign_in(client, people[role])
    return client


def _state(people) -> tuple:
    return (
        sorted(Membership.objects.values_list("user__email", "organization__name_fi", "role")),
        Invitation.objects.count(),
        len(mail.outbox),
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("editor", 200), ("admin", 200), ("coordinator", 200), ("outsider", 200)],
)
def test_dashboard(client, people, role, expected):
    response = _client_as(client, people, role).get(reverse("workspace:dashboard"))
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        sees_ours = role in ("editor", "admin", "coordinator")
        assert ("Perhekahvila Pankakoski" in page) is sees_ours
        assert ("Toinen yhdistys ry" in page) is (role in ("coordinator", "outsider"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("editor", 403), ("admin", 200), ("coordinator", 200), ("outsider", 404)],
)
def test_members_page(client, people, role, expected):
    response = _client_as(client, people, role).get(reverse("workspace:members", args=[people["ours"].pk]))
    assert response.status_code == expected
    if expected == 200:
        assert "editor@example.fi" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("editor", 403), ("admin", 302), ("coordinator", 302), ("outsider", 404)],
)
def test_inviting(client, people, role, expected, django_capture_on_commit_callbacks):
    client = _client_as(client, people, role)
    before = _state(people)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace:members", args=[people["ours"].pk]),
            {"email": "uusi@example.fi", "role": "editor"},
        )
    assert response.status_code == expected
    if expected == 302 and role != "anonymous":
        assert Invitation.objects.filter(email="uusi@example.fi", organization=people["ours"]).exists()
        assert len(mail.outbox) == 1
    else:
        assert _state(people) == before


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("editor", 403), ("admin", 302), ("coordinator", 302), ("outsider", 404)],
)
def test_removing_a_member(client, people, role, expected):
    client = _client_as(client, people, role)
    membership = Membership.objects.get(user=people["editor"])
    before = _state(people)
    response = client.post(reverse("workspace:member_remove", args=[people["ours"].pk, membership.pk]))
    assert response.status_code == expected
    removed = not Membership.objects.filter(pk=membership.pk).exists()
    assert removed is (role in ("admin", "coordinator"))
    if not removed:
        assert _state(people) == before


def test_a_membership_of_another_organisation_cannot_be_removed_through_ours(client, people):
    sign_in(client, people["admin"])
    theirs = Membership.objects.get(user=people["outsider"])
    response = client.post(reverse("workspace:member_remove", args=[people["ours"].pk, theirs.pk]))
    assert response.status_code == 404 and Membership.objects.filter(pk=theirs.pk).exists()


def test_an_admin_cannot_remove_themselves(client, people):
    sign_in(client, people["admin"])
    own = Membership.objects.get(user=people["admin"])
    client.post(reverse("workspace:member_remove", args=[people["ours"].pk, own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("view", ["sign_out_everywhere"])
def test_writes_need_post(client, people, view):
    sign_in(client, people["editor"])
    assert client.get(reverse(f"workspace:{view}")).status_code == 405
