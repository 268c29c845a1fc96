"""Feedback after a visit: an hour after a time ends, each family registered for it (confirmed, not
marked absent) gets one question by e-mail or text message: was it useful? The answer, with an
optional comment, is given on a page the message links to, without signing in. Comments are screened
for identity codes and contact details before they are stored; nothing ties an answer to the family.
Organisations see the answers per activity; the insights per kind of activity."""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from perhekeskus.activities import reminders
from perhekeskus.activities.models import Activity, Occurrence, Registration, VisitFeedback
from perhekeskus.activities.recurrence import MAX_MOVE
from perhekeskus.activities.selectors import occurrence_for
from perhekeskus.core.mail import absolute_url
from perhekeskus.core.tasks import task
from perhekeskus.search.scrubbing import screen

ASKED_AFTER = datetime.timedelta(hours=1)  # after the time ends
# A question not sent within this (the worker stopped, quiet hours) is not sent at all: it would come
# too late to be answered from memory. The link works a little longer.
ASKED_WITHIN = datetime.timedelta(days=2)
ANSWERED_WITHIN = datetime.timedelta(days=14)
LONGEST = datetime.timedelta(days=1)  # what a time may last, for finding those just over
FEEDBACK_SALT = "activities.feedback"
MAX_COMMENT = 1000


def feedback_token(registration: Registration, original_start: datetime.datetime) -> str:
    return signing.dumps([str(registration.pk), original_start.isoformat()], salt=FEEDBACK_SALT)


def for_token(token: str) -> tuple[Registration, datetime.datetime] | None:
    """The registration and the time a feedback link is about, while the link works."""
    try:
        pk, start = signing.loads(token, salt=FEEDBACK_SALT, max_age=ANSWERED_WITHIN)
        original_start = datetime.datetime.fromisoformat(start)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    registration = (
        Registration.objects.select_related("occurrence__activity__location__municipality")
        .filter(pk=pk, occurrence__start=original_start, status=Registration.Status.CONFIRMED)
        .first()
    )
    return (registration, original_start) if registration is not None else None


def _key(registration: Registration, original_start: datetime.datetime) -> str:
    return salted_hmac(
        FEEDBACK_SALT, f"{registration.pk}:{original_start.isoformat()}", algorithm="sha256"
    ).hexdigest()


def answered(registration: Registration, original_start: datetime.datetime) -> bool:
    return VisitFeedback.objects.filter(registration_key=_key(registration, original_start)).exists()


def give(
    *, registration: Registration, original_start: datetime.datetime, answer: str, comment: str = ""
) -> VisitFeedback | None:
    """Store the family's answer; None when this registration has answered for this time already."""
    text, was_screened = screen(comment[:MAX_COMMENT])
    try:
        with transaction.atomic():
            return VisitFeedback.objects.create(
                activity=registration.occurrence.activity, occurrence_start=original_start, answer=answer,
                comment=text, screened=was_screened, registration_key=_key(registration, original_start),
            )  # fmt: skip
    except IntegrityError:
        return None


@task("activities.ask_feedback", every=datetime.timedelta(minutes=15))
def ask_feedback(now: datetime.datetime | None = None) -> str:
    """Queue the question to the families of each time that ended an hour ago or more (within two
    days), once each."""
    now = now or timezone.now()
    asked = 0
    rows = (
        Occurrence.objects.filter(
            start__gte=now - ASKED_WITHIN - LONGEST - MAX_MOVE,
            start__lte=now + MAX_MOVE,
            activity__asks_feedback=True,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .distinct()
        .select_related("activity__location__municipality")
        .prefetch_related("activity__changes")
    )
    for row in rows:
        occurrence = occurrence_for(row.activity, row.start)
        if occurrence is None or occurrence.cancelled:
            continue
        asked_at = occurrence.end + ASKED_AFTER
        if not asked_at <= now < occurrence.end + ASKED_WITHIN:
            continue
        for registration in row.registrations.filter(
            status=Registration.Status.CONFIRMED, erased_at__isnull=True
        ).exclude(attended=False):
            registration.occurrence = row
            asked += reminders.queue_message(
                registration,
                f"feedback:{registration.pk}:{row.start.isoformat()}",
                f"feedback:{registration.pk}",
                "activities/email/feedback",
                occurrence,
                now,
                expires_at=occurrence.end + ASKED_WITHIN,
                feedback_url=absolute_url(
                    "activity_feedback",
                    feedback_token(registration, row.start),
                    language=registration.language,
                ),
            )
    return f"{asked} families asked for feedback."


# --- Reads for the organisation and the insights ---------------------------------------------------

SHOWN_COMMENTS = 50


def answers_of(activity: Activity, since: datetime.datetime) -> dict:
    """The activity's answers since `since`: the counts, and the comments without their times."""
    feedback = VisitFeedback.objects.filter(activity=activity, received_at__gte=since)
    totals = feedback.aggregate(
        answers=Count("pk"),
        useful=Count("pk", filter=Q(answer=VisitFeedback.Answer.USEFUL)),
        partly=Count("pk", filter=Q(answer=VisitFeedback.Answer.PARTLY)),
        not_useful=Count("pk", filter=Q(answer=VisitFeedback.Answer.NOT_USEFUL)),
    )
    return {
        **totals,
        # In the order of their random ids: the order tells nothing of when, or after which time.
        "comments": list(feedback.exclude(comment="").order_by("pk")[:SHOWN_COMMENTS]),
    }
