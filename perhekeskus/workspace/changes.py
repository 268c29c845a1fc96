"""Changes as people read them: field labels instead of names, choices and related rows by name."""

import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perhekeskus.core.history import diff, history_of, snapshot
from perhekeskus.core.models import ChangeRecord, Publication


def _field(model: type[models.Model], name: str) -> models.Field | None:
    """The model's own field of that name; None for child rows (contacts, a schedule's rules)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return None if field.auto_created and not field.concrete else field


def _child_model(model: type[models.Model], name: str) -> type[models.Model] | None:
    """The model of child rows kept in a snapshot under `name` (a schedule's "rules": OpeningRule)."""
    try:
        relation = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return relation.related_model if relation.auto_created and not relation.concrete else None


CHILD_ROWS = {
    "contacts": gettext_lazy("contacts"),
    "rules": gettext_lazy("weekly hours"),
    "exceptions": gettext_lazy("exceptions"),
    "changes": gettext_lazy("changed times"),  # an activity's times moved or cancelled one by one
}


def _label(field: models.Field | None, name: str) -> str:
    return str(field.verbose_name) if field is not None else str(CHILD_ROWS.get(name, name))


def _person(found: models.Model) -> str:
    """A related row by name; a person by full name (their account's name is an e-mail address)."""
    if hasattr(found, "get_full_name"):
        return found.get_full_name() or found.email or found.get_username()
    return str(found)


def _moment(field: models.Field | None, value: str) -> str | None:
    """A stored ISO date, time or moment as people write it (5.12.2026, 9.00); None for other values."""
    try:
        if isinstance(field, models.DateTimeField):
            return formats.date_format(
                timezone.localtime(datetime.datetime.fromisoformat(value)), "SHORT_DATETIME_FORMAT"
            )
        if isinstance(field, models.DateField):
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        if isinstance(field, models.TimeField):
            return formats.time_format(datetime.time.fromisoformat(value), "TIME_FORMAT")
    except (TypeError, ValueError):
        return None
    return None


def _shown(field: models.Field | None, value: Any, child: type[models.Model] | None = None) -> str:
    """A recorded value in words: choices by their label, yes/no, related rows by name, dates as dates,
    child rows (a schedule's weekly hours) with their fields' labels."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.many_to_one:
        found = field.related_model._default_manager.filter(pk=value).first()
        return _person(found) if found is not None else str(value)
    if field is not None and field.many_to_many and isinstance(value, list) and value:
        # Related rows by id (organisations, municipalities) or by code (types): names where found.
        related = field.related_model._default_manager
        key = "code" if any(f.name == "code" for f in field.related_model._meta.fields) else "pk"
        try:
            names = {str(getattr(obj, key)): str(obj) for obj in related.filter(**{f"{key}__in": value})}
        except (ValueError, ValidationError):
            names = {}
        return ", ".join(names.get(str(item), str(item)) for item in value)
    if isinstance(value, str) and field is not None and (moment := _moment(field, value)) is not None:
        return moment
    if isinstance(value, list):
        return "; ".join(_child_row(child, item) if isinstance(item, dict) else str(item) for item in value)
    return str(value)


def _child_row(child: type[models.Model] | None, item: dict) -> str:
    """One child row ("weekday: Monday, opens: 9.00") with its fields' labels; position is left out."""
    parts = []
    for name, value in item.items():
        if value in (None, "") or name == "position":
            continue
        field = _field(child, name) if child is not None else None
        label = str(field.verbose_name) if field is not None else name
        parts.append(f"{label}: {_shown(field, value)}")
    return ", ".join(parts)


def rows(model: type[models.Model], changes: dict) -> list[dict]:
    """[{label, old, new}] of a recorded difference ({name: {old, new}})."""
    result = []
    for name, change in changes.items():
        field = _field(model, name)
        child = _child_model(model, name)
        result.append(
            {
                "label": _label(field, name),
                "old": _shown(field, change["old"], child),
                "new": _shown(field, change["new"], child),
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
