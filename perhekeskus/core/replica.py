"""Reads of search and the open data API from a PostgreSQL read replica (DATABASE_REPLICA_URL).

Only the public, read-only views (the search page, the search API, the HSDS API) read from the
replica, and only their reads: what they write (the search log) goes to the primary database, like
everything in the workspace. The replica may lag a moment behind; these views tolerate that."""

import contextvars

from django.conf import settings

REPLICA = "replica"
# The views whose reads the replica may answer, by URL name.
REPLICA_VIEWS = ("search", "api-search")
REPLICA_VIEW_PREFIXES = ("hsds-",)

_reading_from_replica = contextvars.ContextVar("reading_from_replica", default=False)


# Who is signed in, and the sign-in's own records, always from the primary: a replica a moment behind
# would not know a session just begun.
PRIMARY_ONLY_APPS = {"sessions", "auth", "core", "otp_totp", "otp_static", "axes", "contenttypes"}


def in_use() -> bool:
    """Whether what is being read now may come from the replica (one of the views, on a site with one)."""
    return _reading_from_replica.get() and settings.READS_FROM_REPLICA


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        return REPLICA if in_use() else None

    def db_for_write(self, model, **hints):
        return "default"  # also for an object read from the replica

    def allow_relation(self, first, second, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # a replica follows the primary's schema


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = request.resolver_match.url_name or ""
        if name in REPLICA_VIEWS or name.startswith(REPLICA_VIEW_PREFIXES):
            token = _reading_from_replica.set(True)
            try:
                response = view_func(request, *view_args, **view_kwargs)
            finally:
                _reading_from_replica.reset(token)
            if response.streaming:  # an export read while it is sent (HSDS ndjson)
                response.streaming_content = _from_replica(response.streaming_content)
            return response
        return None


def _from_replica(chunks):
    _reading_from_replica.set(True)
    try:
        yield from chunks
    finally:
        _reading_from_replica.set(False)  # the server may close the stream from anywhere: no token reset
