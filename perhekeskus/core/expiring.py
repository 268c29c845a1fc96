"""Values a process keeps for a few minutes: names and words read from the database that change
seldom (coordinators edit them in the admin), where a cache shared between processes would cost a
round trip per search."""

import functools
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Every expiring function's forget(), for forget_all().
_forgets: list[Callable[[], None]] = []


def expiring(ttl: float) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: the function's answer, per arguments, is kept `ttl` seconds in this process. An empty
    answer (the tables not loaded yet) is not kept. `forget()` on the function drops what is kept."""

    def decorate(read: Callable[..., T]) -> Callable[..., T]:
        kept: dict[tuple, tuple[float, T]] = {}
        lock = threading.Lock()

        @functools.wraps(read)
        def fresh(*args):
            entry = kept.get(args)
            if entry is None or time.monotonic() - entry[0] > ttl:
                value = read(*args)
                if not value:
                    return value
                entry = (time.monotonic(), value)
                with lock:
                    kept[args] = entry
            return entry[1]

        def forget() -> None:
            with lock:
                kept.clear()

        fresh.forget = forget
        _forgets.append(forget)
        return fresh

    return decorate


def forget_all() -> None:
    """Drop what every expiring function keeps. For tests: an answer kept by an earlier test would
    otherwise run out in the middle of a later one, which then reads (and counts) it again."""
    for forget in _forgets:
        forget()
