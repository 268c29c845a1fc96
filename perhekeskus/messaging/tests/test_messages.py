"""Messages to families: queued once, sent once by one worker, retried when the provider fails, text
messages outside quiet hours; the 46elks adapter against a local stand-in of its API."""

import base64
import datetime
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import override_settings

from perhekeskus.messaging import services, sms
from perhekeskus.messaging.models import OutgoingMessage

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOON = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _queue(key="reminder:1", email="", phone="+358401234567", when=NOON):
    return services.queue(
        key=key, topic="registration:1", email=email, phone=phone, subject="Muistutus",
        body="Vauvakerho huomenna klo 10.", send_after=when,
    )  # fmt: skip


def test_by_e_mail_when_there_is_an_address_else_by_text_and_never_twice():
    assert _queue(email="perhe@example.fi").channel == "email"
    assert _queue(key="reminder:2").channel == "sms"
    assert _queue(key="reminder:2", email="perhe@example.fi") is None  # the same key: nothing new
    assert _queue(key="reminder:3", phone="") is None
    assert OutgoingMessage.objects.count() == 2


@pytest.mark.parametrize(
    ("local", "sent_at"),
    [
        ((12, 0), (7, 12, 0)),
        ((21, 30), (8, 8, 0)),
        ((6, 15), (7, 8, 0)),
        ((8, 0), (7, 8, 0)),
        ((20, 59), (7, 20, 59)),
    ],
)
def test_text_messages_wait_out_the_quiet_hours(local, sent_at):
    when = NOON.replace(hour=local[0], minute=local[1])
    message = _queue(when=when)
    day, hour, minute = sent_at
    assert message.send_after == datetime.datetime(2026, 12, day, hour, minute, tzinfo=HELSINKI)
    assert _queue(key="mail", email="perhe@example.fi", when=when).send_after == when  # e-mail: any time


def test_a_due_message_is_sent_once_even_by_two_workers_and_a_clock_that_jumps_back():
    message = _queue()
    _queue(key="later", when=NOON + datetime.timedelta(hours=2))
    other_worker = OutgoingMessage.objects.get(pk=message.pk)  # read by a second worker at the same time
    assert services.send_due(NOON) == "1 messages sent."
    assert services.send_one(other_worker, NOON) is False  # its claim finds the message taken
    assert services.send_due(NOON - datetime.timedelta(hours=1)) == "0 messages sent."
    assert [m["to"] for m in sms.outbox] == ["+358401234567"]
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 1)
    assert OutgoingMessage.objects.get(key="later").state == "queued"


def test_an_e_mail_goes_out_by_e_mail():
    _queue(email="perhe@example.fi")
    services.send_due(NOON)
    assert [m.to for m in mail.outbox] == [["perhe@example.fi"]]
    assert mail.outbox[0].subject == "Muistutus"


def test_a_message_whose_worker_stopped_mid_send_is_never_sent_again():
    message = _queue()
    OutgoingMessage.objects.filter(pk=message.pk).update(state="sending", claimed_at=NOON, attempts=1)
    services.send_due(NOON + datetime.timedelta(hours=2))
    message.refresh_from_db()
    assert message.state == "failed" and sms.outbox == []


def test_a_withdrawn_message_is_not_sent():
    _queue()
    assert services.withdraw("registration:1") == 1
    services.send_due(NOON)
    assert sms.outbox == []


class StandIn(BaseHTTPRequestHandler):
    """46elks' SMS API as its documentation describes it: a form POST with Basic authentication,
    answered with the created message as JSON. `mode` makes it refuse or stall."""

    mode = "ok"
    received: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        StandIn.received.append({"path": self.path, "auth": self.headers["Authorization"], "form": form})
        if StandIn.mode == "slow":
            time.sleep(1.5)
        status, body = (
            (403, b"API access denied") if StandIn.mode == "refuse" else
            (200, json.dumps({"id": "s1234abcd", "status": "created", "to": form["to"][0]}).encode())
        )  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status == 200 else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    StandIn.mode, StandIn.received = "ok", []
    with override_settings(
        SMS_BACKEND="46elks", SMS_46ELKS_URL=f"http://127.0.0.1:{server.server_port}/a1/sms",
        SMS_46ELKS_USERNAME="u123", SMS_46ELKS_PASSWORD="secret", SMS_SENDER="Perhekesk", SMS_TIMEOUT_SECONDS=0.5,
    ):  # fmt: skip
        yield StandIn
    server.shutdown()
    server.server_close()


def test_the_46elks_adapter_posts_the_documented_form_with_basic_authentication(stand_in):
    assert sms.send("+358401234567", "Vauvakerho huomenna klo 10.") == "s1234abcd"
    (request,) = stand_in.received
    assert request["path"] == "/a1/sms"
    assert request["auth"] == "Basic " + base64.b64encode(b"u123:secret").decode()
    assert request["form"] == {
        "from": ["Perhekesk"], "to": ["+358401234567"], "message": ["Vauvakerho huomenna klo 10."]
    }  # fmt: skip


@pytest.mark.parametrize(("mode", "error"), [("refuse", "answered 403"), ("slow", "could not be reached")])
def test_a_refusal_or_no_answer_in_time_is_an_error_and_the_message_is_tried_again(stand_in, mode, error):
    stand_in.mode = mode
    with pytest.raises(sms.SmsError, match=error):
        sms.send("+358401234567", "x")
    message = _queue()
    services.send_due(NOON)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("queued", 1)
    assert error.split()[0] in message.last_error
    assert message.send_after == NOON + services.RETRY_AFTER
    stand_in.mode = "ok"
    services.send_due(NOON + services.RETRY_AFTER)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 2)


def test_after_its_last_attempt_a_message_fails_for_good(stand_in):
    stand_in.mode = "refuse"
    message = _queue()
    now = NOON
    for _attempt in range(services.MAX_ATTEMPTS):
        services.send_due(now)
        now += datetime.timedelta(days=1)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("failed", services.MAX_ATTEMPTS)


@pytest.mark.django_db(transaction=True)  # the task framework's worker commits
def test_the_worker_sends_due_messages_once_a_minute_and_each_minute_once():
    import time_machine
    from django.utils import timezone

    from perhekeskus.core import tasks

    now = timezone.now().replace(second=0, microsecond=0)

    def sends(at) -> int:
        with time_machine.travel(at, tick=False):
            return sum(1 for run in tasks.run_due() if run.name == "messaging.send_due")

    with time_machine.travel(now, tick=False):
        _queue(email="perhe@example.fi", when=now)
    assert sends(now) == 1
    assert sends(now + datetime.timedelta(seconds=30)) == 0  # this minute's ran
    assert sends(now + datetime.timedelta(minutes=1)) == 1
    assert len(mail.outbox) == 1


@override_settings(SMS_BACKEND="")
def test_a_site_that_sends_no_text_messages_queues_none():
    assert _queue() is None
    assert _queue(key="mail", email="perhe@example.fi").channel == "email"
