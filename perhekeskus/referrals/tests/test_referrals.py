"""Referrals: sending with consent, the state machine, who may open what, the audit log, encryption,
messages and e-mails without personal data."""

import io
import itertools

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from perhekeskus.referrals import selectors, services
from perhekeskus.referrals.models import STEPS, AuditEntry, Referral
from perhekeskus.referrals.tests.conftest import referral_values
from perhekeskus.workspace.tests.conftest import sign_in

S = Referral.Status


def _post_values(**changes) -> dict:
    values = referral_values(**changes)
    values["consent_at"] = values["consent_at"].strftime("%Y-%m-%dT%H:%M")
    return {k: v for k, v in values.items() if v not in (None, "", False)}


def test_a_referrer_sends_a_referral_and_the_receivers_are_told_without_personal_data(
    client, sides, django_capture_on_commit_callbacks
):
    sign_in(client, sides["referrer"])
    url = reverse("referrals:new", args=[sides["service"].pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**_post_values(), "sending_organization": str(sides["theirs"].pk)})
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:detail", args=[referral.pk]
    )
    assert (referral.status, referral.sender, referral.receiving_organization) == (
        S.SENT,
        sides["referrer"],
        sides["ours"],
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.fi", "editor@example.fi"]
    for message in mail.outbox:
        assert reverse("referrals:detail", args=[referral.pk]) in message.body
        for personal in ("Maija", "040 123 4567", "maija@example.fi", "väsynyt", "Raili"):
            assert personal not in message.body and personal not in message.subject
    assert AuditEntry.objects.filter(referral_id=referral.pk, action="create").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"privacy_notice_given": False}, "privacy_notice_given"),
        ({"consent_given_by": ""}, "consent_given_by"),
        ({"consent_at": None}, "consent_at"),
        ({"need": "Äiti 131052-308T tarvitsee apua."}, "need"),
        ({"phone": "", "email": ""}, "phone"),
    ],
)
def test_no_consent_or_an_identity_code_and_nothing_is_sent(client, sides, changes, field):
    sign_in(client, sides["referrer"])
    values = _post_values()
    for name, value in changes.items():
        values.pop(name, None)
        if value not in (None, "", False):
            values[name] = value
    response = client.post(
        reverse("referrals:new", args=[sides["service"].pk]),
        {**values, "sending_organization": str(sides["theirs"].pk)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert not Referral.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_identity_code_message_is_in_the_users_language(client, sides):
    sign_in(client, sides["referrer"])
    response = client.post(
        reverse("referrals:new", args=[sides["service"].pk]),
        {**_post_values(need="hetu 131052-308T"), "sending_organization": str(sides["theirs"].pk)},
    )
    assert "henkilötunnukselta" in response.content.decode()


def test_personal_data_is_encrypted_in_the_database(sent):
    with connection.cursor() as cursor:
        cursor.execute("SELECT family_name, phone, email, need FROM referrals_referral")
        stored = cursor.fetchone()
    for value, plain in zip(stored, ("Maija", "040 123", "maija@", "väsynyt"), strict=True):
        assert value.startswith("fernet:") and plain not in value
    assert Referral.objects.get().family_name == "Maija Meikäläinen"


def test_the_key_rotation_re_encrypts_with_the_newest_key(sent, settings):
    from cryptography.fernet import Fernet

    newest, older = settings.PERSONAL_DATA_KEYS
    with connection.cursor() as cursor:  # a row written before the newest key came
        cursor.execute(
            "UPDATE referrals_referral SET family_name = %s",
            ["fernet:" + Fernet(older).encrypt(b"Vanha Avain").decode()],
        )
    assert Referral.objects.get().family_name == "Vanha Avain"
    call_command("rotate_personal_data_key", stdout=io.StringIO())
    settings.PERSONAL_DATA_KEYS = [newest]  # the old key is gone: everything still reads
    assert Referral.objects.get().family_name == "Vanha Avain"
    assert Referral.objects.get().need.startswith("Äiti")


# --- The state machine ------------------------------------------------------------------------------

ALLOWED = {
    ("accept", S.SENT), ("accept", S.OPENED), ("decline", S.SENT), ("decline", S.OPENED),
    ("contacted", S.ACCEPTED), ("contacted", S.NOT_REACHED), ("not_reached", S.ACCEPTED),
    ("complete", S.CONTACTED), ("complete", S.NOT_REACHED), ("withdraw", S.SENT), ("withdraw", S.OPENED),
}  # fmt: skip


@pytest.mark.parametrize(("step", "status"), list(itertools.product(STEPS, S.values)))
def test_every_step_from_every_status(sides, sent, step, status):
    Referral.objects.filter(pk=sent.pk).update(status=status)
    actor = sides["referrer"] if step == "withdraw" else sides["editor"]
    try:
        moved = services.referral_step(
            actor=actor, referral=sent, step_name=step, reason="no-capacity", outcome="started"
        )
    except ValidationError as error:
        assert (step, status) not in ALLOWED, error
        assert Referral.objects.get(pk=sent.pk).status == status
    else:
        assert (step, status) in ALLOWED
        assert moved.status == STEPS[step].to
        assert moved.events.last().from_status == status


def test_declining_needs_a_reason_and_completing_an_outcome(sides, sent):
    with pytest.raises(ValidationError):
        services.referral_step(actor=sides["editor"], referral=sent, step_name="decline")
    services.referral_step(actor=sides["editor"], referral=sent, step_name="accept")
    services.referral_step(actor=sides["editor"], referral=sent, step_name="contacted")
    with pytest.raises(ValidationError):
        services.referral_step(actor=sides["editor"], referral=sent, step_name="complete")
    done = services.referral_step(
        actor=sides["editor"], referral=sent, step_name="complete", outcome="started"
    )
    assert done.closed_at is not None and done.is_closed


def test_only_the_sender_side_withdraws_and_only_the_receiver_moves_it_on(sides, sent):
    with pytest.raises(PermissionDenied):
        services.referral_step(actor=sides["editor"], referral=sent, step_name="withdraw")
    with pytest.raises(PermissionDenied):
        services.referral_step(actor=sides["referrer"], referral=sent, step_name="accept")
    with pytest.raises(PermissionDenied):
        services.referral_step(actor=sides["stranger"], referral=sent, step_name="accept")
    assert Referral.objects.get(pk=sent.pk).status == S.SENT


# --- Who may open it --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("referrer", 200), ("outsider", 200), ("editor", 200), ("admin", 200),
     ("coordinator", 404), ("stranger", 404)],
)  # fmt: skip
def test_who_may_open_a_referral_and_every_read_is_audited(client, sides, sent, role, status):
    # outsider = the admin of the sending organisation
    if role != "anonymous":
        sign_in(client, sides[role])
    response = client.get(reverse("referrals:detail", args=[sent.pk]))
    assert response.status_code == status
    reads = AuditEntry.objects.filter(referral_id=sent.pk, action="read")
    assert reads.count() == (1 if status == 200 else 0)
    if status == 200:
        assert "Maija Meikäläinen" in response.content.decode()
        assert reads.get().actor == sides[role]
    opened = Referral.objects.get(pk=sent.pk).status == S.OPENED
    assert opened == (role in ("editor", "admin"))


@pytest.mark.parametrize(
    ("role", "status", "accepted"),
    [("anonymous", 302, False), ("referrer", 403, False), ("editor", 302, True), ("coordinator", 404, False),
     ("stranger", 404, False)],
)  # fmt: skip
def test_who_may_accept(client, sides, sent, role, status, accepted):
    if role != "anonymous":
        sign_in(client, sides[role])
    response = client.post(reverse("referrals:step", args=[sent.pk]), {"step": "accept"})
    assert response.status_code == status
    assert (Referral.objects.get(pk=sent.pk).status == S.ACCEPTED) is accepted


@pytest.mark.parametrize(
    ("role", "sees"), [("referrer", False), ("editor", True), ("coordinator", False), ("stranger", False)]
)
def test_the_inbox_lists_what_my_organisation_received(client, sides, sent, role, sees):
    sign_in(client, sides[role])
    response = client.get(reverse("referrals:inbox"))
    assert response.status_code == 200
    assert (sent in response.context["rows"]) is sees
    sent_view = client.get(reverse("referrals:inbox"), {"view": "sent"})
    assert (sent in sent_view.context["rows"]) is (role == "referrer")


def test_messages_go_both_ways_and_tell_the_other_side(
    client, sides, sent, django_capture_on_commit_callbacks
):
    sign_in(client, sides["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("referrals:message", args=[sent.pk]), {"body": "Soitamme huomenna."})
    assert [m.to for m in mail.outbox] == [["referrer@example.fi"]]
    assert "Soitamme" not in mail.outbox[0].body
    response = client.post(reverse("referrals:message", args=[sent.pk]), {"body": "131052-308T"}, follow=True)
    assert sent.messages.count() == 1
    assert "henkilötunnukselta" in response.content.decode()


def test_a_referrer_does_not_edit_listings(client, sides):
    sign_in(client, sides["referrer"])
    assert client.get(reverse("workspace:service_edit", args=[sides["service"].pk])).status_code == 404
    assert client.get(reverse("referrals:services")).status_code == 200


def test_the_audit_view_is_for_coordinators_and_holds_no_family_data(client, sides, sent):
    sign_in(client, sides["editor"])
    client.get(reverse("referrals:detail", args=[sent.pk]))
    assert client.get(reverse("referrals:audit")).status_code == 403
    client.post(reverse("workspace:sign_out"))
    sign_in(client, sides["coordinator"])
    page = client.get(reverse("referrals:audit")).content.decode()
    assert "editor@example.fi" in page and "Maija" not in page


def test_the_audit_log_is_append_only(sent):
    entry = AuditEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE referrals_auditentry SET detail = 'x'")


def test_anonymous_statistics(sides, sent):
    services.referral_step(actor=sides["editor"], referral=sent, step_name="accept")
    stats = selectors.statistics_for(sides["ours"].__class__.objects.filter(pk=sides["ours"].pk))
    assert stats["total"] == 1
    assert stats["acceptance_rate"] == 1.0
    assert stats["by_organization_kinds"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("131052-308T", True),  # the tax administration's example
        ("syntynyt 131052-308t, äiti", True),
        ("010101A123N", True),
        ("010594Y9032", True),  # a century sign from 2023 on
        ("131052\u2013308T", True),  # an en dash from a word processor
        ("hetu131052-308T", True),
        ("131052-308X", False),  # wrong check character
        ("310252-308T", False),  # no such day
        ("puh. 040 123 4567", False),
        ("asiakasnumero 1310523087", False),
    ],
)
def test_the_identity_code_detector(text, found):
    from perhekeskus.core.validators import contains_identity_code

    assert contains_identity_code(text) is found


def test_the_admin_does_not_list_referrals():
    from django.apps import apps
    from django.contrib import admin

    assert [m for m in apps.get_app_config("referrals").get_models() if admin.site.is_registered(m)] == []


def test_life_situations_and_language_are_encrypted_too(client, sides):
    from perhekeskus.catalog.models import Language, LifeSituation

    sign_in(client, sides["referrer"])
    violence = LifeSituation.objects.get(code="violence")
    client.post(
        reverse("referrals:new", args=[sides["service"].pk]),
        {
            **_post_values(), "sending_organization": str(sides["theirs"].pk),
            "life_situations": [str(violence.pk)], "language": str(Language.objects.get(code="sv").pk),
        },
    )  # fmt: skip
    referral = Referral.objects.get()
    assert [s.code for s in referral.life_situations] == ["violence"] and referral.language.code == "sv"
    with connection.cursor() as cursor:
        cursor.execute("SELECT life_situation_codes, language_code FROM referrals_referral")
        codes, language = cursor.fetchone()
    assert "violence" not in codes and codes.startswith("fernet:") and language.startswith("fernet:")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phone": "ei numero"}, "phone"),
        ({"email": "ei osoite"}, "email"),
        ({"phone": "131052-308T"}, "phone"),
    ],
)
def test_contact_details_are_checked(client, sides, changes, field):
    sign_in(client, sides["referrer"])
    response = client.post(
        reverse("referrals:new", args=[sides["service"].pk]),
        {**_post_values(**changes), "sending_organization": str(sides["theirs"].pk)},
    )
    assert response.status_code == 200 and response.context["form"].errors.get(field)
    assert not Referral.objects.exists()


def test_an_erased_referral_takes_no_more_steps_or_messages(sides, sent):
    services.referral_erase(referral=sent, why="data subject request")
    with pytest.raises(ValidationError):
        services.referral_step(actor=sides["editor"], referral=sent, step_name="accept", note="Soitettu")
    with pytest.raises(ValidationError):
        services.referral_message(actor=sides["editor"], referral=sent, body="Hei")
    assert Referral.objects.get(pk=sent.pk).status == S.SENT


def test_a_sender_who_left_the_organisation_no_longer_sees_the_referral(client, sides, sent):
    from perhekeskus.network.models import Membership

    Membership.objects.filter(user=sides["referrer"]).delete()
    assert not Referral.objects.visible_to(sides["referrer"]).exists()


def test_a_consent_older_than_a_year_is_refused_not_a_crash(client, sides):
    sign_in(client, sides["referrer"])
    for when in ("0001-01-01T00:00", "2020-01-01T10:00"):
        response = client.post(
            reverse("referrals:new", args=[sides["service"].pk]),
            {**_post_values(), "consent_at": when, "sending_organization": str(sides["theirs"].pk)},
        )
        assert response.status_code == 200 and response.context["form"].errors["consent_at"]
    assert not Referral.objects.exists()


def test_a_step_with_a_bad_note_is_refused_whole(client, sides, sent):
    sign_in(client, sides["editor"])
    client.post(reverse("referrals:step", args=[sent.pk]), {"step": "accept", "note": "x" * 4001})
    client.post(reverse("referrals:step", args=[sent.pk]), {"step": "accept", "note": "a\x00b"})
    assert Referral.objects.get(pk=sent.pk).status == S.SENT


def test_when_the_sender_has_left_the_sending_admins_are_told(
    sides, sent, django_capture_on_commit_callbacks
):
    from perhekeskus.network.models import Membership

    Membership.objects.filter(user=sides["referrer"]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_step(actor=sides["editor"], referral=sent, step_name="accept")
    assert [m.to for m in mail.outbox] == [["outsider@example.fi"]]  # the sending organisation's admin
