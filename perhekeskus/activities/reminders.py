"""Reminders the day before, and word of a cancelled or moved time, to the families registered: by
e-mail, or by text message when a family gave only a phone number (messaging). A message carries the
activity, its time and place and the link to the registration's page (to cancel it or stop the
reminders), nothing about the family."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation

from perhekeskus.activities import confirmation
from perhekeskus.activities.models import Occurrence, Registration
from perhekeskus.activities.recurrence import HELSINKI, MAX_MOVE
from perhekeskus.activities.selectors import cancel_token, occurrence_for, registration_occurrence
from perhekeskus.core.tasks import task
from perhekeskus.messaging import services as messaging
from perhekeskus.messaging import sms
from perhekeskus.messaging.models import OutgoingMessage

# Reminders are looked for this far ahead: the day before at the activity's time is within it.
AHEAD = datetime.timedelta(days=2)


def reminders_topic(registration: Registration) -> str:
    return f"reminders:{registration.pk}"


def changes_topic(registration: Registration) -> str:
    return f"changes:{registration.pk}"


def _phone(registration: Registration) -> str:
    """The number text messages go to: only where the family was told so when it registered."""
    return registration.phone if registration.texts_promised and sms.enabled() else ""


def reachable(registration: Registration) -> bool:
    return bool(registration.email or _phone(registration))


def reminded(registration: Registration, now: datetime.datetime | None = None) -> bool:
    """Whether this registration will get a reminder (what its page says): confirmed, not stopped,
    for a time still held and ahead, registered before its reminder time, and reachable."""
    now = now or timezone.now()
    activity = registration.occurrence.activity
    if (
        activity.reminder_time is None
        or registration.reminders_stopped_at is not None
        or registration.status != Registration.Status.CONFIRMED
        or not reachable(registration)
    ):
        return False
    occurrence = registration_occurrence(registration)
    if occurrence.cancelled or occurrence.start <= now:
        return False
    moment = reminder_moment(occurrence.start, activity.reminder_time)
    return registration.created_at < moment and (moment > now or not _sent_reminder(registration, occurrence))


def _reminder_key(registration: Registration, start: datetime.datetime) -> str:
    return f"reminder:{registration.pk}:{start.isoformat()}"


def _sent_reminder(registration: Registration, occurrence) -> bool:
    return OutgoingMessage.objects.filter(key=_reminder_key(registration, occurrence.start)).exists()


def reminder_moment(occurrence_start: datetime.datetime, at: datetime.time) -> datetime.datetime:
    day = occurrence_start.astimezone(HELSINKI).date() - datetime.timedelta(days=1)
    return datetime.datetime.combine(day, at, tzinfo=HELSINKI)


def queue_message(
    registration: Registration,
    key: str,
    topic: str,
    template: str,
    occurrence,
    now: datetime.datetime,
    expires_at: datetime.datetime | None = None,
    **context,
) -> bool:
    """A message about the registration's time (`template`, with `_sms` for a text message), in the
    family's language, with the time, the place and the registration's link; not sent after
    `expires_at` (default: when the time begins)."""
    language = registration.language
    context = {
        "details": confirmation.details(registration, occurrence, language),
        **confirmation.links(cancel_token(registration), language),
        **context,
    }
    by_text = not registration.email
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_sms.txt" if by_text else f"{template}.txt", context).strip()
    queued = messaging.queue(
        key=key,
        topic=topic,
        email=registration.email,
        phone=_phone(registration),
        subject=subject,
        body=body,
        send_after=now,
        expires_at=expires_at or occurrence.start,
    )
    return queued is not None


@task("activities.queue_reminders", every=datetime.timedelta(minutes=5))
def queue_reminders(now: datetime.datetime | None = None) -> str:
    """Queue the reminder of each registration whose occurrence is held tomorrow (at its moved time)
    once its reminder time has come, unless the family registered after it or stopped reminders."""
    now = now or timezone.now()
    queued = 0
    rows = (
        Occurrence.objects.filter(
            start__gte=now - MAX_MOVE,
            start__lte=now + AHEAD + MAX_MOVE,
            activity__reminder_time__isnull=False,
            activity__cancelled=False,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .distinct()
        .select_related("activity__location__municipality")
        .prefetch_related("activity__changes")
    )
    for row in rows:
        occurrence = occurrence_for(row.activity, row.start)
        if occurrence is None or occurrence.cancelled or not now < occurrence.start <= now + AHEAD:
            continue
        moment = reminder_moment(occurrence.start, row.activity.reminder_time)
        if moment > now:
            continue
        for registration in row.registrations.filter(
            status=Registration.Status.CONFIRMED, reminders_stopped_at__isnull=True, erased_at__isnull=True,
            created_at__lt=moment,
        ):  # fmt: skip
            registration.occurrence = row
            key = _reminder_key(registration, occurrence.start)
            queued += queue_message(
                registration, key, reminders_topic(registration), "activities/email/reminder", occurrence, now
            )
    return f"{queued} reminders queued."


def tell_of_change(row: Occurrence, note: str = "", now: datetime.datetime | None = None) -> int:
    """The families registered for an occurrence whose time was cancelled, moved or restored: their
    reminders not yet sent are withdrawn, and each is told the time as it now stands (with the
    organiser's note in an e-mail). The number of families told."""
    now = now or timezone.now()
    told = 0
    occurrence = None  # the same for every registration of the row: worked out once
    for registration in row.registrations.exclude(status=Registration.Status.CANCELLED).filter(
        erased_at__isnull=True
    ):
        registration.occurrence = row
        occurrence = occurrence or registration_occurrence(registration)
        messaging.withdraw(reminders_topic(registration))
        key = f"change:{registration.pk}:{row.start.isoformat()}:{now.isoformat()}"
        told += queue_message(
            registration,
            key,
            changes_topic(registration),
            "activities/email/change",
            occurrence,
            now,
            note=note,
        )
    return told


def withdraw_reminders(registrations) -> None:
    """A cancelled registration, or an activity cancelled for good: reminders waiting are not sent."""
    for registration in registrations:
        messaging.withdraw(reminders_topic(registration))


def stop(registration: Registration) -> None:
    """The family wants no more reminders for this registration (word of changes still comes)."""
    Registration.objects.filter(pk=registration.pk).update(reminders_stopped_at=timezone.now())
    messaging.withdraw(reminders_topic(registration))
