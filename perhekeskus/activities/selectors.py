"""Reads of activities: for public pages and feeds only activities of listed services; one
occurrence, its places taken and registration window; the registration an e-mailed link names."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import F, Prefetch, Q, QuerySet, Sum

from perhekeskus.activities import recurrence
from perhekeskus.activities.models import Activity, Occurrence, OccurrenceChange, Registration
from perhekeskus.catalog.selectors import listed_services


def public_activities() -> QuerySet[Activity]:
    return (
        Activity.objects.filter(service__in=listed_services())
        .select_related("service__organization", "location__municipality")
        .prefetch_related("languages", Prefetch("changes", queryset=OccurrenceChange.objects.all()))
    )


def of_service_page(service_id) -> list[Activity]:
    """The activities a service's page links to: those not cancelled, in their order. Most services
    have none: asked first whether there are any, which costs a third of reading them (~0.3 ms)."""
    activities = Activity.objects.filter(service_id=service_id, cancelled=False)
    return list(activities) if activities.exists() else []


FINNISH = "fi"


def matching(
    activities: QuerySet[Activity],
    *,
    municipality: str = "",
    language: str = "",
    category: str = "",
    age: int | None = None,
    free: bool = False,
) -> QuerySet[Activity]:
    """The activities that suit a family's choices (the calendar's filters, a subscription's): held in
    the municipality, in the language, of the kind, for a child of `age` years, free of charge."""
    if municipality:
        activities = activities.filter(location__municipality__code=municipality)
    if language:
        # An activity that names no language is in Finnish (its page says so).
        in_language = Q(languages__code=language)
        if language == FINNISH:
            in_language |= Q(languages__isnull=True)
        activities = activities.filter(in_language)
    if category:
        activities = activities.filter(service__service_types__category__code=category)
    if age is not None:
        months = age * 12
        activities = activities.exclude(age_min_months__gt=months + 11).exclude(age_max_months__lt=months)
    if free:
        activities = activities.filter(is_free=True)
    return activities.distinct()


@dataclass(frozen=True)
class Listed:
    activity: Activity
    occurrence: recurrence.Occurrence


def calendar(activities, after: datetime.datetime, before: datetime.datetime) -> list[Listed]:
    """Every occurrence of these activities in the window, by time."""
    rows = [
        Listed(activity, occurrence)
        for activity in activities
        for occurrence in recurrence.occurrences(
            activity, after, before, changes=list(activity.changes.all())
        )
    ]
    return sorted(rows, key=lambda row: (row.occurrence.start, row.activity.title_fi))


def places_taken(activity: Activity, starts: list[datetime.datetime]) -> dict[datetime.datetime, int]:
    """People confirmed per original start."""
    taken = {}
    for row in Occurrence.objects.filter(activity=activity, start__in=starts).prefetch_related(
        "registrations"
    ):
        taken[row.start] = sum(
            r.people for r in row.registrations.all() if r.status == Registration.Status.CONFIRMED
        )
    return taken


def places_taken_in(row: Occurrence) -> int:
    """People confirmed for one occurrence's row."""
    confirmed = row.registrations.filter(status=Registration.Status.CONFIRMED)
    return confirmed.aggregate(people=Sum(F("adults") + F("children")))["people"] or 0


def occurrence_for(
    activity: Activity, original_start: datetime.datetime, *, even_if_cancelled: bool = False
) -> recurrence.Occurrence | None:
    margin = recurrence.MAX_MOVE
    try:
        found = recurrence.occurrences(
            activity, original_start - margin, original_start + margin, even_if_cancelled=even_if_cancelled
        )
    except OverflowError:  # a time far outside any calendar
        return None
    return next((o for o in found if o.original_start == original_start), None)


def registration_occurrence(registration: Registration) -> recurrence.Occurrence:
    """The occurrence a registration is for, at its moved time and marked when not held; a time the
    schedule no longer has is shown at its stored time, as not held."""
    row = registration.occurrence
    found = occurrence_for(row.activity, row.start, even_if_cancelled=True)
    if found is not None:
        return found
    start = row.start.astimezone(recurrence.HELSINKI)
    end = (row.start + datetime.timedelta(minutes=row.activity.duration_minutes)).astimezone(
        recurrence.HELSINKI
    )
    return recurrence.Occurrence(original_start=row.start, start=start, end=end, cancelled=True)


def registration_window(
    activity: Activity, occurrence: recurrence.Occurrence
) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        occurrence.start - datetime.timedelta(days=activity.registration_opens_days),
        occurrence.start - datetime.timedelta(hours=activity.registration_closes_hours),
    )


# --- The cancellation link -------------------------------------------------------------------------

CANCEL_SALT = "activities.registration.cancel"


def cancel_token(registration: Registration) -> str:
    return signing.dumps(str(registration.pk), salt=CANCEL_SALT)


def registration_for_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("occurrence__activity").filter(pk=pk).first()
