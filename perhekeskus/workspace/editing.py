"""Saving a listing from the workspace without losing someone else's edit.

A form carries the version it was opened at: the time of the newest change record of the object. A
save first locks the row, and refuses when a newer change was recorded in between (no lost updates);
the refusal names who changed what, so the person can redo their edit on top."""

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.db import models, transaction

from perhekeskus.core.history import history_of

M = TypeVar("M", bound=models.Model)


class EditConflict(Exception):
    def __init__(self, changes: list) -> None:
        super().__init__("changed by someone else")
        self.changes = changes


def version_of(instance: models.Model) -> str:
    newest = history_of(instance).order_by("-changed_at").first()
    return newest.changed_at.isoformat() if newest else ""


@transaction.atomic
def save_unless_changed(*, instance: M, version: str, save: Callable[[], M]) -> M:
    """`save()` if nothing was recorded for `instance` since `version`; else EditConflict."""
    type(instance).objects.select_for_update().filter(pk=instance.pk).exists()  # lock (PostgreSQL)
    if version_of(instance) != version:
        try:
            since = datetime.datetime.fromisoformat(version) if version else None
        except ValueError:
            since = None  # not a version we gave out: show the whole history
        newer = history_of(instance).order_by("changed_at")
        raise EditConflict(list(newer.filter(changed_at__gt=since) if since else newer))
    return save()
