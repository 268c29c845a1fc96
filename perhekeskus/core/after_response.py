"""Work a request leaves until its response has been sent: the counts and logs nobody waits for (the
search log, a service page's view count, a result's click), and what is kept of an answer made
(core.public_cache).

Django has no such hook and the maintained packages for it are gone (decision 0017): the signal
request_finished, which a WSGI server sends when it closes the response it has sent, runs what the
request deferred. Outside a request (a task, a shell) the work is done at once."""

import contextlib
import logging
from collections.abc import Callable

from asgiref.local import Local
from django.db import transaction

logger = logging.getLogger(__name__)
# The work deferred by the request being handled; None outside a request. Per thread (and per async
# context).
_deferred = Local()


def defer(work: Callable[[], object], what: str, *, writes: bool = True) -> None:
    """Do `work` once the response has been sent (at once outside a request). `what` names it in the
    error log: a failure is reported there, never to the person, who already has the answer.
    `writes`: whether it writes to the database (each such work is done in a transaction of its own)."""
    pending = getattr(_deferred, "work", None)
    if pending is None:
        work()
    else:
        pending.append((work, what, writes))


def begin(**kwargs) -> None:
    """A request starts (signal request_started)."""
    _deferred.work = []


def finish(**kwargs) -> None:
    """A request has finished (signal request_finished): do what it deferred, each apart."""
    pending, _deferred.work = getattr(_deferred, "work", None), None
    for work, what, writes in pending or ():
        try:
            # A savepoint inside a transaction (tests): a failed write leaves it usable.
            with transaction.atomic() if writes else contextlib.nullcontext():
                work()
        except Exception:
            logger.exception("Lost after the response: %s", what)
