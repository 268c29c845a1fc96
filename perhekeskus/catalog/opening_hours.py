"""Opening hours from schedules: Finnish public holidays, the hours of a day, and "open now".

Times are local to Europe/Helsinki. On a given day the schedules with a validity period that covers the
day (e.g. summer hours) win over open-ended ones; among several, the shortest period wins.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

HELSINKI = ZoneInfo("Europe/Helsinki")


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _saturday_between(year: int, month: int, first_day: int) -> datetime.date:
    start = datetime.date(year, month, first_day)
    return start + datetime.timedelta(days=(5 - start.weekday()) % 7)


@cache
def public_holidays(year: int) -> dict[datetime.date, str]:
    """Finnish public holidays, plus Midsummer Eve and Christmas Eve when services are closed too."""
    easter = easter_sunday(year)
    midsummer = _saturday_between(year, 6, 20)
    days = {
        datetime.date(year, 1, 1): _("New Year's Day"),
        datetime.date(year, 1, 6): _("Epiphany"),
        easter - datetime.timedelta(days=2): _("Good Friday"),
        easter: _("Easter Sunday"),
        easter + datetime.timedelta(days=1): _("Easter Monday"),
        datetime.date(year, 5, 1): _("May Day"),
        easter + datetime.timedelta(days=39): _("Ascension Day"),
        easter + datetime.timedelta(days=49): _("Whitsun"),
        midsummer - datetime.timedelta(days=1): _("Midsummer Eve"),
        midsummer: _("Midsummer Day"),
        _saturday_between(year, 10, 31): _("All Saints' Day"),
        datetime.date(year, 12, 6): _("Independence Day"),
        datetime.date(year, 12, 24): _("Christmas Eve"),
        datetime.date(year, 12, 25): _("Christmas Day"),
        datetime.date(year, 12, 26): _("Boxing Day"),
    }
    return days


def holiday_name(day: datetime.date) -> str | None:
    return public_holidays(day.year).get(day)


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


def week_of(schedules: Iterable, start: datetime.date) -> list[tuple[datetime.date, list[Span], str | None]]:
    """Seven days from `start`: each day's spans and the holiday name, for display."""
    schedules = list(schedules)
    days = []
    for offset in range(7):
        day = start + datetime.timedelta(days=offset)
        days.append((day, spans_starting_on(schedules, day), holiday_name(day)))
    return days
