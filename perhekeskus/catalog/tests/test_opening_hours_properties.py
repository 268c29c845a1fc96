"""Properties of opening hours: "open at t" three ways must agree.

Schedules are drawn at random (weekly hours, overnight hours, validity periods, exceptions, public
holidays) and saved through the service layer; moments are drawn over the autumn and winter of
2026–27, which hold the night the clocks turn back, All Saints' Day, Christmas and New Year. At each
moment the service page's reading (opening_hours.is_open), the search's (open_now in SQL, from the
index) and a plain reading of the rules below must give the same answer, and the reading holds until
the moment opening_hours.holds_until gives.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from perhekeskus.catalog import services
from perhekeskus.catalog.opening_hours import holds_until, is_open, week_of
from perhekeskus.catalog.tests import factories
from perhekeskus.search import indexing, selectors, snapshot
from perhekeskus.search.query import Filters

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
FIRST, LAST = datetime.date(2026, 10, 18), datetime.date(2027, 1, 10)
# The clocks turn back on 25 October 2026; these days are holidays or eves.
HOLIDAYS = {datetime.date(2026, 10, 31), datetime.date(2026, 12, 6), datetime.date(2026, 12, 24),
            datetime.date(2026, 12, 25), datetime.date(2026, 12, 26), datetime.date(2027, 1, 1),
            datetime.date(2027, 1, 6)}  # fmt: skip
TURN = datetime.date(2026, 10, 25)

minutes_of_day = st.integers(0, 24 * 4 - 1).map(lambda quarter: quarter * 15)
days = st.one_of(
    st.dates(FIRST, LAST), st.sampled_from(sorted(HOLIDAYS | {TURN, TURN - datetime.timedelta(days=1)}))
)


def _time(minutes: int) -> datetime.time:
    return datetime.time(minutes // 60 % 24, minutes % 60)


@st.composite
def rules(draw) -> list[dict]:
    found = []
    for weekday in sorted(draw(st.sets(st.integers(0, 6), max_size=7))):
        opens = draw(minutes_of_day)
        closes = opens + draw(st.sampled_from([15, 60, 240, 480, 600, 960, 1440]))
        found.append(
            {
                "weekday": weekday,
                "opens": _time(opens),
                "closes": _time(closes),
                "closes_next_day": closes >= 1440,
            }
        )
    return found


@st.composite
def exceptions(draw) -> list[dict]:
    found = []
    for day in sorted(draw(st.sets(days, max_size=3))):
        if draw(st.booleans()):
            found.append({"date": day, "closed": True})
        else:
            opens = draw(st.integers(0, 22 * 4)) * 15
            closes = draw(st.integers(opens // 15 + 1, 24 * 4 - 1)) * 15
            found.append({"date": day, "closed": False, "opens": _time(opens), "closes": _time(closes)})
    return found


@st.composite
def schedules(draw) -> dict:
    values = {"closed_on_public_holidays": draw(st.booleans())}
    period = draw(st.sampled_from(["open-ended", "bounded", "from", "to"]))
    start, end = sorted(draw(st.lists(days, min_size=2, max_size=2)))
    if period in ("bounded", "from"):
        values["valid_from"] = start
    if period in ("bounded", "to"):
        values["valid_to"] = end
    return {"values": values, "rules": draw(rules()), "exceptions": draw(exceptions())}


def _moments(draw, built: list[dict]) -> list[datetime.datetime]:
    """Moments anywhere, and at the edges of the hours (a minute before, at and after each)."""
    found = [
        datetime.datetime.combine(day, _time(minutes), tzinfo=HELSINKI)
        for day, minutes in draw(st.lists(st.tuples(days, st.integers(0, 1439)), min_size=5, max_size=15))
    ]
    for schedule in built:
        for rule in schedule["rules"][:2]:
            day = draw(days)
            day += datetime.timedelta(days=(rule["weekday"] - day.weekday()) % 7)
            for time, next_day in ((rule["opens"], False), (rule["closes"], rule["closes_next_day"])):
                edge = datetime.datetime.combine(
                    day + datetime.timedelta(days=next_day), time, tzinfo=HELSINKI
                )
                found += [edge - datetime.timedelta(minutes=1), edge, edge + datetime.timedelta(minutes=1)]
    # The hour the clocks turn back over comes twice: both times.
    found += [
        datetime.datetime(2026, 10, 25, 3, 30, tzinfo=HELSINKI, fold=fold).astimezone(datetime.UTC)
        for fold in (0, 1)
    ]
    return found


def _reading_of_the_rules(built: list[dict], at: datetime.datetime) -> bool:
    """Open at `at`, read from the rules in wall-clock time: a day's schedules are those valid on it
    (the shortest validity period with both ends wins over the rest); an exception gives the day's hours
    itself; public holidays close the schedules that say so; overnight hours run into the next day."""
    now = at.astimezone(HELSINKI).replace(tzinfo=None)
    for day in (now.date() - datetime.timedelta(days=1), now.date()):
        valid = [
            s["values"]
            for s in built
            if s["values"].get("valid_from", day) <= day <= s["values"].get("valid_to", day)
        ]
        bounded = [v for v in valid if "valid_from" in v and "valid_to" in v]
        if bounded:
            shortest = min(v["valid_to"] - v["valid_from"] for v in bounded)
            valid = [v for v in bounded if v["valid_to"] - v["valid_from"] == shortest]
        for schedule in (s for s in built if any(s["values"] is v for v in valid)):
            exception = next((e for e in schedule["exceptions"] if e["date"] == day), None)
            if exception is not None:
                spans = [] if exception["closed"] else [(day, exception["opens"], day, exception["closes"])]
            elif schedule["values"]["closed_on_public_holidays"] and _is_holiday(day):
                spans = []
            else:
                spans = [
                    (
                        day,
                        rule["opens"],
                        day + datetime.timedelta(days=rule["closes_next_day"]),
                        rule["closes"],
                    )
                    for rule in schedule["rules"]
                    if rule["weekday"] == day.weekday()
                ]
            for opens_on, opens, closes_on, closes in spans:
                if (
                    datetime.datetime.combine(opens_on, opens)
                    <= now
                    < datetime.datetime.combine(closes_on, closes)
                ):
                    return True
    return False


def _is_holiday(day: datetime.date) -> bool:
    # Finnish public holidays (and the eves services keep closed) within FIRST–LAST, and the day before.
    return day in HOLIDAYS


@settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_open_at_a_moment_agrees_three_ways(db, data):
    built = data.draw(st.lists(schedules(), min_size=1, max_size=3))
    with transaction.atomic():
        snapshot.forget()
        service = factories.service()
        delivery = factories.delivery(service_obj=service)
        try:
            for schedule in built:
                services.schedule_save(actor=None, values={"delivery": delivery, **schedule["values"]},
                                       rules=schedule["rules"], exceptions=schedule["exceptions"])  # fmt: skip
        except ValidationError:  # overlapping hours: the form would refuse them
            transaction.set_rollback(True)
            reject()
        indexing.index_services([service.pk])
        saved = list(delivery.schedules.prefetch_related("rules", "exceptions"))
        moments = _moments(data.draw, built)
        for moment in moments:
            expected = _reading_of_the_rules(built, moment)
            assert is_open(saved, moment) == expected, moment
            found = selectors.search(
                text="", filters=Filters(open_now=True), sort="name", page=1, page_size=10,
                now=moment, with_facets=False, ids_only=True,
            )  # fmt: skip
            assert (len(found.hits) == 1) == expected, moment
            # A kept service page holds until the opening may change, and the day's end at the latest.
            until = holds_until(saved, moment)
            local = moment.astimezone(HELSINKI)
            assert (
                local
                < until
                <= datetime.datetime.combine(
                    local.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=HELSINKI
                )
            )
            last = until.astimezone(datetime.UTC) - datetime.timedelta(minutes=1)
            assert _reading_of_the_rules(built, max(last, moment)) == expected, (moment, until)
            # Every other moment drawn in between (the hours' edges among them) reads the same.
            between = [other for other in moments if moment < other < until]
            assert all(_reading_of_the_rules(built, other) == expected for other in between), (moment, until)
        # The week shown on the service page: inside any span shown, the service is open.
        for _day, spans, _holiday in week_of(saved, data.draw(days)):
            for span in spans:
                assert span.opens < span.closes
                assert is_open(saved, span.opens) and is_open(
                    saved, span.closes - datetime.timedelta(minutes=1)
                )
        transaction.set_rollback(True)
    snapshot.forget()
