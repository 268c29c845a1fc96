"""A family's contact request from the public service page: consent, spam protection, confirmation."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from perhekeskus.catalog.models import Service
from perhekeskus.referrals.models import AuditEntry, Referral

FORM = {
    "family_name": "Liisa Laine", "phone": "050 765 4321", "email": "liisa@example.fi", "contact_method": "phone",
    "preferred_time": "iltapäivisin", "need": "Haluaisin tietää perhekahvilasta.", "consent": "on",
}  # fmt: skip


def test_the_service_page_offers_it_and_a_family_sends_one(client, sides, django_capture_on_commit_callbacks):
    service = sides["service"]
    url = reverse("contact_request", args=[service.pk])
    assert url in client.get(reverse("service", args=[service.pk])).content.decode()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM)
    assert response.status_code == 302
    assert response["Location"] == reverse("contact_request_sent", args=[service.pk])
    request = Referral.objects.get()
    assert (request.kind, request.status, request.receiving_organization) == (
        Referral.Kind.CONTACT_REQUEST, Referral.Status.SENT, sides["ours"],
    )  # fmt: skip
    assert request.family_name == "Liisa Laine" and request.privacy_notice_given
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["admin@example.fi", "editor@example.fi", "liisa@example.fi"]
    for message in mail.outbox:
        assert "Liisa" not in message.body and "050 765" not in message.body
    assert AuditEntry.objects.filter(referral_id=request.pk, action="create").exists()
    assert client.get(response["Location"]).status_code == 200


def test_a_service_that_does_not_take_them_has_no_form(client, sides):
    Service.objects.filter(pk=sides["service"].pk).update(accepts_contact_requests=False)
    assert client.get(reverse("contact_request", args=[sides["service"].pk])).status_code == 404
    assert client.post(reverse("contact_request", args=[sides["service"].pk]), FORM).status_code == 404
    assert not Referral.objects.exists()


def test_consent_and_a_way_to_reach_are_required(client, sides):
    url = reverse("contact_request", args=[sides["service"].pk])
    response = client.post(url, {**FORM, "consent": ""})
    assert response.status_code == 200 and response.context["form"].errors["consent"]
    response = client.post(url, {**FORM, "phone": "", "email": ""})
    assert response.context["form"].errors["phone"]
    response = client.post(url, {**FORM, "need": "Tunnus 131052-308T"})
    assert response.context["form"].errors["need"]
    assert not Referral.objects.exists()


def test_a_robot_filling_the_trap_field_stores_nothing(client, sides):
    response = client.post(
        reverse("contact_request", args=[sides["service"].pk]), {**FORM, "website": "http://x"}
    )
    assert response.status_code == 302
    assert not Referral.objects.exists() and mail.outbox == []


def test_one_client_may_send_five_an_hour(client, sides):
    url = reverse("contact_request", args=[sides["service"].pk])
    for _ in range(5):
        assert client.post(url, FORM).status_code == 302
    response = client.post(url, FORM)
    assert response.status_code == 429
    assert "Liian monta" in response.content.decode()
    assert Referral.objects.count() == 5
    other = client.post(url, FORM, REMOTE_ADDR="10.0.0.2")  # another client is not held back
    assert other.status_code == 302


def test_a_referral_to_an_organisation_without_members_is_refused(sides, django_capture_on_commit_callbacks):
    # Like a family's request (test_contact_request_readers), a professional's referral to a service
    # nobody reads is refused (issue 23): it would wait unread. Nothing is stored and nobody is mailed.
    from perhekeskus.network.models import Membership
    from perhekeskus.referrals import services
    from perhekeskus.referrals.tests.conftest import referral_values

    Membership.objects.filter(organization=sides["ours"]).delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.referral_send(
            actor=sides["referrer"],
            service=sides["service"],
            sending_organization=sides["theirs"],
            values=referral_values(),
        )
    assert mail.outbox == [] and not Referral.objects.exists()


def test_the_family_is_answered_in_the_language_of_the_page(
    client, sides, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/sv" + reverse("contact_request", args=[sides["service"].pk]), FORM)
    to_family = next(m for m in mail.outbox if m.to == ["liisa@example.fi"])
    assert "Tack" in to_family.body and "Perhekahvila" not in to_family.body


def test_mistyped_forms_do_not_use_up_the_hourly_limit(client, sides):
    url = reverse("contact_request", args=[sides["service"].pk])
    for _ in range(6):
        assert client.post(url, {**FORM, "consent": ""}).status_code == 200
    assert client.post(url, FORM).status_code == 302


def test_a_family_may_ask_to_be_called_in_a_language_the_service_says_it_uses(client, sides):
    """A service serving in Russian offers Russian; one that has said nothing offers the network's
    working languages; a language the service does not use is refused."""
    from perhekeskus.catalog.models import Language

    service = sides["service"]
    url = reverse("contact_request", args=[service.pk])
    offered = lambda: [lang.code for lang in client.get(url).context["form"].fields["language"].queryset]  # noqa: E731
    assert offered() == ["fi", "sv", "en"]
    russian, finnish = Language.objects.get(code="ru"), Language.objects.get(code="fi")
    service.languages.set([finnish, russian])
    assert offered() == ["fi", "ru"]
    response = client.post(f"/ru{url}", {**FORM, "language": Language.objects.get(code="sv").pk})
    assert response.status_code == 200 and response.context["form"].errors["language"]
    assert client.post(f"/ru{url}", {**FORM, "language": russian.pk}).status_code == 302
    assert Referral.objects.get().language_code == "ru"
