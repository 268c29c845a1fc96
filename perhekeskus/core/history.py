"""Change history of listings: snapshots of a model instance and the recorded difference between two.

A snapshot holds every concrete field (foreign keys by id), every many-to-many relation (as sorted
codes or ids) and whatever the model adds through `history_extra()` (e.g. a schedule's rules).
"""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

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
    object_repr: str | None = None,
    note: str = "",
) -> ChangeRecord | None:
    """Store what changed (with a reviewer's `note`); nothing is stored when an update changed nothing."""
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
        object_repr=(object_repr if object_repr is not None else str(instance))[:300],
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source,
        changes=changes,
        note=note,
    )


def history_of(instance: models.Model):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
    ).select_related("actor")


def is_tracked(model: type[models.Model]) -> bool:
    """Models whose every change is recorded (organisations, locations, services, deliveries, schedules)."""
    return getattr(model, "TRACK_HISTORY", False)


def delete_with_history(*, instance: models.Model, actor=None, source: str = "") -> None:
    """Delete `instance` with what cascades from it, recording a deletion for each tracked row.

    A row still referred to by protected relations (a location with deliveries) is not deleted:
    the caller gets a ValidationError that names what refers to it.
    """
    collector = Collector(using=router.db_for_write(type(instance)))
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError) as error:
        blocking = sorted({str(obj) for obj in error.args[1]})[:5]
        raise ValidationError(
            _("%(name)s cannot be deleted while these refer to it: %(blocking)s.")
            % {"name": instance, "blocking": "; ".join(blocking)},
            code="protected",
        ) from error
    doomed = [obj for model, objs in collector.data.items() if is_tracked(model) for obj in objs]
    before = [(obj, snapshot(obj), obj.pk, str(obj)) for obj in doomed]
    collector.delete()
    for obj, state, pk, name in before:
        obj.pk = pk  # the record names the deleted row
        record(instance=obj, before=state, after=None, actor=actor, source=source, object_repr=name)
