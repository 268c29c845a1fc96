"""Opening hours in one form: the schedule's validity, the week as a grid and the exceptions.

Besides saving, the form's buttons copy Monday's hours to Tuesday–Friday, copy the weekly hours of
another of the organisation's schedules, or add empty exception rows: these only show the form again
with the change, and nothing is stored until the person saves. Saving is checked against a newer edit
(core.editing) and recorded in the change history."""

from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Schedule
from perhekeskus.core.editing import create_from_form, edit_page, save_from_form, version_of
from perhekeskus.core.staff import staff_view
from perhekeskus.workspace.hours_forms import (
    EXCEPTION_ROWS,
    CopyFromForm,
    ExceptionFormSet,
    ScheduleForm,
    WeekForm,
    schedule_label,
)

EXCEPTION_FIELDS = ("date", "closed", "opens", "closes", "reason_fi", "reason_sv", "reason_en")
# The buttons that change the form without saving it, by their name.
COPY_WEEKDAYS, COPY_FROM, MORE_EXCEPTIONS = "copy_weekdays", "copy_from", "more_exceptions"


def _copy_choices(user, delivery: Delivery, schedule: Schedule | None):
    """The schedules whose weekly hours may be copied here: the organisation's that `user` may edit."""
    choices = Schedule.objects.editable_by(user).filter(
        delivery__service__organization_id=delivery.service.organization_id
    )
    if schedule is not None:
        choices = choices.exclude(pk=schedule.pk)
    return choices.select_related("delivery__service", "delivery__location", "delivery__mode").order_by(
        "delivery__service__name_fi", "valid_from"
    )


def _rules_of(schedule: Schedule | None) -> list[dict]:
    if schedule is None:
        return []
    return [{"weekday": r.weekday, "opens": r.opens, "closes": r.closes} for r in schedule.rules.all()]


def _hours_forms(request, delivery: Delivery, schedule: Schedule | None) -> dict:
    """The page's forms, with the change asked for by a button that does not save (`action`)."""
    data = request.POST.copy() if request.method == "POST" else None
    action = next(
        (name for name in (COPY_WEEKDAYS, COPY_FROM, MORE_EXCEPTIONS) if data and name in data), None
    )
    choices = _copy_choices(request.user, delivery, schedule)
    copy_form = CopyFromForm(initial={"source": data.get("copy-source")} if data else None, choices=choices)
    if action == COPY_WEEKDAYS:
        WeekForm.copy_monday(data)
        messages.info(request, _("Monday's hours were copied to Tuesday–Friday. Save to keep them."))
    elif action == COPY_FROM:
        # Only a choice of the list: another organisation's schedule is refused, and none of it shown.
        copy_form = CopyFromForm(data, choices=choices)
        if copy_form.is_valid():
            source = copy_form.cleaned_data["source"]
            WeekForm.replace(data, _rules_of(source))
            messages.info(
                request,
                _("The weekly hours of %(place)s were copied here. Save to keep them.")
                % {"place": schedule_label(source)},
            )
    elif action == MORE_EXCEPTIONS:
        with suppress(ValueError):  # a broken count: the formset reports its management form
            total = int(data.get("exceptions-TOTAL_FORMS", ""))
            data["exceptions-TOTAL_FORMS"] = str(total + EXCEPTION_ROWS)
            # As the browser sends an empty row ("closed" ticked by default), so that it stays unchanged.
            for row in range(total, total + EXCEPTION_ROWS):
                data[f"exceptions-{row}-closed"] = "on"
    exceptions = []
    if schedule is not None:
        exceptions = [{f: getattr(e, f) for f in EXCEPTION_FIELDS} for e in schedule.exceptions.all()]
    return {
        "action": action,
        "form": ScheduleForm(
            data, instance=schedule, initial={"version": version_of(schedule)} if schedule else None
        ),
        "week_form": WeekForm(data, rules=_rules_of(schedule)),
        "exception_forms": ExceptionFormSet(data, initial=exceptions, prefix="exceptions"),
        "copy_form": copy_form,
    }


def _to_save(parts: dict) -> bool:
    """A press of "save" with every part of the form valid."""
    return parts["action"] is None and all(
        part.is_valid() for part in (parts["form"], parts["week_form"], parts["exception_forms"])
    )


def _save(request, parts: dict, values: dict, schedule: Schedule | None) -> Schedule:
    """schedule_save with the grid's rules and the kept exceptions; a refusal marks the cells and rows
    it is about, and says on top of the form that nothing was saved."""
    week, exceptions = parts["week_form"], parts["exception_forms"]
    try:
        return catalog_services.schedule_save(
            actor=request.user,
            values=values,
            schedule=schedule,
            rules=week.rules,
            exceptions=exceptions.kept(),
        )
    except ValidationError as error:
        rest = exceptions.take_errors(week.take_errors(error))
        raise ValidationError(rest or _("Nothing was saved: correct the marked times.")) from error


def _has_errors(parts: dict) -> bool:
    return bool(parts["form"].errors or parts["week_form"].errors or any(parts["exception_forms"].errors))


def _context(parts: dict, delivery: Delivery) -> dict:
    return {
        "form": parts["form"],
        "week_form": parts["week_form"],
        "exception_forms": parts["exception_forms"],
        "copy_form": parts["copy_form"],
        "delivery": delivery,
        "service": delivery.service,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def schedule_edit(request, pk):
    """Weekly hours, validity and exceptions (holidays, summer closures) of one schedule of a delivery."""
    schedule = get_object_or_404(
        Schedule.objects.editable_by(request.user).select_related(
            "delivery__service", "delivery__location", "delivery__mode"
        ),
        pk=pk,
    )
    parts = _hours_forms(request, schedule.delivery, schedule)
    conflict = None
    if request.method == "POST" and _to_save(parts):
        form = parts["form"]
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        conflict = save_from_form(
            request,
            form=form,
            instance=schedule,
            save=lambda fresh: _save(request, parts, values, fresh),
            message=_("The opening hours were saved."),
        )
        if conflict is None and not _has_errors(parts):
            return redirect("workspace:schedule_edit", pk=schedule.pk)
    context = _context(parts, schedule.delivery)
    del context["form"]
    return edit_page(
        request,
        "workspace/schedule_form.html",
        schedule,
        parts["form"],
        conflict,
        schedule=schedule,
        **context,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def schedule_create(request, pk):
    """Opening hours for a delivery: open-ended, or for a period (summer hours) that overrides them."""
    delivery = get_object_or_404(
        Delivery.objects.editable_by(request.user).select_related("service", "location", "mode"), pk=pk
    )
    parts = _hours_forms(request, delivery, None)
    if request.method == "POST" and _to_save(parts):
        form = parts["form"]
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        done = create_from_form(
            request,
            form,
            save=lambda: _save(request, parts, {**values, "delivery": delivery}, None),
            message=lambda made: _("The opening hours were saved."),
            page="workspace:schedule_edit",
        )
        if done:
            return done
    return render(request, "workspace/schedule_form.html", _context(parts, delivery))
