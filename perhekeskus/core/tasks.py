"""Background work on Django's task framework (django-tasks, the backport of Django 6's django.tasks;
decision record 0025), with its database backend (django-tasks-db) as the default: nothing but the
database is needed, and another backend (Redis/RQ, Celery) is a setting.

The apps register plain functions with `@task(name)`; `enqueue(name)` asks for a run. Every run is
the framework's one task `run(name, attempt)`, which calls the function (in a transaction unless
`atomic=False`) and, when it fails, enqueues its next attempt a little later. Periodic work
(`daily_at`, `every`) is scheduled by `schedule()`: a run for a day or a slot of time is made once,
however many workers schedule at the same moment, because its key (`ScheduledRun`) is unique.
`run_due()` is what `manage.py run_worker` does every few seconds: schedule, then run every task
that is ready, with the database backend's own worker.
"""

import datetime
import logging
import socket
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task as framework_task
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from perhekeskus.core.models import ScheduledRun

log = logging.getLogger(__name__)

RETRY_AFTER = datetime.timedelta(minutes=10)
# A run still running this long after it started belongs to a worker that stopped: it is marked
# failed, and its next attempt is enqueued unless its attempts are spent.
ABANDONED_AFTER = datetime.timedelta(hours=2)
# Runs that succeeded are kept a day (for looking into a problem; a run every minute makes 1,440 a
# day), failed ones a month; the keys of scheduled runs two days (today's must outlive today).
SUCCEEDED_KEPT = datetime.timedelta(days=1)
FAILED_KEPT = datetime.timedelta(days=30)
KEYS_KEPT = datetime.timedelta(days=2)


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
    """Register a task; with `daily_at` (local time) it runs once a day from then on, with `every`
    once in each such slot of time (slots counted from the epoch: every 5 minutes is at :00, :05, …).
    `atomic=False`: the task commits its own steps (one that tells the world something, such as
    sending a message, must record it before a later step can fail and roll it back). The function
    stays a plain function: tests and callers call it directly."""

    def register(func):
        _registry[name] = Registered(
            func=func, daily_at=daily_at, max_attempts=max_attempts, every=every, atomic=atomic
        )
        return func

    return register


@framework_task()
def run(name: str, attempt: int = 1) -> str:
    """The framework's task for every registered one: its function's report, or its error (raised,
    so that the framework records the run as failed) with the next attempt enqueued (not for a task
    of every few minutes, whose next slot comes soon)."""
    entry = _registry.get(name)
    if entry is None:
        raise LookupError(f"no task is registered as {name!r}")
    try:
        with transaction.atomic() if entry.atomic else nullcontext():
            return entry.func() or ""
    except Exception:
        log.exception("task %s failed (attempt %s)", name, attempt)
        # A task of every few minutes is not retried: its next slot is.
        if entry.every is None and attempt < entry.max_attempts:
            enqueue(name, run_after=timezone.now() + RETRY_AFTER * attempt, attempt=attempt + 1)
        raise


def enqueue(name: str, *, run_after: datetime.datetime | None = None, attempt: int = 1):
    """Ask for a run of a registered task (at `run_after`, else as soon as a worker is free)."""
    if name not in _registry:
        raise KeyError(f"no task is registered as {name!r}")
    return run.using(run_after=run_after or timezone.now()).enqueue(name, attempt)


def _due_moment(entry: Registered, now: datetime.datetime) -> datetime.datetime:
    """When the latest run of a periodic task fell due: the current slot's, or today's run once its
    time has come and yesterday's before (a worker down over a whole night makes it late)."""
    if entry.every is not None:
        seconds = int(entry.every.total_seconds())
        return datetime.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=datetime.UTC)
    day = timezone.localdate(now)
    due = timezone.make_aware(datetime.datetime.combine(day, entry.daily_at))
    if due > now:
        due = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=1), entry.daily_at))
    return due


def _key(name: str, entry: Registered, due: datetime.datetime) -> str:
    slot = due.isoformat() if entry.every is not None else timezone.localdate(due).isoformat()
    return f"{name}@{slot}"


def schedule(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue the run of each periodic task for the current day or slot, unless made already (by
    this worker or another): the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, entry in _registry.items():
        if entry.daily_at is None and entry.every is None:
            continue
        due = _due_moment(entry, now)
        try:
            with transaction.atomic():
                scheduled = ScheduledRun.objects.create(key=_key(name, entry, due), name=name, due_at=due)
                scheduled.result_id = str(enqueue(name, run_after=due).id)
                scheduled.save(update_fields=["result_id"])
        except IntegrityError:
            continue  # another worker made this day's (or slot's) run
        enqueued.append(name)
    return enqueued


def _recover_abandoned(now: datetime.datetime) -> None:
    """Runs left running by a stopped worker: marked failed by one worker (a conditional update),
    which enqueues the next attempt unless they are spent."""
    abandoned = DBTaskResult.objects.running().filter(
        task_path=run.module_path, started_at__lt=now - ABANDONED_AFTER
    )
    for result in abandoned:
        settled = DBTaskResult.objects.filter(id=result.id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="builtins.RuntimeError",
            traceback="The worker running this stopped before it finished.",
        )
        values = result.args_kwargs.get("args", [])
        name = values[0] if values else None
        attempt = values[1] if len(values) > 1 else 1
        entry = _registry.get(name)
        if settled and entry is not None and entry.every is None and attempt < entry.max_attempts:
            enqueue(name, attempt=attempt + 1)


def _forget_old(now: datetime.datetime) -> None:
    DBTaskResult.objects.successful().filter(finished_at__lt=now - SUCCEEDED_KEPT).delete()
    DBTaskResult.objects.failed().filter(finished_at__lt=now - FAILED_KEPT).delete()
    ScheduledRun.objects.filter(created_at__lt=now - KEYS_KEPT).delete()


@dataclass(frozen=True)
class Finished:
    """A run `run_due` made, as the worker's log tells it."""

    name: str
    succeeded: bool
    result: str


_workers: list[Worker] = []


def stop() -> None:
    """Stop after the task at hand (run_worker's SIGTERM and Ctrl-C)."""
    for worker in _workers:
        worker.running = False


def run_ready() -> list[Finished]:
    """Run every task that is ready, with the database backend's worker (another worker may take
    some of them: each run is claimed by one)."""
    finished: list[Finished] = []

    def note(sender, task_result, **kwargs) -> None:
        name = task_result.args[0] if task_result.args else task_result.task.name
        succeeded = task_result.status == TaskResultStatus.SUCCESSFUL
        text = (
            str(task_result.return_value)
            if succeeded
            else (task_result.errors[-1].traceback if task_result.errors else "")
        )
        finished.append(Finished(name=name, succeeded=succeeded, result=text))

    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id=socket.gethostname()[:64], excluded_queue_names=[],
    )  # fmt: skip
    task_finished.connect(note, weak=False)
    _workers.append(worker)
    try:
        worker.run()
    finally:
        _workers.remove(worker)
        task_finished.disconnect(note)
    return finished


def run_due(now: datetime.datetime | None = None) -> list[Finished]:
    """One turn of a worker: runs abandoned by a stopped worker settled, old results deleted, the
    periodic tasks scheduled, and every ready task run. With another backend than the database's,
    only the scheduling: that backend's own workers run the tasks."""
    now = now or timezone.now()
    if not isinstance(task_backends["default"], DatabaseBackend):
        schedule(now)  # another backend's workers run the tasks (docs/operations.md)
        return []
    _recover_abandoned(now)
    _forget_old(now)
    schedule(now)
    return run_ready()
