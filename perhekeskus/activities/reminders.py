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

# Reminders are looked for this far ahead: the day before at the activity's time is within it.
AHEAD = datetime.timedelta(days=2)


def topic(registration: Registration) -> str:
    return f"registration:{registration.pk}"


def reminded(registration: Registration) -> bool:
    """Whether this registration gets reminders (what its page says)."""
    activity = registration.occurrence.activity
    return (
        activity.reminder_time is not None
        and registration.reminders_stopped_at is None
        and registration.status == Registration.Status.CONFIRMED
        and bool(registration.email or (registration.phone and sms.enabled()))
    )


def reminder_moment(occurrence_start: datetime.datetime, at: datetime.time) -> datetime.datetime:
    day = occurrence_start.astimezone(HELSINKI).date() - datetime.timedelta(days=1)
    return datetime.datetime.combine(day, at, tzinfo=HELSINKI)


def _queue(registration: Registration, key: str, template: str, occurrence, now: datetime.datetime) -> None:
    language = registration.language
    context = {
        "details": confirmation.details(registration, occurrence, language),
        **confirmation.links(cancel_token(registration), language),
    }
    by_text = not registration.email
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_sms.txt" if by_text else f"{template}.txt", context).strip()
    messaging.queue(
        key=key, topic=topic(registration), email=registration.email, phone=registration.phone,
        subject=subject, body=body, send_after=now,
    )  # fmt: skip


@task("activities.queue_reminders", every=datetime.timedelta(minutes=5))
def queue_reminders(now: datetime.datetime | None = None) -> str:
    """Queue the reminder of each registration whose occurrence is held tomorrow (at its moved time)
    once its reminder time has come, unless the family registered after it or stopped reminders."""
    now = now or timezone.now()
    queued = 0
    rows = Occurrence.objects.filter(
        start__gte=now - MAX_MOVE, start__lte=now + AHEAD + MAX_MOVE, activity__reminder_time__isnull=False
    ).select_related("activity__location__municipality")
    for row in rows:
        occurrence = occurrence_for(row.activity, row.start)
        if occurrence is None or not now < occurrence.start <= now + AHEAD:
            continue
        moment = reminder_moment(occurrence.start, row.activity.reminder_time)
        if moment > now:
            continue
        for registration in row.registrations.filter(
            status=Registration.Status.CONFIRMED, reminders_stopped_at__isnull=True, erased_at__isnull=True,
            created_at__lt=moment,
        ):  # fmt: skip
            registration.occurrence = row
            key = f"reminder:{registration.pk}:{occurrence.start.isoformat()}"
            _queue(registration, key, "activities/email/reminder", occurrence, now)
            queued += 1
    return f"{queued} reminders looked at."


def tell_of_change(row: Occurrence, now: datetime.datetime | None = None) -> None:
    """The families registered for an occurrence whose time was cancelled, moved or restored: their
    reminders not yet sent are withdrawn, and each is told the time as it now stands."""
    now = now or timezone.now()
    for registration in row.registrations.exclude(status=Registration.Status.CANCELLED).filter(
        erased_at__isnull=True
    ):
        registration.occurrence = row
        occurrence = registration_occurrence(registration)
        messaging.withdraw(topic(registration))
        state = "cancelled" if occurrence.cancelled else occurrence.start.isoformat()
        key = f"change:{registration.pk}:{row.start.isoformat()}:{state}:{now.isoformat()}"
        _queue(registration, key, "activities/email/change", occurrence, now)


def stop(registration: Registration) -> None:
    """The family wants no more reminders for this registration."""
    Registration.objects.filter(pk=registration.pk).update(reminders_stopped_at=timezone.now())
    messaging.withdraw(topic(registration))
