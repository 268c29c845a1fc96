import datetime

import pytest
from django.utils import translation

from perhekeskus.catalog import services
from perhekeskus.catalog.opening_hours import HELSINKI, holds_until, is_open, public_holidays, week_of
from perhekeskus.catalog.tests import factories

pytestmark = pytest.mark.django_db

T = datetime.time
D = datetime.date


def at(y, m, d, hh, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=HELSINKI)


def _schedules(delivery):
    return list(delivery.schedules.prefetch_related("rules", "exceptions"))


def test_finnish_public_holidays_2026():
    days = public_holidays(2026)
    assert {d.isoformat() for d in days} == {
        "2026-01-01", "2026-01-06", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14",
        "2026-05-24", "2026-06-19", "2026-06-20", "2026-10-31", "2026-12-06", "2026-12-24", "2026-12-25",
        "2026-12-26",
    }  # fmt: skip


def test_open_within_weekday_hours_and_closed_outside():
    delivery = factories.delivery()
    factories.weekday_schedule(delivery, opens=T(9), closes=T(15))
    schedules = _schedules(delivery)
    assert is_open(schedules, at(2026, 11, 30, 9))  # Monday
    assert is_open(schedules, at(2026, 11, 30, 14, 59))
    assert not is_open(schedules, at(2026, 11, 30, 15))
    assert not is_open(schedules, at(2026, 11, 29, 10))  # Sunday


def test_time_zone_is_helsinki_whatever_the_input():
    delivery = factories.delivery()
    factories.weekday_schedule(delivery, opens=T(9), closes=T(15))
    utc_time = datetime.datetime(2026, 11, 30, 7, 30, tzinfo=datetime.UTC)  # 9.30 in Helsinki
    assert is_open(_schedules(delivery), utc_time)


def test_closed_on_public_holidays_unless_said_otherwise():
    delivery = factories.delivery()
    factories.weekday_schedule(delivery)
    assert not is_open(_schedules(delivery), at(2026, 12, 24, 10))  # Thursday, Christmas Eve
    other = factories.delivery()
    factories.weekday_schedule(other, closed_on_public_holidays=False)
    assert is_open(_schedules(other), at(2026, 12, 24, 10))


def test_exception_closes_a_normal_day_and_opens_with_other_hours():
    delivery = factories.delivery()
    schedule = factories.weekday_schedule(delivery)
    services.schedule_save(
        actor=None,
        schedule=schedule,
        values={},
        exceptions=[
            {"date": D(2026, 12, 1), "closed": True, "reason_fi": "Koulutuspäivä"},
            {"date": D(2026, 12, 5), "closed": False, "opens": T(10), "closes": T(12)},  # a Saturday
        ],
    )
    schedules = _schedules(delivery)
    assert not is_open(schedules, at(2026, 12, 1, 10))
    assert is_open(schedules, at(2026, 12, 5, 11))
    assert not is_open(schedules, at(2026, 12, 5, 13))


def test_overnight_hours_continue_into_the_next_day():
    delivery = factories.delivery(mode="phone", municipalities=[factories.municipality()])
    services.schedule_save(
        actor=None,
        values={"delivery": delivery},
        rules=[{"weekday": 4, "opens": T(20), "closes": T(2), "closes_next_day": True}],
    )
    schedules = _schedules(delivery)
    assert is_open(schedules, at(2026, 11, 27, 23))  # Friday night
    assert is_open(schedules, at(2026, 11, 28, 1, 30))  # Saturday early morning
    assert not is_open(schedules, at(2026, 11, 28, 2))


def test_round_the_clock_service_is_always_open():
    delivery = factories.delivery()
    services.schedule_save(
        actor=None,
        values={"delivery": delivery, "closed_on_public_holidays": False},
        rules=[{"weekday": d, "opens": T(0), "closes": T(0), "closes_next_day": True} for d in range(7)],
    )
    schedules = _schedules(delivery)
    assert is_open(schedules, at(2026, 12, 24, 3))
    assert is_open(schedules, at(2026, 11, 29, 23, 59))


def test_summer_hours_override_the_regular_schedule_within_their_period():
    delivery = factories.delivery()
    factories.weekday_schedule(delivery, opens=T(8), closes=T(16))
    services.schedule_save(
        actor=None,
        values={"delivery": delivery, "valid_from": D(2026, 7, 1), "valid_to": D(2026, 7, 31)},
        rules=[{"weekday": 2, "opens": T(9), "closes": T(12)}],
    )
    schedules = _schedules(delivery)
    assert not is_open(schedules, at(2026, 7, 6, 10))  # Monday in July: summer schedule has no Monday
    assert is_open(schedules, at(2026, 7, 8, 10))  # Wednesday in July
    assert not is_open(schedules, at(2026, 7, 8, 13))
    assert is_open(schedules, at(2026, 8, 3, 13))  # regular hours again in August


def test_week_view_names_holidays_and_lists_spans():
    delivery = factories.delivery()
    factories.weekday_schedule(delivery, opens=T(9), closes=T(15))
    with translation.override("en"):
        week = week_of(_schedules(delivery), D(2026, 12, 21))
    by_day = {day: (spans, holiday) for day, spans, holiday in week}
    assert len(by_day[D(2026, 12, 21)][0]) == 1
    spans, holiday = by_day[D(2026, 12, 24)]
    assert spans == []
    with translation.override("en"):
        assert str(holiday) == "Christmas Eve"


def test_what_is_shown_holds_until_the_next_opening_or_closing_midnight_or_the_turn_of_the_clocks():
    delivery = factories.delivery()
    factories.weekday_schedule(delivery, opens=T(9), closes=T(15))
    schedules = _schedules(delivery)
    assert holds_until(schedules, at(2026, 11, 30, 8)) == at(2026, 11, 30, 9)  # Monday
    assert holds_until(schedules, at(2026, 11, 30, 9)) == at(2026, 11, 30, 15)
    assert holds_until(schedules, at(2026, 11, 30, 16)) == at(2026, 12, 1, 0)  # the week moves on
    assert holds_until([], at(2026, 11, 29, 12)) == at(2026, 11, 30, 0)
    # The night the clocks turn back (at 4.00 summer time, 01.00 UTC) holds until they turn.
    turn = datetime.datetime(2026, 10, 25, 1, tzinfo=datetime.UTC)
    assert holds_until([], turn - datetime.timedelta(minutes=30)) == turn
    assert holds_until([], turn + datetime.timedelta(minutes=30)) == at(2026, 10, 26, 0)
