"""Keeping listings true: editing services and their opening hours, each save checked against a newer
edit (editing.py) and recorded in the change history, which editors and coordinators can read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Schedule, Service
from perhekeskus.network.selectors import organizations_of
from perhekeskus.workspace.editing import EditConflict, history_of, save_unless_changed, version_of
from perhekeskus.workspace.listing_forms import ExceptionFormSet, RuleFormSet, ScheduleForm, ServiceForm
from perhekeskus.workspace.views import staff_view

RELATIONS = ("service_types", "life_situations", "languages", "service_areas")


def _services_of(user):
    return Service.objects.filter(organization__in=organizations_of(user)).select_related("organization")


def _add_errors(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@staff_view
@require_http_methods(["GET", "POST"])
def service_edit(request, pk):
    service = get_object_or_404(_services_of(request.user), pk=pk)
    form = ServiceForm(
        request.POST or None,
        instance=service,
        organization=service.organization,
        initial={"version": version_of(service)},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in form.Meta.fields if name not in RELATIONS}
        fresh = Service.objects.get(pk=service.pk)  # the form changed `service` in memory
        try:
            save_unless_changed(
                instance=fresh,
                version=data["version"],
                save=lambda: catalog_services.service_save(
                    actor=request.user,
                    values=values,
                    service=fresh,
                    **{name: data[name] for name in RELATIONS},
                ),
            )
        except EditConflict as refused:
            conflict = refused.changes
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The changes to %(name)s were saved.") % {"name": fresh.name})
            return redirect("workspace:service_edit", pk=service.pk)
    context = {
        "service": service,
        "form": form,
        "conflict": conflict,
        "history": history_of(service)[:20],
        "deliveries": deliveries_of(service),
    }
    return render(request, "workspace/service_form.html", context, status=409 if conflict else 200)


def _schedule_rows(formset, drop: tuple[str, ...] = ("DELETE",)) -> list[dict]:
    return [
        {k: v for k, v in form.cleaned_data.items() if k not in drop}
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@staff_view
@require_http_methods(["GET", "POST"])
def schedule_edit(request, pk):
    """Weekly hours, validity and exceptions (holidays, summer closures) of one schedule of a delivery."""
    schedule = get_object_or_404(
        Schedule.objects.filter(delivery__service__in=_services_of(request.user)).select_related(
            "delivery__service", "delivery__location", "delivery__mode"
        ),
        pk=pk,
    )
    rules = [
        {"weekday": r.weekday, "opens": r.opens, "closes": r.closes, "closes_next_day": r.closes_next_day}
        for r in schedule.rules.all()
    ]
    exceptions = [
        {
            f: getattr(e, f)
            for f in ("date", "closed", "opens", "closes", "reason_fi", "reason_sv", "reason_en")
        }
        for e in schedule.exceptions.all()
    ]
    form = ScheduleForm(request.POST or None, instance=schedule, initial={"version": version_of(schedule)})
    rule_forms = RuleFormSet(request.POST or None, initial=rules, prefix="rules")
    exception_forms = ExceptionFormSet(request.POST or None, initial=exceptions, prefix="exceptions")
    conflict = None
    if request.method == "POST" and form.is_valid() and rule_forms.is_valid() and exception_forms.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        fresh = Schedule.objects.get(pk=schedule.pk)
        try:
            save_unless_changed(
                instance=fresh,
                version=form.cleaned_data["version"],
                save=lambda: catalog_services.schedule_save(
                    actor=request.user,
                    values=values,
                    schedule=fresh,
                    rules=_schedule_rows(rule_forms),
                    exceptions=_schedule_rows(exception_forms),
                ),
            )
        except EditConflict as refused:
            conflict = refused.changes
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The opening hours were saved."))
            return redirect("workspace:schedule_edit", pk=schedule.pk)
    context = {
        "schedule": schedule,
        "service": schedule.delivery.service,
        "form": form,
        "rule_forms": rule_forms,
        "exception_forms": exception_forms,
        "conflict": conflict,
        "history": history_of(schedule)[:20],
    }
    return render(request, "workspace/schedule_form.html", context, status=409 if conflict else 200)


def deliveries_of(service: Service):
    return (
        Delivery.objects.filter(service=service)
        .select_related("location", "mode")
        .prefetch_related("schedules")
    )
