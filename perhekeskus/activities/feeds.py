"""iCalendar feeds (RFC 5545): one event per activity with its rule and single dates, cancelled
occurrences as exceptions, moved ones as overrides; stable UIDs, times in Europe/Helsinki. And one
registration's single event, for the family's own calendar."""

import datetime

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from perhekeskus.activities import recurrence
from perhekeskus.activities.recurrence import HELSINKI

HOLIDAY_BACK, HOLIDAY_AHEAD = datetime.timedelta(days=31), datetime.timedelta(days=2 * 366)


def _uid(activity) -> str:
    return f"activity-{activity.pk}@perhekeskus"


def _where(activity) -> str:
    if activity.location_id:
        place = activity.location
        address = (
            []
            if place.confidential
            else [place.street_address_fi, f"{place.postal_code} {place.post_office}"]
        )
        return ", ".join(part.strip() for part in [place.name_fi, *address] if part.strip())
    return activity.public_online_url or "online"


def calendar(activities, *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Perhekeskus//Activities//FI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Helsinki")
    cal.add_component(icalendar.Timezone.from_tzid("Europe/Helsinki"))
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for activity in activities:
        if not recurrence.countable(activity):
            continue
        changes = list(activity.changes.all())
        start = recurrence.local(activity.starts_on, activity.start_time)
        duration = datetime.timedelta(minutes=activity.duration_minutes)
        url = settings.SITE_URL.rstrip("/") + reverse("activity", args=[activity.pk])
        event = icalendar.Event()
        event.add("uid", _uid(activity))
        event.add("dtstamp", stamp)
        event.add("summary", activity.title_fi)
        event.add("description", activity.description_fi)
        event.add("location", _where(activity))
        event.add("url", url)
        event.add("dtstart", start)
        event.add("dtend", start + duration)
        event.add("last-modified", activity.modified_at.astimezone(datetime.UTC).replace(microsecond=0))
        if activity.cancelled:
            event.add("status", "CANCELLED")
        parts = recurrence.rrule_parts(activity)
        if parts:
            event.add("rrule", parts)
        extra = [
            recurrence.local(datetime.date.fromisoformat(day), activity.start_time)
            for day in activity.extra_dates
        ]
        if activity.repeat == "none" and extra:
            # The single dates are the occurrences: the first is DTSTART, the rest RDATEs.
            event["dtstart"] = icalendar.vDDDTypes(extra[0])
            event["dtend"] = icalendar.vDDDTypes(extra[0] + duration)
            extra = extra[1:]
        for day in extra:
            event.add("rdate", day)
        cancelled = {c.original_start.astimezone(HELSINKI) for c in changes if c.cancelled}
        # Times on holidays are not held either: the ones from a month back to two years ahead.
        cancelled.update(
            o.original_start.astimezone(HELSINKI)
            for o in recurrence.occurrences(activity, stamp - HOLIDAY_BACK, stamp + HOLIDAY_AHEAD, changes)
            if o.holiday
        )
        for day in sorted(cancelled):
            event.add("exdate", day)
        cal.add_component(event)
        for change in changes:
            if change.new_start is None:
                continue
            moved = icalendar.Event()
            moved.add("uid", _uid(activity))
            moved.add("dtstamp", stamp)
            moved.add("recurrence-id", change.original_start.astimezone(HELSINKI))
            moved.add("summary", activity.title_fi)
            moved.add("description", "\n".join(filter(None, [change.note_fi, activity.description_fi])))
            moved.add("location", _where(activity))
            moved.add("dtstart", change.new_start.astimezone(HELSINKI))
            moved.add("dtend", change.new_start.astimezone(HELSINKI) + duration)
            if activity.cancelled:
                moved.add("status", "CANCELLED")
            cal.add_component(moved)
    return cal.to_ical()


def registration_event(details, *, uid: str, url: str, status: str, language: str) -> bytes:
    """The one occurrence a family registered for, as `details` (confirmation.Details) tell it: nothing
    of the family itself (the entry may end up in a shared calendar), and a confidential place only by
    its municipality."""
    with translation.override(language):
        if details.confidential:
            where = details.municipality
            notes = [_("The address is given by the organiser.")]
        elif details.place:
            where = ", ".join(part for part in (details.place, details.address) if part)
            notes = []
        else:
            where = details.online_url or _("online")
            notes = []
        if details.online_url:
            notes.append(_("Online meeting address:") + f" {details.online_url}")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Perhekeskus//Activities//FI")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add_component(icalendar.Timezone.from_tzid("Europe/Helsinki"))
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.datetime.now(datetime.UTC).replace(microsecond=0))
    event.add("summary", details.title)
    event.add("dtstart", details.start.astimezone(HELSINKI))
    event.add("dtend", details.end.astimezone(HELSINKI))
    event.add("location", where)
    description = "\n\n".join(part for part in (details.description, *notes) if part)
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("status", status)
    cal.add_component(event)
    return cal.to_ical()
