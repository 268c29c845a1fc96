"""Properties of when activities meet (recurrence.py), against a day-by-day reading of the rules.

Activities are unsaved models and their changes unsaved OccurrenceChange rows, as the database gives
them back: times in UTC. Start dates and times are drawn near the turns of daylight saving time in
Helsinki, night hours included, so that the wall-clock rules meet the clock changes.
"""

import datetime
from zoneinfo import ZoneInfo

from dateutil import rrule as dateutil_rrule
from hypothesis import example, given, settings
from hypothesis import strategies as st

from perhekeskus.activities import recurrence
from perhekeskus.activities.models import Activity, OccurrenceChange
from perhekeskus.catalog.opening_hours import holiday_name

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC
DAY = datetime.timedelta(days=1)
PROPERTIES = settings(max_examples=250, derandomize=True, database=None, deadline=None)

# The last Sundays of March and October, when the clocks turn in Finland (at 03:00 and 04:00).
DST_SUNDAYS = [
    datetime.date(year, month, day)
    for year in range(2024, 2029)
    for month in (3, 10)
    for day in range(25, 32)
    if datetime.date(year, month, day).weekday() == 6
]
days = st.one_of(
    st.dates(datetime.date(2024, 1, 1), datetime.date(2028, 12, 31)),
    st.builds(lambda sunday, shift: sunday + datetime.timedelta(days=shift),
              st.sampled_from(DST_SUNDAYS), st.sampled_from([-35, -14, -7, 0, 7, 14, 28, 35])),
)  # fmt: skip
times = st.builds(
    datetime.time, st.one_of(st.integers(0, 23), st.sampled_from([2, 3, 4])), st.sampled_from([0, 15, 30, 59])
)


@st.composite
def activities(draw) -> Activity:
    starts_on = draw(days)
    repeat = draw(st.sampled_from(Activity.Repeat.values))
    end = draw(st.sampled_from(["none", "until", "count"]))
    extra = draw(st.lists(st.integers(-20, 120), max_size=4, unique=True))
    return Activity(
        title_fi="Kerho",
        starts_on=starts_on,
        start_time=draw(times),
        duration_minutes=draw(st.sampled_from([5, 45, 90, 180, 600])),
        repeat=repeat,
        repeat_until=starts_on + draw(st.integers(0, 400)) * DAY if end == "until" else None,
        repeat_count=draw(st.integers(1, 40)) if end == "count" else None,
        extra_dates=sorted((starts_on + n * DAY).isoformat() for n in extra),
        cancelled=draw(st.booleans()) and draw(st.booleans()),  # now and then cancelled for good
        held_on_holidays=draw(st.booleans()),
    )


def _local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """Wall-clock time in Helsinki, as an instant (a time the clocks skip counts from before the turn)."""
    return datetime.datetime.combine(day, time, tzinfo=HELSINKI).astimezone(UTC)


def _is_rule_day(activity: Activity, day: datetime.date) -> bool:
    first = activity.starts_on
    if day < first or day.weekday() != first.weekday():
        return False
    if activity.repeat == "weekly":
        return True
    if activity.repeat == "fortnightly":
        return (day - first).days % 14 == 0
    # Monthly: the same weekday of the month (the 1st–4th); one that was the 5th means the last.
    nth = (first.day - 1) // 7 + 1
    if nth == 5:
        return (day + 7 * DAY).month != day.month
    return (day.day - 1) // 7 + 1 == nth


def expected_starts(activity: Activity, last_day: datetime.date) -> list[datetime.datetime]:
    """The original starts up to `last_day`, found by looking at every day (UTC instants)."""
    found = set()
    if activity.repeat != "none":
        count, day = 0, activity.starts_on
        while day <= last_day and not (activity.repeat_until and day > activity.repeat_until):
            if _is_rule_day(activity, day):
                count += 1
                if activity.repeat_count and count > activity.repeat_count:
                    break
                found.add(_local(day, activity.start_time))
            day += DAY
    for text in activity.extra_dates:
        found.add(_local(datetime.date.fromisoformat(text), activity.start_time))
    if activity.repeat == "none" and not activity.extra_dates:
        found.add(_local(activity.starts_on, activity.start_time))
    return sorted(found)


@st.composite
def cases(draw):
    """An activity, a window (in UTC or in Helsinki time) and changes to some of its times."""
    activity = draw(activities())
    after = _local(
        activity.starts_on + draw(st.one_of(st.integers(-30, 200), st.integers(-3, 3))) * DAY, draw(times)
    )
    before = after + datetime.timedelta(minutes=draw(st.integers(0, 60 * 24 * 120)))
    if draw(st.booleans()):
        after, before = after.astimezone(HELSINKI), before.astimezone(HELSINKI)
    nearby = [
        start
        for start in expected_starts(activity, before.date() + 70 * DAY)
        if after - recurrence.MAX_MOVE <= start <= before + recurrence.MAX_MOVE
    ]
    # Changes to some of the times, more often to those on the nights the clocks turn.
    turning = [start for start in nearby if start.astimezone(HELSINKI).date() in DST_SUNDAYS]
    changes = []
    for start in (
        draw(st.lists(st.sampled_from(nearby + turning * 10), unique=True, max_size=5)) if nearby else []
    ):
        move = draw(st.one_of(st.none(), st.integers(-62 * 24 * 60, 62 * 24 * 60)))
        changes.append(
            OccurrenceChange(
                original_start=start,
                cancelled=move is None,
                new_start=None if move is None else start + datetime.timedelta(minutes=move),
                note_fi=draw(st.sampled_from(["", "Hiihtoloma"])),
            )
        )
    return activity, after, before, changes


def _in_utc(occurrences):
    return sorted(
        (o.original_start.astimezone(UTC), o.start.astimezone(UTC), o.cancelled, o.moved, o.note)
        for o in occurrences
    )


@PROPERTIES
@given(cases(), st.booleans())
@example(  # a cancelled time at 03:30 on the night the clocks turn back (the hour comes twice)
    (
        Activity(starts_on=datetime.date(2026, 10, 25), start_time=datetime.time(3, 30), repeat="weekly"),
        datetime.datetime(2026, 10, 20, tzinfo=UTC),
        datetime.datetime(2026, 11, 10, tzinfo=UTC),
        [OccurrenceChange(original_start=datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), cancelled=True)],
    ),
    False,
)
def test_occurrences_are_the_rule_read_day_by_day(case, even_if_cancelled):
    activity, after, before, changes = case
    found = recurrence.occurrences(activity, after, before, changes, even_if_cancelled=even_if_cancelled)
    expected = []
    if not activity.cancelled or even_if_cancelled:
        moved = {c.original_start: c for c in changes}
        for original in expected_starts(activity, before.date() + 70 * DAY):
            change = moved.get(original)
            start = change.new_start if change and change.new_start else original
            if after <= start <= before:
                day = original.astimezone(HELSINKI).date()
                # A repeating time on a holiday is not held, unless moved, a single date, or held anyway.
                on_holiday = bool(
                    holiday_name(day)
                    and not activity.held_on_holidays
                    and activity.repeat != "none"
                    and day.isoformat() not in activity.extra_dates
                    and not (change and change.new_start)
                )
                cancelled = bool(change and change.cancelled) or activity.cancelled or on_holiday
                note = change.note_fi if change else ""
                expected.append((original, start, cancelled, bool(change and change.new_start), note))
    assert _in_utc(found) == sorted(expected)
    assert [o.start for o in found] == sorted(o.start for o in found)
    assert len({o.original_start for o in found}) == len(found)


@PROPERTIES
@given(cases())
def test_every_occurrence_is_one_keeps_its_wall_clock_time_and_lasts_its_duration(case):
    activity, after, before, _changes = case
    duration = datetime.timedelta(minutes=activity.duration_minutes)
    for occurrence in recurrence.occurrences(activity, after, before, [], even_if_cancelled=True):
        original = occurrence.original_start
        assert recurrence.is_occurrence(activity, original)
        assert recurrence.is_occurrence(activity, original.astimezone(UTC))  # as the database gives it
        assert not recurrence.is_occurrence(activity, original + datetime.timedelta(minutes=1))
        # The address names it; the name gives the same time back.
        assert recurrence.start_of_key(occurrence.key) == original
        local = occurrence.start.astimezone(HELSINKI)
        wall = datetime.datetime.combine(local.date(), activity.start_time)
        skipped = (
            wall.replace(tzinfo=HELSINKI).astimezone(UTC).astimezone(HELSINKI).replace(tzinfo=None) != wall
        )
        assert local.time() == activity.start_time or skipped  # a time the clocks skip comes an hour later
        assert occurrence.end.astimezone(UTC) - occurrence.start.astimezone(UTC) == duration
        if activity.repeat != "none" and local.date().isoformat() not in activity.extra_dates:
            assert local.weekday() == activity.starts_on.weekday()


@PROPERTIES
@given(activities())
def test_the_feeds_rule_gives_the_same_times(activity):
    """iCalendar clients read RRULE from the feed: they must find our times."""
    parts = recurrence.rrule_parts(activity)
    if parts is None:
        return
    start = datetime.datetime.combine(activity.starts_on, activity.start_time, tzinfo=HELSINKI)
    text = ";".join(
        f"{name}={value.strftime('%Y%m%dT%H%M%SZ') if isinstance(value, datetime.datetime) else value}"
        for name, value in parts.items()
    )
    theirs = dateutil_rrule.rrulestr(text, dtstart=start)
    end = start + datetime.timedelta(days=800)
    assert theirs.between(start, end, inc=True) == recurrence.rule(activity).between(start, end, inc=True)
