import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from perhekeskus.network.models import Invitation, Membership
from perhekeskus.workspace.tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _invite(client, people, capture, email="uusi@example.fi", role="editor") -> str:
    sign_in(client, people["admin"])
    with capture(execute=True):  # the mail goes when the invitation is saved
        client.post(reverse("workspace:members", args=[people["ours"].pk]), {"email": email, "role": role})
    client.post(reverse("workspace:sign_out"))
    body = mail.outbox[-1].body
    return re.search(r"https?://testserver(\S+)", body).group(1)


def test_an_invitation_mail_has_the_link_and_no_other_personal_data(
    client, people, django_capture_on_commit_callbacks
):
    _invite(client, people, django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert message.to == ["uusi@example.fi"]
    assert "Lieksan perhetyö ry" in message.subject
    assert "/workspace/invitation/" in message.body
    assert "editor@example.fi" not in message.body and "outsider" not in message.body
    # Only a hash of the token is stored.
    token = re.search(r"/invitation/([^/]+)/", message.body).group(1)
    assert token not in Invitation.objects.get().token_hash


def test_accepting_creates_the_account_and_membership_once(
    client, people, django_capture_on_commit_callbacks
):
    path = _invite(client, people, django_capture_on_commit_callbacks, role="admin")
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(
        path, {"first_name": "Uusi", "last_name": "Jäsen", "password": "vahva-salasana-77"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="uusi@example.fi")
    assert membership.organization == people["ours"] and membership.role == "admin"
    assert (
        client.post(
            reverse("workspace:sign_in"), {"email": "uusi@example.fi", "password": "vahva-salasana-77"}
        ).status_code
        == 302
    )
    again = client.get(path)
    assert again.status_code == 404


def test_a_weak_password_is_refused_with_the_reason(client, people, django_capture_on_commit_callbacks):
    path = _invite(client, people, django_capture_on_commit_callbacks)
    response = client.post(path, {"first_name": "Uusi", "last_name": "Jäsen", "password": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert not Membership.objects.filter(user__email="uusi@example.fi").exists()


def test_an_expired_invitation_is_refused(client, people, django_capture_on_commit_callbacks):
    path = _invite(client, people, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(
        path, {"first_name": "Uusi", "last_name": "Jäsen", "password": "vahva-salasana-77"}
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(user__email="uusi@example.fi").exists()


def test_someone_with_an_account_joins_with_one_click(client, people, django_capture_on_commit_callbacks):
    path = _invite(client, people, django_capture_on_commit_callbacks, email="Outsider@example.fi")
    response = client.post(path)
    assert response.status_code == 302
    assert Membership.objects.filter(user=people["outsider"], organization=people["ours"]).exists()


def test_a_member_cannot_be_invited_again(client, people):
    sign_in(client, people["admin"])
    response = client.post(
        reverse("workspace:members", args=[people["ours"].pk]),
        {"email": "editor@example.fi", "role": "editor"},
    )
    assert response.status_code == 200 and response.context["form"].errors["email"]
    assert mail.outbox == []


def test_an_invitation_is_accepted_only_once_even_from_a_stale_copy(
    people, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    from perhekeskus.network import services

    invitation = services.invitation_send(
        actor=people["admin"], organization=people["ours"], email="uusi@example.fi", role="editor",
        accept_url=lambda token: f"/x/{token}/",
    )  # fmt: skip
    stale = Invitation.objects.get(pk=invitation.pk)
    services.invitation_accept(
        invitation=invitation, first_name="A", last_name="B", password="vahva-salasana-77"
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(
            invitation=stale, first_name="A", last_name="B", password="vahva-salasana-77"
        )
    assert Membership.objects.filter(user__email="uusi@example.fi").count() == 1
