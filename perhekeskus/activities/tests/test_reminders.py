"""Reminders the day before and word of a cancelled or moved time, by e-mail or text message: once,
with the time, the place and the link, nothing about the family; a family can stop them."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from perhekeskus.activities import reminders, selectors, services
from perhekeskus.activities.models import Activity
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.messaging import services as messaging
from perhekeskus.messaging import sms
from perhekeskus.messaging.models import OutgoingMessage

TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)
REGISTERED = datetime.datetime(2026, 11, 28, 12, tzinfo=HELSINKI)
REMINDER = datetime.datetime(2026, 11, 30, 17, tzinfo=HELSINKI)  # the day before at 17.00


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _register(cafe, email="perhe@example.fi", phone="", language="fi"):
    with time_machine.travel(REGISTERED, tick=False):
        values = {"name": "Liisa Laine", "email": email, "phone": phone, "adults": 1, "children": 1}
        return services.registration_create(
            activity=cafe, original_start=TUESDAY, values=values, language=language
        )


def _run(at):
    with time_machine.travel(at, tick=False):
        reminders.queue_reminders(at)
        messaging.send_due(at)


def test_an_e_mail_reminder_goes_once_at_the_activitys_time_the_day_before(cafe):
    _register(cafe)
    mail.outbox.clear()
    _run(REMINDER - datetime.timedelta(minutes=1))
    assert mail.outbox == []
    _run(REMINDER)
    _run(REMINDER + datetime.timedelta(minutes=5))  # the next runs find it sent
    (message,) = mail.outbox
    assert message.subject == "Muistutus: Vauvakahvila huomenna"
    assert "tiistai" in message.body.lower() and "Perhetalo" in message.body
    assert "/activities/registration/" in message.body and "lopettaa nämä muistutukset" in message.body
    assert "Liisa" not in message.body


def test_a_family_that_gave_only_a_phone_gets_a_short_text_in_its_language(cafe):
    _register(cafe, email="", phone="+358401234567", language="en")
    _run(REMINDER)
    (text,) = sms.outbox
    assert text["to"] == "+358401234567"
    assert text["text"].startswith("Reminder: Vauvakahvila, Tuesday")
    assert "Perhetalo" in text["text"] and "/en/activities/registration/" in text["text"]
    assert "Liisa" not in text["text"] and len(text["text"]) < 320


def test_a_late_evening_reminder_by_text_waits_until_eight(cafe):
    Activity.objects.filter(pk=cafe.pk).update(reminder_time=datetime.time(22, 0))
    _register(cafe, email="", phone="+358401234567")
    _run(REMINDER.replace(hour=22))
    assert sms.outbox == []
    assert OutgoingMessage.objects.get().send_after == TUESDAY.replace(hour=8)
    _run(TUESDAY.replace(hour=8))
    assert len(sms.outbox) == 1


def test_no_reminder_when_stopped_registered_after_its_time_or_the_activity_sends_none(cafe, client):
    stopped = _register(cafe)
    url = f"/activities/registration/{selectors.cancel_token(stopped)}/"
    with time_machine.travel(REGISTERED, tick=False):
        assert "Lopeta muistutukset" in client.get(url).content.decode()
        client.post(url, {"action": "stop-reminders"})
        assert "Lopeta muistutukset" not in client.get(url).content.decode()
    stopped.refresh_from_db()
    assert stopped.reminders_stopped_at is not None and stopped.status == "confirmed"  # still registered
    with time_machine.travel(REMINDER + datetime.timedelta(hours=1), tick=False):
        services.registration_create(
            activity=cafe, original_start=TUESDAY, values={"name": "Myöhäinen", "email": "late@example.fi"}
        )
    mail.outbox.clear()
    _run(REMINDER + datetime.timedelta(hours=2))
    assert mail.outbox == []
    Activity.objects.filter(pk=cafe.pk).update(reminder_time=None)
    other = _register(cafe, email="toinen@example.fi")
    _run(REMINDER + datetime.timedelta(hours=3))
    assert mail.outbox == [] and not reminders.reminded(other, REGISTERED)


def test_a_cancelled_time_is_told_and_its_waiting_reminder_withdrawn(cafe):
    _register(cafe, email="", phone="+358401234567")
    Activity.objects.filter(pk=cafe.pk).update(reminder_time=datetime.time(22, 0))
    _run(REMINDER.replace(hour=22))  # queued for 08.00
    with time_machine.travel(REMINDER.replace(hour=23), tick=False):
        services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=True)
        assert services.occurrence_tell(activity=cafe, original_start=TUESDAY) == 1
    _run(TUESDAY.replace(hour=8))
    (text,) = sms.outbox  # the word of the cancellation, not the reminder
    assert text["text"].startswith("Peruttu: Vauvakahvila")
    states = sorted(OutgoingMessage.objects.values_list("key", "state"))
    assert [state for _key, state in states] == ["sent", "withdrawn"]


def test_a_moved_time_is_told_and_reminded_at_its_new_time(cafe):
    _register(cafe)
    mail.outbox.clear()
    moved = TUESDAY + datetime.timedelta(days=1)
    with time_machine.travel(REGISTERED, tick=False):
        services.occurrence_change(
            actor=None, activity=cafe, original_start=TUESDAY, cancelled=False, new_start=moved
        )
        services.occurrence_tell(activity=cafe, original_start=TUESDAY)
    _run(REGISTERED + datetime.timedelta(minutes=1))
    (told,) = mail.outbox
    assert told.subject == "Uusi aika: Vauvakahvila" and "keskiviikko" in told.body.lower()
    _run(REMINDER)  # the day before the old time: nothing
    assert len(mail.outbox) == 1
    _run(REMINDER + datetime.timedelta(days=1))
    assert mail.outbox[-1].subject == "Muistutus: Vauvakahvila huomenna"
    assert "keskiviikko" in mail.outbox[-1].body.lower()


@override_settings(SMS_BACKEND="")
def test_without_text_messages_the_page_promises_none(cafe, client):
    registration = _register(cafe, email="", phone="+358401234567")
    page = client.get(f"/activities/registration/{selectors.cancel_token(registration)}/").content.decode()
    assert "Tekstiviestejä ei lähetetä" in page or "No text messages are sent" in page
    assert "Lopeta muistutukset" not in page


def test_no_reminder_for_a_time_cancelled_before_it_or_after_the_family_cancelled(cafe):
    _register(cafe)
    with time_machine.travel(REGISTERED, tick=False):
        services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=True)
    mail.outbox.clear()
    _run(REMINDER)
    assert mail.outbox == []
    services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=False)
    Activity.objects.filter(pk=cafe.pk).update(reminder_time=datetime.time(22, 0))
    registration = _register(cafe, email="", phone="+358401234567")
    _run(REMINDER.replace(hour=22))  # waits for the morning
    with time_machine.travel(REMINDER.replace(hour=23), tick=False):
        services.registration_cancel(registration=registration)
    _run(TUESDAY.replace(hour=8))
    assert sms.outbox == []


def test_stopping_reminders_keeps_the_word_of_a_cancellation(cafe, client):
    registration = _register(cafe, email="", phone="+358401234567")
    with time_machine.travel(REMINDER.replace(hour=21, minute=30), tick=False):
        services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=True)
        services.occurrence_tell(activity=cafe, original_start=TUESDAY)  # waits for 08.00
        reminders.stop(registration)
    _run(TUESDAY.replace(hour=8))
    assert [text["text"].split(":")[0] for text in sms.outbox] == ["Peruttu"]


def test_a_text_reminder_held_past_the_start_is_not_sent(cafe):
    Activity.objects.filter(pk=cafe.pk).update(
        start_time=datetime.time(7, 30), reminder_time=datetime.time(22, 0)
    )
    cafe.refresh_from_db()
    early = TUESDAY.replace(hour=7, minute=30)
    with time_machine.travel(REGISTERED, tick=False):
        values = {"name": "Liisa", "phone": "+358401234567"}
        services.registration_create(activity=cafe, original_start=early, values=values)
    _run(REMINDER.replace(hour=22))
    _run(TUESDAY.replace(hour=8))
    assert sms.outbox == []
    assert OutgoingMessage.objects.get().state == "withdrawn"


@override_settings(SMS_BACKEND="")
def test_a_family_registered_while_no_texts_were_sent_gets_none_later(cafe):
    _register(cafe, email="", phone="+358401234567")
    with override_settings(SMS_BACKEND="memory"):
        _run(REMINDER)
    assert sms.outbox == [] and not OutgoingMessage.objects.exists()
