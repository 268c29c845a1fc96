"""Opening hours from schedules: Finnish public holidays, the hours of a day, and "open now".

Times are local to Europe/Helsinki. On a given day the schedules with a validity period that covers the
day (e.g. summer hours) win over open-ended ones; among several, the shortest period wins.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext_lazy as _

HELSINKI = ZoneInfo("Europe/Helsinki")


# The library's English names, as the project's own messages (translated in its .po files).
_NAMES = {
    "New Year's Day": _("New Year's Day"),
    "Epiphany": _("Epiphany"),
    "Good Friday": _("Good Friday"),
    "Easter Sunday": _("Easter Sunday"),
    "Easter Monday": _("Easter Monday"),
    "May Day": _("May Day"),
    "Ascension Day": _("Ascension Day"),
    "Pentecost": _("Whitsun"),
    "Midsummer Eve": _("Midsummer Eve"),
    "Midsummer Day": _("Midsummer Day"),
    "All Saints' Day": _("All Saints' Day"),
    "Independence Day": _("Independence Day"),
    "Christmas Eve": _("Christmas Eve"),
    "Christmas Day": _("Christmas Day"),
    "Second Day of Christmas": _("Boxing Day"),
}


@cache
def public_holidays(year: int) -> dict[datetime.date, str]:
    """Finnish public holidays (the maintained `holidays` library), plus Midsummer Eve and Christmas Eve:
    not holidays by law, but services are closed then, so they count as holidays here."""
    official = holidays.country_holidays("FI", years=year, language="en_US")
    days = {day: _NAMES.get(name, name) for day, name in official.items()}
    june_19 = datetime.date(year, 6, 19)
    # Midsummer Eve is the Friday from 19 to 25 June; the library may leave either eve out.
    days.setdefault(june_19 + datetime.timedelta(days=(4 - june_19.weekday()) % 7), _("Midsummer Eve"))
    days.setdefault(datetime.date(year, 12, 24), _("Christmas Eve"))
    return days


def holiday_name(day: datetime.date) -> str | None:
    return public_holidays(day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def end_of_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """The end (local midnight) of the `days`th working day after `start`'s day: a question asked on a
    Friday evening with a promise of 3 working days is due when Wednesday ends."""
    day = start.astimezone(HELSINKI).date()
    while days > 0:
        day += datetime.timedelta(days=1)
        days -= is_working_day(day)
    following = day + datetime.timedelta(days=1)
    return datetime.datetime(following.year, following.month, following.day, tzinfo=HELSINKI)


@dataclass(frozen=True)
class Span:
    opens: datetime.datetime
    closes: datetime.datetime

    @property
    def is_round_the_clock(self) -> bool:
        return self.closes - self.opens >= datetime.timedelta(hours=24)


def schedules_in_force(schedules: Iterable, day: datetime.date) -> list:
    valid = [
        s
        for s in schedules
        if (s.valid_from is None or s.valid_from <= day) and (s.valid_to is None or day <= s.valid_to)
    ]
    bounded = [s for s in valid if s.valid_from is not None and s.valid_to is not None]
    if bounded:
        shortest = min(s.valid_to - s.valid_from for s in bounded)
        return [s for s in bounded if s.valid_to - s.valid_from == shortest]
    return valid


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=HELSINKI)


def spans_starting_on(schedules: Iterable, day: datetime.date) -> list[Span]:
    """Opening spans that start on `day` (an overnight span ends the next day).

    Expects prefetched `rules` and `exceptions` on each schedule.
    """
    spans = []
    for schedule in schedules_in_force(list(schedules), day):
        exception = next((e for e in schedule.exceptions.all() if e.date == day), None)
        if exception is not None:
            if not exception.closed:
                spans.append(Span(_at(day, exception.opens), _at(day, exception.closes)))
            continue
        if schedule.closed_on_public_holidays and holiday_name(day):
            continue
        for rule in schedule.rules.all():
            if rule.weekday == day.weekday():
                closes_on = day + datetime.timedelta(days=1) if rule.closes_next_day else day
                spans.append(Span(_at(day, rule.opens), _at(closes_on, rule.closes)))
    return sorted(spans, key=lambda span: span.opens)


def is_open(schedules: Iterable, at: datetime.datetime) -> bool:
    schedules = list(schedules)
    local = at.astimezone(HELSINKI)
    today = local.date()
    for day in (today - datetime.timedelta(days=1), today):
        if any(span.opens <= local < span.closes for span in spans_starting_on(schedules, day)):
            return True
    return False


def open_span(places: Iterable[Iterable], at: datetime.datetime) -> Span | None:
    """The opening `at` falls in, at any of these places (the schedules of each), as one span from its
    opening until it closes: spans that meet or overlap (the phone until 12, the chat from 12) are one,
    over the next days too. None when none is open at `at`."""
    local = at.astimezone(HELSINKI)
    today = local.date()
    spans = sorted(
        (
            span
            for schedules in places
            for offset in range(-1, 8)
            for span in spans_starting_on(list(schedules), today + datetime.timedelta(days=offset))
        ),
        key=lambda span: span.opens,
    )
    found = None
    for span in spans:
        if found is None:
            if span.opens <= local < span.closes:
                found = span
        elif span.opens <= found.closes:
            found = Span(found.opens, max(found.closes, span.closes))
    return found


def holds_until(schedules: Iterable, at: datetime.datetime) -> datetime.datetime:
    """The first moment after `at` when what is shown of these schedules may change: the next opening
    or closing, the next midnight (a day's hours are shown from today), or the turn of the clocks,
    whichever comes first."""
    schedules = list(schedules)
    local = at.astimezone(HELSINKI)
    today = local.date()
    midnight = _at(today + datetime.timedelta(days=1), datetime.time())
    moments = [
        moment
        for day in (today - datetime.timedelta(days=1), today)
        for span in spans_starting_on(schedules, day)
        for moment in (span.opens, span.closes)
        if local < moment
    ]
    until = min([midnight, *moments])  # wall-clock times, compared as such (the spans are)
    if local.utcoffset() != midnight.utcoffset():
        # The clocks turn today: an hour of the wall clock comes twice, or not at all. Also until then.
        turn = local.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
        while (turn := turn + datetime.timedelta(hours=1)).astimezone(
            HELSINKI
        ).utcoffset() == local.utcoffset():
            pass
        return min(until.astimezone(datetime.UTC), turn)
    return until


def week_of(schedules: Iterable, start: datetime.date) -> list[tuple[datetime.date, list[Span], str | None]]:
    """Seven days from `start`: each day's spans and the holiday name, for display."""
    schedules = list(schedules)
    days = []
    for offset in range(7):
        day = start + datetime.timedelta(days=offset)
        days.append((day, spans_starting_on(schedules, day), holiday_name(day)))
    return days
