"""Background work on Django's task framework (decision record 0025): periodic runs made once per day
or slot however many workers schedule, retries after a failure, runs of a stopped worker settled,
old results deleted. The database backend's worker runs outside a test's transaction, so these tests
commit (transactional database)."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.core import tasks
from perhekeskus.core.models import ScheduledRun

pytestmark = pytest.mark.django_db(transaction=True)

MORNING = datetime.datetime(2026, 12, 7, 6, 0, tzinfo=HELSINKI)


def _at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def calls():
    """Test tasks registered for the test, and what they were called with."""
    made = []

    @tasks.task("test.daily", daily_at=datetime.time(6, 0))
    def daily():
        made.append("daily")
        return "ran"

    @tasks.task("test.every_five", every=datetime.timedelta(minutes=5))
    def every_five():
        made.append("every_five")
        if "fail" in made:
            raise RuntimeError("the provider is down")

    @tasks.task("test.always_fails", max_attempts=2)
    def always_fails():
        made.append("always_fails")
        raise RuntimeError("the mail server is down")

    @tasks.task("test.counted")
    def counted():
        made.append("counted")

    yield made
    for name in ("test.daily", "test.every_five", "test.always_fails", "test.counted"):
        tasks._registry.pop(name)


def _ran(finished, name: str) -> int:
    return sum(1 for run in finished if run.name == name)


def test_a_daily_task_runs_once_a_day_at_its_time_however_many_workers(calls):
    with _at(MORNING - datetime.timedelta(minutes=1)):
        assert _ran(tasks.run_due(), "test.daily") == 1  # a new site's first worker: yesterday's run
        assert _ran(tasks.run_due(), "test.daily") == 0  # today's is not due before six
    with _at(MORNING):
        first, second = tasks.run_due(), tasks.run_due()  # two workers at the same moment
    assert (_ran(first, "test.daily"), _ran(second, "test.daily")) == (1, 0)
    assert [run.result for run in first if run.name == "test.daily"] == ["ran"]
    with _at(MORNING + datetime.timedelta(hours=5)):
        assert _ran(tasks.run_due(), "test.daily") == 0
    assert ScheduledRun.objects.filter(name="test.daily").count() == 2  # yesterday and today
    # A worker that was down at six runs the day's run when it comes back, once.
    with _at(MORNING + datetime.timedelta(days=1, hours=3)):
        assert _ran(tasks.run_due(), "test.daily") == 1
        assert _ran(tasks.run_due(), "test.daily") == 0
    assert calls.count("daily") == 3


def test_a_task_every_five_minutes_runs_once_in_each_slot(calls):
    for minutes in (0, 1, 4, 5, 9, 10):
        with _at(MORNING + datetime.timedelta(minutes=minutes)):
            tasks.run_due()
    assert calls.count("every_five") == 3


def test_a_task_of_every_few_minutes_is_not_retried_its_next_slot_is(calls):
    calls.append("fail")
    with _at(MORNING + datetime.timedelta(minutes=1)):
        assert [run.succeeded for run in tasks.run_due() if run.name == "test.every_five"] == [False]
    assert not DBTaskResult.objects.ready().exists()
    with _at(MORNING + datetime.timedelta(minutes=5)):
        assert _ran(tasks.run_due(), "test.every_five") == 1


def test_a_worker_down_over_a_night_makes_the_missed_days_run_late(calls):
    with _at(MORNING):
        tasks.run_due()
    with _at(MORNING + datetime.timedelta(days=1, hours=20)):  # down from before six until the evening
        tasks.run_due()
    with _at(MORNING + datetime.timedelta(days=2, hours=-1)):  # the next morning before six
        assert _ran(tasks.run_due(), "test.daily") == 0
    down = MORNING + datetime.timedelta(days=2, hours=1)
    with _at(down + datetime.timedelta(days=1, hours=-2)):  # down over the whole next day
        assert _ran(tasks.run_due(), "test.daily") == 1  # that day's run, late
    assert calls.count("daily") == 3


def test_a_failing_task_is_tried_again_later_then_left_failed(calls):
    with _at(MORNING):
        tasks.enqueue("test.always_fails")
        (failed,) = [run for run in tasks.run_ready() if run.name == "test.always_fails"]
    assert not failed.succeeded and "the mail server is down" in failed.result
    with _at(MORNING + datetime.timedelta(minutes=5)):
        assert tasks.run_ready() == []  # the next attempt after ten minutes
    with _at(MORNING + tasks.RETRY_AFTER):
        assert [run.succeeded for run in tasks.run_ready()] == [False]
    with _at(MORNING + datetime.timedelta(days=1)):
        assert tasks.run_ready() == []  # two attempts were all
    assert calls.count("always_fails") == 2
    assert DBTaskResult.objects.failed().count() == 2


def test_a_run_whose_worker_stopped_is_settled_and_tried_again(calls):
    with _at(MORNING):
        result = tasks.enqueue("test.counted")
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=MORNING - datetime.timedelta(hours=3)
    )
    with _at(MORNING):
        tasks._recover_abandoned(MORNING)  # two workers look at the same moment
        tasks._recover_abandoned(MORNING)
        finished = tasks.run_due()
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.FAILED
    assert _ran(finished, "test.counted") == 1 and calls.count("counted") == 1  # tried again once


def test_a_task_runs_in_a_transaction_unless_it_commits_its_own_steps(calls):
    writes = []

    @tasks.task("test.writes_then_fails", max_attempts=1)
    def writes_then_fails():
        ScheduledRun.objects.create(key="written", name="x", due_at=MORNING)
        writes.append(1)
        raise RuntimeError("after the write")

    try:
        with _at(MORNING):
            tasks.enqueue("test.writes_then_fails")
            tasks.run_ready()
        assert writes == [1] and not ScheduledRun.objects.filter(key="written").exists()
    finally:
        tasks._registry.pop("test.writes_then_fails")


def test_old_results_and_keys_are_deleted(calls):
    with _at(MORNING):
        tasks.run_due()
    assert DBTaskResult.objects.successful().exists() and ScheduledRun.objects.exists()
    with _at(MORNING + datetime.timedelta(days=3)):
        tasks._forget_old(MORNING + datetime.timedelta(days=3))
    assert not DBTaskResult.objects.successful().exists()
    assert not ScheduledRun.objects.filter(created_at__lt=MORNING + datetime.timedelta(days=1)).exists()


def test_the_worker_command_runs_what_is_due_and_refuses_a_bad_interval(calls, capsys):
    with _at(MORNING):
        call_command("run_worker", "--once")
    assert "test.daily: done. ran" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("run_worker", "--interval", "0")
    assert "--interval" in capsys.readouterr().err


def test_an_unknown_task_is_refused():
    with pytest.raises(KeyError):
        tasks.enqueue("no.such.task")
