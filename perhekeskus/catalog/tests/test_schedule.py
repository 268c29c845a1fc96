import datetime

import pytest
from django.core.exceptions import ValidationError

from perhekeskus.catalog import services
from perhekeskus.catalog.tests import factories

pytestmark = pytest.mark.django_db

T = datetime.time


def _save(rules=(), exceptions=(), **values):
    return services.schedule_save(
        actor=None,
        values={"delivery": factories.delivery(), **values},
        rules=list(rules),
        exceptions=list(exceptions),
    )


def test_weekly_rules_are_saved():
    schedule = _save(rules=[{"weekday": 1, "opens": T(9, 30), "closes": T(11, 30)}])
    assert [(r.weekday, r.opens, r.closes) for r in schedule.rules.all()] == [(1, T(9, 30), T(11, 30))]


def test_closing_before_opening_is_refused():
    with pytest.raises(ValidationError) as error:
        _save(rules=[{"weekday": 0, "opens": T(16), "closes": T(8)}])
    assert "rules[0]" in error.value.message_dict


def test_closing_at_the_opening_time_is_refused():
    with pytest.raises(ValidationError):
        _save(rules=[{"weekday": 0, "opens": T(8), "closes": T(8)}])


def test_overnight_hours_are_allowed_when_marked():
    schedule = _save(rules=[{"weekday": 4, "opens": T(20), "closes": T(2), "closes_next_day": True}])
    assert schedule.rules.get().closes_next_day


def test_overnight_mark_with_daytime_hours_is_refused():
    with pytest.raises(ValidationError):
        _save(rules=[{"weekday": 4, "opens": T(8), "closes": T(16), "closes_next_day": True}])


def test_overlapping_rules_are_refused():
    with pytest.raises(ValidationError) as error:
        _save(
            rules=[
                {"weekday": 0, "opens": T(8), "closes": T(12)},
                {"weekday": 0, "opens": T(11), "closes": T(15)},
            ]
        )
    assert "rules" in error.value.message_dict


def test_overnight_rule_overlapping_next_morning_is_refused():
    with pytest.raises(ValidationError):
        _save(
            rules=[
                {"weekday": 0, "opens": T(20), "closes": T(9), "closes_next_day": True},
                {"weekday": 1, "opens": T(8), "closes": T(12)},
            ]
        )


def test_validity_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as error:
        _save(valid_from=datetime.date(2026, 8, 1), valid_to=datetime.date(2026, 6, 1))
    assert "valid_to" in error.value.message_dict


def test_closed_exception_with_hours_is_refused():
    with pytest.raises(ValidationError):
        _save(
            exceptions=[{"date": datetime.date(2026, 12, 24), "closed": True, "opens": T(9), "closes": T(12)}]
        )


def test_open_exception_needs_hours():
    with pytest.raises(ValidationError) as error:
        _save(exceptions=[{"date": datetime.date(2026, 12, 23), "closed": False}])
    assert "exceptions[0]" in error.value.message_dict


def test_two_exceptions_on_one_day_are_refused():
    day = datetime.date(2026, 12, 23)
    with pytest.raises(ValidationError):
        _save(exceptions=[{"date": day}, {"date": day, "closed": False, "opens": T(9), "closes": T(12)}])


def test_by_appointment_schedule_without_rules_is_allowed():
    assert _save(by_appointment=True).by_appointment


def test_invalid_rules_leave_the_old_rules_in_place():
    schedule = factories.weekday_schedule(factories.delivery())
    with pytest.raises(ValidationError):
        services.schedule_save(
            actor=None, schedule=schedule, values={}, rules=[{"weekday": 0, "opens": T(16), "closes": T(8)}]
        )
    assert schedule.rules.count() == 5


def test_sunday_night_running_into_monday_morning_overlap_is_refused():
    with pytest.raises(ValidationError):
        _save(
            rules=[
                {"weekday": 6, "opens": T(22), "closes": T(8), "closes_next_day": True},
                {"weekday": 0, "opens": T(7), "closes": T(9)},
            ]
        )


def test_round_the_clock_week_does_not_overlap():
    rules = [{"weekday": d, "opens": T(0), "closes": T(0), "closes_next_day": True} for d in range(7)]
    assert _save(rules=rules).rules.count() == 7
