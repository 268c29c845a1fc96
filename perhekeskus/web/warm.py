"""What a web process does before its first request (gunicorn.conf.py's post_worker_init; the search
benchmark does the same before it measures)."""

import gc

from django.urls import get_resolver

from perhekeskus.search.selectors import warm

# Allocations between collections of the youngest objects (Python's default: 700).
GC_YOUNGEST_THRESHOLD = 5000


def warm_process() -> None:
    """Read what searches need (search.selectors.warm) and import every view, as a first request
    would; then put all of it out of the garbage collector's sight (gc.freeze). It is kept for the
    process's life, yet a full collection would walk it again every few dozen requests: about 15 ms
    in the middle of some family's search. Collections are also made rarer: what requests leave for
    good (caches filling up) still costs a full collection ~10 ms, which with Python's default
    thresholds (700, 10, 10) came every dozen searches; at 5,000 it comes every few hundred."""
    warm()
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and with it every view module
    gc.freeze()
    gc.set_threshold(GC_YOUNGEST_THRESHOLD, 10, 10)
