"""The one write path for tracked models: validate, save, set relations and record the change."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from perhekeskus.core import history

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
    history.record(instance=instance, before=before, after=after, actor=actor, source=source)
    return instance


@transaction.atomic
def delete_tracked(*, instance: models.Model, actor=None, source: str = "") -> None:
    """Delete `instance` and record the deletion of it and of every tracked row deleted with it."""
    history.delete_with_history(instance=instance, actor=actor, source=source)
