"""The one write path for tracked models: validate, save, set relations and record the change; and
undoing a recorded change."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from perhekeskus.core import history
from perhekeskus.core.models import ChangeRecord

M = TypeVar("M", bound=models.Model)


def _check_field_names(instance: models.Model, names: Iterable[str], *, many_to_many: bool) -> None:
    fields = instance._meta.many_to_many if many_to_many else instance._meta.concrete_fields
    allowed = {field.name for field in fields if field.editable}
    unknown = sorted(set(names) - allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("Unknown field.")))


@transaction.atomic
def save_tracked(
    *,
    instance: M,
    values: Mapping[str, Any],
    relations: Mapping[str, Iterable[models.Model]] | None = None,
    actor=None,
    source: str = "",
    after_save: Callable[[M], None] | None = None,
    note: str = "",
) -> M:
    """Apply `values` (fields) and `relations` (many-to-many) to `instance`, validated, with history.

    `instance` may be unsaved (a create) or loaded from the database (an update); its old state is
    read from the database so that in-memory edits cannot hide a change. `after_save` writes child
    rows (a schedule's rules, a service's contacts) that the model's `history_extra()` reports.
    """
    relations = relations or {}
    _check_field_names(instance, values, many_to_many=False)
    _check_field_names(instance, relations, many_to_many=True)
    creating = instance._state.adding
    before = None if creating else history.snapshot(type(instance)._default_manager.get(pk=instance.pk))
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    fields = history.field_values(instance)
    if before is None or any(before[name] != value for name, value in fields.items()):
        instance.save()  # an unchanged row keeps its modification time
    for name, related in relations.items():
        getattr(instance, name).set(list(related))
    if after_save is not None:
        after_save(instance)
    after = history.snapshot(instance)
    history.record(instance=instance, before=before, after=after, actor=actor, source=source, note=note)
    return instance


@transaction.atomic
def delete_tracked(*, instance: models.Model, actor=None, source: str = "") -> None:
    """Delete `instance` and record the deletion of it and of every tracked row deleted with it."""
    history.delete_with_history(instance=instance, actor=actor, source=source)


def _undoable(record: ChangeRecord, instance: models.Model) -> tuple[dict, dict]:
    """What undoing an update writes: the old values of its fields and relations (a service's types,
    life situations, languages and areas; a delivery's municipalities) that still hold what the change
    wrote. A field edited again since is left alone, so undoing never loses a newer edit; child rows
    (contacts, hours) and links to other rows are edited by hand; publication and review dates move
    only through their own steps."""
    model = type(instance)
    if record.action != ChangeRecord.Action.UPDATED or record.content_type.model_class() is not model:
        return {}, {}
    current = history.snapshot(instance)
    kept_apart = getattr(model, "REVIEW_FIELDS", frozenset()) | {"publication"}
    values, relations = {}, {}
    for name, change in record.changes.items():
        if current.get(name) != change["new"] or name in kept_apart:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            related = field.related_model
            key = "code" if any(f.name == "code" for f in related._meta.fields) else "pk"
            relations[name] = list(related.objects.filter(**{f"{key}__in": change["old"] or []}))
        elif field.concrete and not field.is_relation and field.editable:
            values[name] = change["old"]
    return values, relations


@transaction.atomic
def change_revert(*, actor, record: ChangeRecord, instance: models.Model) -> bool:
    """Undo the update `record` made to `instance`, as far as that loses no newer edit (_undoable); the
    undoing is recorded too. False when nothing of it can be undone."""
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    values, relations = _undoable(record, locked)
    if not (values or relations):
        return False
    save_tracked(instance=locked, values=values, relations=relations, actor=actor)
    return True
