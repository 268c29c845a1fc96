"""What a family is told of its registration, alike on its page, in its e-mails and in its calendar
entry: the activity, the time in Helsinki written the way the family's language writes it, the place
with its street address (for a confidential place only the municipality), directions, and the links,
each with the prefix of the language the family registered in."""

import datetime
from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.translation import gettext as _

from perhekeskus.activities import recurrence
from perhekeskus.activities.models import Registration
from perhekeskus.core.mail import absolute_url
from perhekeskus.core.translation import translate


@dataclass(frozen=True)
class Details:
    title: str
    when: str
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool  # the time is not held
    moved: bool
    place: str  # the place's name; "" for a confidential place and online
    address: str  # street, postal code and post office; "" for a confidential place or none known
    municipality: str
    confidential: bool
    entrance: str
    directions_url: str  # "" when there is none (always for a confidential place)
    online_url: str  # the meeting address, for a confirmed registration only
    description: str


def when(start: datetime.datetime, end: datetime.datetime, language: str) -> str:
    """'tiistai 1. joulukuuta 2026 klo 10.00–11.30', in Helsinki time and the language's own formats
    (lower case as within a sentence: `capfirst` where it begins a line)."""
    start, end = start.astimezone(recurrence.HELSINKI), end.astimezone(recurrence.HELSINKI)
    with translation.override(language):
        return _("%(weekday)s, %(date)s, %(start)s–%(end)s") % {
            "weekday": formats.date_format(start, "l"),
            "date": formats.date_format(start, "DATE_FORMAT"),
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(end, "TIME_FORMAT"),
        }


def details(registration: Registration, occurrence: recurrence.Occurrence, language: str) -> Details:
    activity = registration.occurrence.activity
    place = activity.location
    confidential = bool(place and place.confidential)
    address = ""
    if place and not confidential:
        street = translate(place, "street_address", language)
        town = f"{place.postal_code} {place.post_office}".strip()
        address = ", ".join(part for part in (street, town) if part)
    return Details(
        title=translate(activity, "title", language),
        when=when(occurrence.start, occurrence.end, language),
        start=occurrence.start,
        end=occurrence.end,
        cancelled=occurrence.cancelled,
        moved=occurrence.moved,
        place=translate(place, "name", language) if place and not confidential else "",
        address=address,
        municipality=translate(place.municipality, "name", language) if place else "",
        confidential=confidential,
        entrance=translate(place, "entrance", language) if place and not confidential else "",
        directions_url=(place.directions_url() or "") if place else "",
        online_url=activity.online_url if registration.status == Registration.Status.CONFIRMED else "",
        description=translate(activity, "description", language),
    )


def links(token: str, language: str) -> dict[str, str]:
    """The registration's page (to see or cancel it) and its calendar entry, in the family's language."""
    return {
        "url": absolute_url("activity_registration", token, language=language),
        "ics_url": absolute_url("activity_registration_event", token, language=language),
    }
