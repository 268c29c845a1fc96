"""Saving from a staff form without losing someone else's edit, and the form pages that do it.

A form (core.forms.VersionedForm) carries the version it was opened at: the time of the newest change
record of the object. A save first locks the row, and refuses when a newer change was recorded in
between (no lost updates); the refusal names who changed what, so the person can redo their edit on
top. The edit page shows the conflict (409) and the object's history."""

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.shortcuts import redirect, render

from perhekeskus.core.forms import add_errors
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


def save_from_form(request, *, form, instance, save: Callable[[object], object], message: str) -> list | None:
    """Save `form`'s data with `save(fresh_instance)` unless someone saved since the form was opened.
    Returns the newer changes on a conflict; None when saved (or the form has errors)."""
    fresh = type(instance).objects.get(pk=instance.pk)  # the form changed `instance` in memory
    try:
        save_unless_changed(instance=fresh, version=form.cleaned_data["version"], save=lambda: save(fresh))
    except EditConflict as refused:
        # The form keeps the person's edit but now carries the current version: saving it again is a
        # choice made knowing what the other person changed.
        form.data = form.data.copy()
        form.data["version"] = version_of(fresh)
        return refused.changes
    except ValidationError as error:
        add_errors(form, error)
        return None
    messages.success(request, message)
    return None


def edit_page(request, template: str, instance, form, conflict, **context):
    """`instance`'s edit page: the form, the newer changes it conflicts with (409) and the history."""
    # `editing`: the page of a stored object (a new one has its id too, from its field's default).
    context = {
        "form": form,
        "conflict": conflict,
        "history": history_of(instance)[:20],
        "editing": True,
        **context,
    }
    return render(request, template, context, status=409 if conflict else 200)


def create_from_form(
    request, form, *, save: Callable[[], object], message: Callable[[object], str], page: str
):
    """Save a new object from a valid form: the refusal's reasons go on the form (None), or the person
    goes on to the new object's page."""
    try:
        made = save()
    except ValidationError as error:
        add_errors(form, error)
        return None
    messages.success(request, message(made))
    return redirect(page, pk=made.pk)
