"""Accessibility feedback, and families' answers to "was this information correct?", are deleted
FEEDBACK_RETENTION_DAYS after they arrived (a daily task)."""

import datetime

from django.conf import settings
from django.utils import timezone

from perhekeskus.core.tasks import task
from perhekeskus.information.models import AccuracyReport, Feedback


@task("information.delete_old_feedback", daily_at=datetime.time(3, 45))
def delete_old_feedback() -> str:
    cutoff = timezone.now() - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    deleted, _ = Feedback.objects.filter(received_at__lt=cutoff).delete()
    reports, _ = AccuracyReport.objects.filter(received_at__lt=cutoff).delete()
    return (
        f"{deleted} accessibility feedback messages and {reports} answers on services' information deleted."
    )
