"""Retention with a frozen clock, and a data subject's request (find, export, erase)."""

import datetime
import io
import json
import zoneinfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from perhekeskus.referrals import services
from perhekeskus.referrals.models import AuditEntry, Referral
from perhekeskus.referrals.retention import erase_expired
from perhekeskus.referrals.tests.conftest import referral_values

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def at(day: str):
    return time_machine.travel(
        datetime.datetime.fromisoformat(day).replace(hour=4, tzinfo=HELSINKI), tick=False
    )


def test_personal_data_is_erased_a_year_after_closing_leaving_the_anonymous_rest(sides):
    with at("2026-03-01"):
        closed = services.referral_send(
            actor=sides["referrer"], service=sides["service"], sending_organization=sides["theirs"],
            values=referral_values(),
        )  # fmt: skip
        services.referral_step(actor=sides["editor"], referral=closed, step_name="accept")
        services.referral_step(actor=sides["editor"], referral=closed, step_name="contacted", note="Soitettu")
        services.referral_step(
            actor=sides["editor"], referral=closed, step_name="complete", outcome="started"
        )
        services.referral_message(actor=sides["editor"], referral=closed, body="Aloitti ryhmässä.")
        open_one = services.referral_send(
            actor=sides["referrer"], service=sides["service"], sending_organization=sides["theirs"],
            values=referral_values(),
        )  # fmt: skip
    with at("2027-03-01"):  # 365 days: not yet
        assert erase_expired() == "0 referrals erased."
    with at("2027-03-02"):
        assert erase_expired() == "1 referrals erased."
    closed.refresh_from_db()
    assert closed.erased_at is not None
    assert (closed.family_name, closed.phone, closed.email, closed.need, closed.consent_given_by) == ("",) * 5
    assert (closed.status, closed.outcome, closed.service_id) == ("completed", "started", sides["service"].pk)
    assert closed.accepted_at is not None and closed.closed_at is not None
    assert [e.note for e in closed.events.all()] == [""] * 4
    assert [m.body for m in closed.messages.all()] == [""]
    assert AuditEntry.objects.filter(referral_id=closed.pk, action="erase").exists()
    assert Referral.objects.get(pk=open_one.pk).family_name == "Maija Meikäläinen"  # still open: kept


def test_a_data_subject_request_finds_exports_and_erases_one_persons_data(sent, tmp_path):
    out = io.StringIO()
    call_command("personal_data", "--phone", "+358 40 1234567", stdout=out)
    assert str(sent.pk) in out.getvalue() and "1 found." in out.getvalue()
    target = tmp_path / "maija.json"
    call_command(
        "personal_data", "--email", "MAIJA@example.fi", "--export", str(target), stdout=io.StringIO()
    )
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported[0]["name"] == "Maija Meikäläinen" and exported[0]["need"].startswith("Äiti")
    assert {"life_situations", "language", "urgency", "contact_method"} <= exported[0].keys()
    export_entry = AuditEntry.objects.get(referral_id=sent.pk, action="export")
    assert export_entry.actor_email.endswith("(personal_data)")
    with pytest.raises(CommandError, match="--yes"):
        call_command("personal_data", "--name", "maija meikäläinen", "--erase")
    call_command("personal_data", "--name", "maija meikäläinen", "--erase", "--yes", stdout=io.StringIO())
    assert Referral.objects.get(pk=sent.pk).family_name == ""
    out = io.StringIO()
    call_command("personal_data", "--name", "maija meikäläinen", stdout=out)
    assert "0 found." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("personal_data")


def test_a_referral_nobody_moves_on_is_erased_after_twice_the_retention(sides):
    with at("2026-01-10"):
        stuck = services.referral_send(
            actor=sides["referrer"], service=sides["service"], sending_organization=sides["theirs"],
            values=referral_values(),
        )  # fmt: skip
    with at("2027-06-01"):
        assert erase_expired() == "0 referrals erased."
    with at("2028-01-11"):
        assert erase_expired() == "1 referrals erased."
    assert Referral.objects.get(pk=stuck.pk).family_name == ""


def test_the_data_subject_tool_audits_what_it_reads(sent):
    call_command(
        "personal_data", "--email", "maija@example.fi", "--by", "tietosuojavastaava", stdout=io.StringIO()
    )
    entry = AuditEntry.objects.get(referral_id=sent.pk, action="read")
    assert entry.actor_email == "tietosuojavastaava (personal_data)"
