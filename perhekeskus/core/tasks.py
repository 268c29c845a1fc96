"""A small task queue in the database: `manage.py run_worker` runs the tasks that are due, and daily
tasks queue their next run themselves. Nothing but the database is needed (decision 0010).

A task is a function registered with `@task(name)`; `enqueue(name)` asks for a run. A run is
claimed by one worker with a conditional update (safe with several workers on both databases), runs
in a transaction, and is retried a few times when it fails.
"""

import datetime
import logging
import traceback
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from perhekeskus.core.models import Task

log = logging.getLogger(__name__)

RETRY_AFTER = datetime.timedelta(minutes=10)
# A run still "running" this long after it started belongs to a worker that died: it is run again.
ABANDONED_AFTER = datetime.timedelta(hours=2)


@dataclass(frozen=True)
class Registered:
    func: Callable[[], str | None]
    daily_at: datetime.time | None
    max_attempts: int
    every: datetime.timedelta | None = None
    atomic: bool = True


_registry: dict[str, Registered] = {}


def task(
    name: str,
    *,
    daily_at: datetime.time | None = None,
    every: datetime.timedelta | None = None,
    max_attempts: int = 3,
    atomic: bool = True,
):
    """Register a task; with `daily_at` (local time) the worker runs it once a day from then on, with
    `every` once in each such slot of time (slots counted from the epoch: every 5 minutes is at :00,
    :05, …). `atomic=False`: the task commits its own steps (one that tells the world something, such
    as sending a message, must record it before a later step can fail and roll it back)."""

    def register(func):
        _registry[name] = Registered(
            func=func, daily_at=daily_at, max_attempts=max_attempts, every=every, atomic=atomic
        )
        return func

    return register


def enqueue(name: str, *, run_after: datetime.datetime | None = None) -> Task:
    if name not in _registry:
        raise KeyError(f"no task is registered as {name!r}")
    return Task.objects.create(name=name, run_after=run_after or timezone.now())


def _next_daily_run(daily_at: datetime.time, now: datetime.datetime) -> datetime.datetime:
    day = timezone.localdate(now)
    while (run := timezone.make_aware(datetime.datetime.combine(day, daily_at))) <= now:
        day += datetime.timedelta(days=1)
    return run


def _slot_start(every: datetime.timedelta, now: datetime.datetime) -> datetime.datetime:
    seconds = int(every.total_seconds())
    return datetime.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=datetime.UTC)


def schedule_daily(now: datetime.datetime | None = None) -> None:
    """Queue the next run of each daily or recurring task that has none queued (a day's run, or a
    slot's, is queued once: its key is unique)."""
    now = now or timezone.now()
    for name, entry in _registry.items():
        if entry.daily_at is None and entry.every is None:
            continue
        if Task.objects.filter(name=name, state__in=[Task.State.QUEUED, Task.State.RUNNING]).exists():
            continue
        if entry.every is not None:
            run_after = _slot_start(entry.every, now)
            key = f"{name}@{run_after.isoformat()}"
        else:
            run_after = _next_daily_run(entry.daily_at, now)
            key = f"{name}@{timezone.localdate(run_after).isoformat()}"
        try:
            with transaction.atomic():
                Task.objects.create(name=name, key=key, run_after=run_after)
        except IntegrityError:
            pass  # another worker queued it, or that day's (or slot's) run has been made already


def _claim(now: datetime.datetime) -> Task | None:
    for candidate in Task.objects.filter(state=Task.State.QUEUED, run_after__lte=now).order_by("run_after")[
        :10
    ]:
        claimed = Task.objects.filter(pk=candidate.pk, state=Task.State.QUEUED).update(
            state=Task.State.RUNNING, started_at=now, attempts=F("attempts") + 1
        )
        if claimed:
            return Task.objects.get(pk=candidate.pk)
    return None


def _run(run: Task) -> None:
    entry = _registry.get(run.name)
    try:
        if entry is None:
            raise LookupError(f"no task is registered as {run.name!r}")
        with transaction.atomic() if entry.atomic else nullcontext():
            result = entry.func()
    except Exception:
        error = traceback.format_exc()
        log.exception("task %s failed (attempt %s)", run.name, run.attempts)
        retry = entry is not None and run.attempts < entry.max_attempts
        run.state = Task.State.QUEUED if retry else Task.State.FAILED
        run.run_after = timezone.now() + RETRY_AFTER * run.attempts if retry else run.run_after
        run.result = error[-5000:]
        run.finished_at = None if retry else timezone.now()
    else:
        run.state = Task.State.DONE
        run.result = result or ""
        run.finished_at = timezone.now()
    run.save(update_fields=["state", "run_after", "result", "finished_at"])


def _recover_abandoned(now: datetime.datetime) -> None:
    """Runs whose worker died: queued again, or failed once they have used their attempts (a task that
    kills its worker is not run forever)."""
    for run in Task.objects.filter(state=Task.State.RUNNING, started_at__lt=now - ABANDONED_AFTER):
        entry = _registry.get(run.name)
        spent = entry is None or run.attempts >= entry.max_attempts
        Task.objects.filter(pk=run.pk, state=Task.State.RUNNING).update(
            state=Task.State.FAILED if spent else Task.State.QUEUED,
            result="The worker running this stopped before it finished.",
            finished_at=now if spent else None,
        )


# Finished runs of tasks that run every few minutes are kept this long (a day's runs, for looking
# into a problem), then deleted: some 1,700 a day would otherwise pile up.
RECURRING_RUNS_KEPT = datetime.timedelta(days=1)


def _forget_old_recurring_runs(now: datetime.datetime) -> None:
    recurring = [name for name, entry in _registry.items() if entry.every is not None]
    Task.objects.filter(
        name__in=recurring,
        state__in=[Task.State.DONE, Task.State.FAILED],
        run_after__lt=now - RECURRING_RUNS_KEPT,
    ).delete()


def run_due(now: datetime.datetime | None = None) -> list[Task]:
    """Run every task that is due now, oldest first; returns the runs made."""
    now = now or timezone.now()
    _recover_abandoned(now)
    _forget_old_recurring_runs(now)
    schedule_daily(now)
    done = []
    while (run := _claim(now)) is not None:
        _run(run)
        done.append(run)
    schedule_daily(now)
    return done
