import os
import subprocess
import sys

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.workspace.tests.conftest import PASSWORD, current_code, sign_in

pytestmark = pytest.mark.django_db


def test_a_wrong_password_is_refused_with_a_message(client, people):
    response = client.post(reverse("workspace:sign_in"), {"email": "editor@example.fi", "password": "väärä"})
    assert response.status_code == 200
    assert "The e-mail address or the password is wrong." in response.content.decode() or (
        "Sähköpostiosoite tai salasana on väärin." in response.content.decode()
    )
    assert client.get(reverse("workspace:dashboard")).status_code == 302


def test_the_first_sign_in_sets_up_the_authenticator_and_gives_recovery_codes(client, people):
    editor = people["editor"]
    response = client.post(
        reverse("workspace:sign_in"), {"email": "EDITOR@example.fi", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(reverse("workspace:two_factor_setup"))
    assert "<svg" in response.content.decode()  # the QR code
    # A password alone does not open the workspace.
    assert client.get(reverse("workspace:dashboard")).status_code == 302

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post(reverse("workspace:two_factor_setup"), {"code": current_code(device)})
    codes = response.context["codes"]
    assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    page = client.get(reverse("workspace:dashboard"))
    assert page.status_code == 200 and "Perhekahvila Pankakoski" in page.content.decode()


def test_a_recovery_code_signs_in_once(client, people):
    editor = people["editor"]
    client.post(reverse("workspace:sign_in"), {"email": editor.email, "password": PASSWORD})
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=False)
    codes = client.post(reverse("workspace:two_factor_setup"), {"code": current_code(device)}).context[
        "codes"
    ]
    for attempt, expected in ((1, 302), (2, 200)):
        client.post(reverse("workspace:sign_out"))
        client.post(reverse("workspace:sign_in"), {"email": editor.email, "password": PASSWORD})
        response = client.post(reverse("workspace:two_factor"), {"code": codes[0]})
        assert response.status_code == expected, attempt


def test_an_unverified_session_is_sent_to_the_second_step(client, people):
    TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    client.post(reverse("workspace:sign_in"), {"email": "editor@example.fi", "password": PASSWORD})
    response = client.get(reverse("workspace:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("workspace:two_factor"))


def test_next_goes_back_to_the_page_asked_for_but_never_off_site(client, people):
    members = reverse("workspace:members", args=[people["ours"].pk])
    device = TOTPDevice.objects.create(user=people["admin"], name="app", confirmed=True)
    client.post(
        reverse("workspace:sign_in"), {"email": "admin@example.fi", "password": PASSWORD, "next": members}
    )
    response = client.post(reverse("workspace:two_factor"), {"code": current_code(device), "next": members})
    assert response.url == members
    client.post(reverse("workspace:sign_out"))
    client.post(reverse("workspace:sign_in"), {"email": "admin@example.fi", "password": PASSWORD})
    device.refresh_from_db()
    device.last_t = -1  # the same 30-second code again, as a later time step would give
    device.save()
    response = client.post(
        reverse("workspace:two_factor"), {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response.url == reverse("workspace:dashboard")


def test_failed_sign_ins_lock_the_account_for_a_while(client, people):
    for _ in range(5):
        client.post(reverse("workspace:sign_in"), {"email": "editor@example.fi", "password": "väärä"})
    locked = client.post(reverse("workspace:sign_in"), {"email": "editor@example.fi", "password": PASSWORD})
    assert locked.status_code == 429
    assert "15" in locked.content.decode()
    # Another account is not locked.
    other = client.post(reverse("workspace:sign_in"), {"email": "admin@example.fi", "password": PASSWORD})
    assert other.status_code == 302


def test_signing_out_everywhere_ends_the_other_sessions(client, people):
    from django.test import Client

    other = Client()
    device = TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    sign_in(client, people["editor"], device=device)
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    sign_in(other, people["editor"], device=device)
    assert other.get(reverse("workspace:dashboard")).status_code == 200
    client.post(reverse("workspace:sign_out_everywhere"))
    assert other.get(reverse("workspace:dashboard")).status_code == 302
    assert client.get(reverse("workspace:dashboard")).status_code == 302


def test_a_demo_account_may_skip_the_second_factor_only_where_allowed(client, people, settings):
    editor = people["editor"]
    editor.demo_account = True
    editor.save()
    client.post(reverse("workspace:sign_in"), {"email": editor.email, "password": PASSWORD})
    settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = False
    assert client.get(reverse("workspace:dashboard")).status_code == 302
    settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = True
    assert client.get(reverse("workspace:dashboard")).status_code == 200


def test_production_settings_refuse_the_demo_shortcut():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DEMO_ACCOUNTS_SKIP_SECOND_FACTOR": "true",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import perhekeskus.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DEMO_ACCOUNTS_SKIP_SECOND_FACTOR is for a local demo" in result.stderr


def test_password_reset_by_email(client, people):
    response = client.post(reverse("workspace:password_reset"), {"email": "editor@example.fi"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.fi"]
    assert "Testi" in message.body  # the recipient's name, and nothing of anyone else
    link = next(line for line in message.body.splitlines() if "/workspace/password/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "uusi-salasana-2026", "new_password2": "uusi-salasana-2026"},
    )
    assert response.status_code == 302
    assert (
        client.post(
            reverse("workspace:sign_in"), {"email": "editor@example.fi", "password": "uusi-salasana-2026"}
        ).status_code
        == 302
    )
    # The link works once.
    assert (
        "validlink" in client.get(path, follow=True).context
        and not client.get(path, follow=True).context["validlink"]
    )


def test_repeated_reset_requests_send_one_message_per_quarter_hour(client, people):
    for address in ("editor@example.fi", "Editor@Example.fi", "editor@example.fi"):
        response = client.post(reverse("workspace:password_reset"), {"email": address})
        assert response.status_code == 302
        assert response["Location"] == reverse("workspace:password_reset_sent")
    assert len(mail.outbox) == 1
    client.post(reverse("workspace:password_reset"), {"email": "admin@example.fi"})
    assert len(mail.outbox) == 2  # another address is not held back


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, people):
    response = client.post(reverse("workspace:password_reset"), {"email": "nobody@example.fi"})
    assert response.status_code == 302 and mail.outbox == []


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(client, people):
    client.post(reverse("workspace:sign_in"), {"email": "editor@example.fi", "password": PASSWORD})
    device = TOTPDevice.objects.create(user=people["editor"], name="app", confirmed=True)
    wrong = str((int(current_code(device)) + 1) % 10**6).zfill(6)
    response = client.post(reverse("workspace:two_factor"), {"code": wrong})
    assert response.status_code == 200 and response.context["form"].errors["code"]
    # Even the right code waits out the pause django-otp puts after a failure (here 1 second).
    response = client.post(reverse("workspace:two_factor"), {"code": current_code(device)})
    assert response.status_code == 200
    assert "Odota" in str(response.context["form"].errors["code"])
    assert client.get(reverse("workspace:dashboard")).status_code == 302


def test_failed_sign_ins_from_one_device_are_limited_across_accounts(client, people, settings):
    settings.FAILED_SIGN_INS_PER_HOUR = 3
    sign_in = reverse("workspace:sign_in")
    # Three accounts tried once each: under each account's own lock, but one device.
    for email in ("editor@example.fi", "admin@example.fi", "nobody@example.fi"):
        assert client.post(sign_in, {"email": email, "password": "väärä"}).status_code == 200
    refused = client.post(sign_in, {"email": "editor@example.fi", "password": PASSWORD})
    assert refused.status_code == 429
    assert "Liian monta epäonnistunutta kirjautumista" in refused.content.decode()
    assert "_auth_user_id" not in client.session  # not signed in, even with the right password
    # Another device signs in.
    other = client.post(sign_in, {"email": "editor@example.fi", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_password_reset_requests_from_one_device_are_limited(client, people, settings, mailoutbox):
    settings.PASSWORD_RESETS_PER_HOUR = 1
    url = reverse("workspace:password_reset")
    assert client.post(url, {"email": "editor@example.fi"}).status_code == 302
    refused = client.post(url, {"email": "admin@example.fi"})
    assert refused.status_code == 429
    assert "Liian monta salasanan vaihtopyyntöä" in refused.content.decode()
    assert [message.to for message in mailoutbox] == [["editor@example.fi"]]
