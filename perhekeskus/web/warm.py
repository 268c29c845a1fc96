"""What a web process does before its first request (gunicorn.conf.py's post_worker_init; the search
benchmark does the same before it measures)."""

import gc

from django.urls import get_resolver

from perhekeskus.search.selectors import warm


def warm_process() -> None:
    """Read what searches need (search.selectors.warm) and import every view, as a first request
    would; then put all of it out of the garbage collector's sight (gc.freeze). It is kept for the
    process's life, yet a full collection would walk it again every few dozen requests: about 15 ms
    in the middle of some family's search."""
    warm()
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and with it every view module
    gc.freeze()
