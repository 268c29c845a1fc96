"""Change history of listings: snapshots of a model instance and the recorded difference between two.

A snapshot holds every concrete field (foreign keys by id), every many-to-many relation (as sorted
codes or ids) and whatever the model adds through `history_extra()` (e.g. a schedule's rules).
"""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from perhekeskus.core.models import ChangeRecord

UNTRACKED_FIELDS = {"id", "created_at", "modified_at"}


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _related_key(obj: models.Model) -> str:
    return getattr(obj, "code", None) or str(obj.pk)


def field_values(instance: models.Model) -> dict[str, Any]:
    """The tracked concrete fields as plain JSON values (foreign keys by id)."""
    return {
        field.name: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in UNTRACKED_FIELDS
    }


def snapshot(instance: models.Model) -> dict[str, Any]:
    data = field_values(instance)
    if instance.pk is not None and not instance._state.adding:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(_related_key(obj) for obj in getattr(instance, field.name).all())
    extra = getattr(instance, "history_extra", None)
    if extra is not None and not instance._state.adding:
        data.update(extra())
    return data


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    before, after = before or {}, after or {}
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    }


def record(
    *,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor=None,
    source: str = "",
) -> ChangeRecord | None:
    """Store what changed; nothing is stored when an update changed nothing."""
    changes = diff(before, after)
    if before is None:
        action = ChangeRecord.Action.CREATED
    elif after is None:
        action = ChangeRecord.Action.DELETED
    elif not changes:
        return None
    else:
        action = ChangeRecord.Action.UPDATED
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source,
        changes=changes,
    )


def history_of(instance: models.Model):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
    ).select_related("actor")
