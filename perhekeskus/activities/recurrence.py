"""When an activity meets: its RFC 5545 rule (python-dateutil) and single dates, in Helsinki time, with
cancelled and moved occurrences applied. Wall-clock times hold across daylight saving changes: a café
at 10:00 stays at 10:00 when the clocks turn.

An occurrence is identified by its original start as an instant in UTC, as the database stores it: a
Helsinki time in the hour the clocks turn back over (or skip) is never equal to the same instant in
another zone (PEP 495), so a cancellation read from the database would not find its time.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule

from perhekeskus.catalog.opening_hours import holiday_name

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
KEY_FORMAT = "%Y-%m-%dT%H%M"
# Dates outside these years are no activity's (and would overflow date arithmetic).
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Occurrence:
    original_start: datetime.datetime  # in UTC; identifies the occurrence (registrations, RECURRENCE-ID)
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool = False
    moved: bool = False
    note: str = ""
    holiday: str = ""  # the public holiday that the time is not held on (then also cancelled)

    @property
    def key(self) -> str:
        """How addresses name the occurrence: its original start in Helsinki time."""
        return self.original_start.astimezone(HELSINKI).strftime(KEY_FORMAT)


def in_range(day: datetime.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def start_of_key(key: str) -> datetime.datetime | None:
    """The original start (UTC) an occurrence key names; None for anything else."""
    try:
        start = datetime.datetime.strptime(key, KEY_FORMAT).replace(tzinfo=HELSINKI)
    except ValueError:
        return None
    return start.astimezone(datetime.UTC) if in_range(start) else None


def countable(activity) -> bool:
    """Whether every date of the activity is in the years above. The model refuses others; a row stored
    before it did is left out of calendars instead of breaking them."""
    try:
        extra = [datetime.date.fromisoformat(str(text)) for text in activity.extra_dates or []]
    except ValueError:
        return False
    days = [activity.starts_on, *([activity.repeat_until] if activity.repeat_until else []), *extra]
    return all(in_range(day) for day in days)


def local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=HELSINKI)


def nth_weekday(day: datetime.date) -> int:
    """Which of the month's weekdays `day` is: 1–4, or -1 for the last (a 5th is always the last)."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def rule(activity) -> rrule.rrule | None:
    if activity.repeat == "none":
        return None
    start = local(activity.starts_on, activity.start_time)
    weekday = WEEKDAYS[activity.starts_on.weekday()]
    options = {"dtstart": start, "count": activity.repeat_count}
    if activity.repeat_until:
        options["until"] = local(activity.repeat_until, datetime.time(23, 59))
    if activity.repeat == "monthly":
        return rrule.rrule(rrule.MONTHLY, byweekday=weekday(nth_weekday(activity.starts_on)), **options)
    interval = 2 if activity.repeat == "fortnightly" else 1
    return rrule.rrule(rrule.WEEKLY, interval=interval, byweekday=weekday, **options)


def rrule_parts(activity) -> dict | None:
    """The rule as iCalendar RRULE parts (icalendar's vRecur)."""
    if activity.repeat == "none":
        return None
    day = DAY_CODES[activity.starts_on.weekday()]
    parts = {"FREQ": "MONTHLY" if activity.repeat == "monthly" else "WEEKLY"}
    if activity.repeat == "fortnightly":
        parts["INTERVAL"] = 2
    parts["BYDAY"] = f"{nth_weekday(activity.starts_on)}{day}" if activity.repeat == "monthly" else day
    if activity.repeat_until:
        parts["UNTIL"] = local(activity.repeat_until, datetime.time(23, 59)).astimezone(datetime.UTC)
    if activity.repeat_count:
        parts["COUNT"] = activity.repeat_count
    return parts


def _starts(activity, after: datetime.datetime, before: datetime.datetime) -> list[datetime.datetime]:
    """The original starts from `after` to `before`, in UTC."""
    found = set()
    recurring = rule(activity)
    if recurring is not None:
        found.update(recurring.between(after, before, inc=True))
    for text in activity.extra_dates or []:
        start = local(datetime.date.fromisoformat(text), activity.start_time)
        if after <= start <= before:
            found.add(start)
    if activity.repeat == "none" and not activity.extra_dates:
        start = local(activity.starts_on, activity.start_time)
        if after <= start <= before:
            found.add(start)
    return sorted({start.astimezone(datetime.UTC) for start in found})


def is_occurrence(activity, start: datetime.datetime) -> bool:
    """Whether `start` is one of the activity's own (original) start times."""
    return start.astimezone(datetime.UTC) in _starts(
        activity, start - datetime.timedelta(seconds=1), start + datetime.timedelta(seconds=1)
    )


def holiday_skipped(activity, original_start: datetime.datetime) -> str:
    """The holiday's name when a repeating time falls on a public holiday (or Midsummer Eve, Christmas
    Eve) and the activity is not held on them; "" otherwise. Single dates were chosen by hand: kept."""
    if activity.held_on_holidays or activity.repeat == "none":
        return ""
    day = original_start.astimezone(HELSINKI).date()
    if day.isoformat() in (activity.extra_dates or []):
        return ""
    name = holiday_name(day)
    return str(name) if name else ""


MAX_MOVE = datetime.timedelta(days=62)  # a time moves at most two months


def occurrences(
    activity, after: datetime.datetime, before: datetime.datetime, changes=None, *, even_if_cancelled=False
) -> list[Occurrence]:
    """The activity's occurrences starting between `after` and `before`, moved ones at their new time
    (a move into the window counts, a move out of it does not), cancelled ones marked (also a repeating
    time on a holiday, see holiday_skipped). An activity cancelled for good has none, unless
    `even_if_cancelled` (for staff and its registrants: all of them marked cancelled)."""
    if activity.cancelled and not even_if_cancelled:
        return []
    duration = datetime.timedelta(minutes=activity.duration_minutes)
    changes = {
        c.original_start.astimezone(datetime.UTC): c
        for c in (changes if changes is not None else activity.changes.all())
    }
    found = []
    for original in _starts(activity, after - MAX_MOVE, before + MAX_MOVE):
        change = changes.get(original)
        start = change.new_start if change is not None and change.new_start else original
        if not after <= start <= before:
            continue
        # A time moved by hand is held where it was moved to, holiday or not.
        holiday = "" if change is not None and change.new_start else holiday_skipped(activity, original)
        found.append(
            Occurrence(
                original_start=original,
                start=start.astimezone(HELSINKI),
                # The duration as time passes, also over a night the clocks turn.
                end=(start.astimezone(datetime.UTC) + duration).astimezone(HELSINKI),
                cancelled=bool(change and change.cancelled) or activity.cancelled or bool(holiday),
                moved=bool(change and change.new_start),
                note=str(change.note) if change else "",
                holiday=holiday,
            )
        )
    return sorted(found, key=lambda occurrence: occurrence.start)
