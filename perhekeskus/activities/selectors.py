"""Reads of activities for public pages and feeds: only activities of listed services."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from perhekeskus.activities import recurrence
from perhekeskus.activities.models import Activity, Occurrence, OccurrenceChange, Registration
from perhekeskus.catalog.selectors import listed_services


def public_activities() -> QuerySet[Activity]:
    return (
        Activity.objects.filter(service__in=listed_services())
        .select_related("service__organization", "location__municipality")
        .prefetch_related("languages", Prefetch("changes", queryset=OccurrenceChange.objects.all()))
    )


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
