"""Registrations' personal data is erased `ACTIVITY_RETENTION_DAYS` (default 30) after the occurrence,
by a daily background task; the counts (people, attendance) stay for the insights."""

import datetime

from django.conf import settings
from django.utils import timezone

from perhekeskus.activities import recurrence
from perhekeskus.activities.feedback import ANSWERED_WITHIN, ASKED_WITHIN
from perhekeskus.activities.models import Occurrence, OccurrenceChange, Registration, VisitFeedback
from perhekeskus.core.encryption import encrypted_fields
from perhekeskus.core.tasks import task


@task("activities.erase_registrations", daily_at=datetime.time(3, 30))
def erase_registrations() -> str:
    cutoff = timezone.now() - datetime.timedelta(days=settings.ACTIVITY_RETENTION_DAYS)
    moved = {
        (change.activity_id, change.original_start): change.new_start
        for change in OccurrenceChange.objects.filter(
            new_start__isnull=False, original_start__lt=cutoff + recurrence.MAX_MOVE
        )
    }
    past = [
        row.pk
        # Only times that still hold personal data: the erased ones are not read again every day.
        for row in Occurrence.objects.filter(
            start__lt=cutoff + recurrence.MAX_MOVE, registrations__erased_at__isnull=True
        ).distinct()
        if (moved.get((row.activity_id, row.start)) or row.start) < cutoff
    ]
    erased = Registration.objects.filter(occurrence__in=past, erased_at__isnull=True).update(
        **dict.fromkeys(encrypted_fields(Registration), ""), erased_at=timezone.now()
    )
    return f"{erased} registrations erased."


# Answers after a visit carry no name; a comment may still tell something of its writer: comments go
# after FEEDBACK_RETENTION_DAYS, the answers after two years (the report compares with the year before).
ANSWERS_KEPT = datetime.timedelta(days=2 * 366)
# The key that keeps an answer to one per registration is needed while the question's link works.
KEY_KEPT = ASKED_WITHIN + ANSWERED_WITHIN + datetime.timedelta(days=2)


@task("activities.erase_old_feedback", daily_at=datetime.time(3, 40))
def erase_old_feedback() -> str:
    now = timezone.now()
    erased = (
        VisitFeedback.objects.filter(
            received_at__lt=now - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
        )
        .exclude(comment="")
        .update(comment="")
    )
    deleted, _ = VisitFeedback.objects.filter(received_at__lt=now - ANSWERS_KEPT).delete()
    VisitFeedback.objects.filter(occurrence_start__lt=now - KEY_KEPT, registration_key__isnull=False).update(
        registration_key=None
    )
    return f"{erased} feedback comments erased, {deleted} answers deleted."
