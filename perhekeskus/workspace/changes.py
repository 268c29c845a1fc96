"""Changes as people read them: field labels instead of names, choices and related rows by name."""

from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from perhekeskus.core.history import diff, history_of, snapshot
from perhekeskus.core.models import ChangeRecord, Publication


def _field(model: type[models.Model], name: str) -> models.Field | None:
    """The model's own field of that name; None for child rows (contacts, a schedule's rules)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return None if field.auto_created and not field.concrete else field


CHILD_ROWS = {
    "contacts": _lazy("contacts"),
    "rules": _lazy("weekly hours"),
    "exceptions": _lazy("exceptions"),
}


def _label(field: models.Field | None, name: str) -> str:
    return str(field.verbose_name) if field is not None else str(CHILD_ROWS.get(name, name))


def _shown(field: models.Field | None, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.many_to_one:
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found is not None else str(value)
    if field is not None and field.many_to_many and isinstance(value, list) and value:
        # Related rows by id (organisations, municipalities) or by code (types): names where found.
        related = field.related_model._default_manager
        key = "code" if any(f.name == "code" for f in field.related_model._meta.fields) else "pk"
        try:
            names = {str(getattr(obj, key)): str(obj) for obj in related.filter(**{f"{key}__in": value})}
        except (ValueError, ValidationError):
            names = {}
        return ", ".join(names.get(str(item), str(item)) for item in value)
    if isinstance(value, list):
        return "; ".join(
            ", ".join(f"{k}: {v}" for k, v in item.items() if v not in (None, ""))
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return str(value)


def rows(model: type[models.Model], changes: dict) -> list[dict]:
    """[{label, old, new}] of a recorded difference ({name: {old, new}})."""
    result = []
    for name, change in changes.items():
        field = _field(model, name)
        result.append(
            {
                "label": _label(field, name),
                "old": _shown(field, change["old"]),
                "new": _shown(field, change["new"]),
            }
        )
    return result


def since_published(instance: models.Model) -> dict:
    """What publishing `instance` now would change for the public: its difference from when it was last
    published (walking its history back), or all of it when it never was."""
    current = snapshot(instance)
    state = dict(current)
    for record in history_of(instance).order_by("-changed_at"):
        if record.action != ChangeRecord.Action.UPDATED:
            break
        for name, change in record.changes.items():
            state[name] = change["old"]
        if state.get("publication") == Publication.PUBLISHED:
            return diff(state, current)
    return diff(None, current)
