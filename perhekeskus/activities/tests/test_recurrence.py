import datetime

from perhekeskus.activities import recurrence, services
from perhekeskus.activities.models import Activity
from perhekeskus.activities.recurrence import HELSINKI

D = datetime.date


def _at(day: D, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)


def test_weekly_keeps_the_wall_clock_time_across_daylight_saving(cafe):
    found = recurrence.occurrences(cafe, _at(D(2026, 3, 20)), _at(D(2026, 4, 8)))
    assert [o.start.date() for o in found] == [D(2026, 3, 24), D(2026, 3, 31), D(2026, 4, 7)]
    assert {o.start.hour for o in found} == {10}
    assert [o.start.utcoffset().total_seconds() / 3600 for o in found] == [2, 3, 3]  # clocks turned 29 March


def test_fortnightly_and_an_end_date(cafe):
    cafe.repeat, cafe.repeat_until = Activity.Repeat.FORTNIGHTLY, D(2026, 2, 17)
    found = recurrence.occurrences(cafe, _at(D(2026, 1, 1)), _at(D(2026, 12, 31)))
    assert [o.start.date() for o in found] == [D(2026, 1, 6), D(2026, 1, 20), D(2026, 2, 3), D(2026, 2, 17)]


def test_monthly_on_the_second_tuesday_with_a_count(cafe):
    cafe.starts_on, cafe.repeat, cafe.repeat_count = D(2026, 1, 13), Activity.Repeat.MONTHLY, 4
    found = recurrence.occurrences(cafe, _at(D(2026, 1, 1)), _at(D(2026, 12, 31)))
    assert [o.start.date() for o in found] == [D(2026, 1, 13), D(2026, 2, 10), D(2026, 3, 10), D(2026, 4, 14)]
    assert recurrence.rrule_parts(cafe) == {"FREQ": "MONTHLY", "BYDAY": "2TU", "COUNT": 4}


def test_the_last_weekday_of_the_month(cafe):
    cafe.starts_on, cafe.repeat = D(2026, 1, 27), Activity.Repeat.MONTHLY  # the 4th, and last, Tuesday
    cafe.starts_on = D(2026, 3, 31)  # the 5th Tuesday: "the last Tuesday" from then on
    found = recurrence.occurrences(cafe, _at(D(2026, 3, 1)), _at(D(2026, 6, 30)))
    assert [o.start.date() for o in found] == [D(2026, 3, 31), D(2026, 4, 28), D(2026, 5, 26), D(2026, 6, 30)]


def test_single_dates_alone_or_beside_the_rule(cafe):
    cafe.repeat, cafe.extra_dates = Activity.Repeat.NONE, ["2026-05-05", "2026-05-19"]
    found = recurrence.occurrences(cafe, _at(D(2026, 1, 1)), _at(D(2026, 12, 31)))
    assert [o.start.date() for o in found] == [D(2026, 5, 5), D(2026, 5, 19)]
    cafe.repeat, cafe.repeat_count, cafe.extra_dates = Activity.Repeat.WEEKLY, 2, ["2026-01-09"]
    found = recurrence.occurrences(cafe, _at(D(2026, 1, 1)), _at(D(2026, 12, 31)))
    assert [o.start.date() for o in found] == [D(2026, 1, 6), D(2026, 1, 9), D(2026, 1, 13)]


def test_cancelled_and_moved_occurrences(cafe):
    services.occurrence_change(
        actor=None, activity=cafe, original_start=_at(D(2026, 2, 3)), cancelled=True, note="Hiihtoloma"
    )
    services.occurrence_change(
        actor=None,
        activity=cafe,
        original_start=_at(D(2026, 2, 10)),
        cancelled=False,
        new_start=_at(D(2026, 2, 12), 13),
    )
    found = recurrence.occurrences(cafe, _at(D(2026, 2, 1)), _at(D(2026, 2, 16)))
    assert [(o.start, o.cancelled, o.moved) for o in found] == [
        (_at(D(2026, 2, 3)), True, False),
        (_at(D(2026, 2, 12), 13), False, True),
    ]
    assert found[0].note == "Hiihtoloma"


def test_a_time_the_activity_does_not_meet_cannot_be_changed(cafe):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.occurrence_change(
            actor=None, activity=cafe, original_start=_at(D(2026, 2, 4)), cancelled=True
        )
