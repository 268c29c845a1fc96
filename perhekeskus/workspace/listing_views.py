"""Keeping listings true: editing organisations, places, services and opening hours. Each save is
checked against a newer edit (editing.py) and recorded in the change history, which editors and
coordinators read on the same page."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Location, Schedule, Service
from perhekeskus.network import selectors
from perhekeskus.network.models import Organization
from perhekeskus.network.services import organization_save
from perhekeskus.workspace.editing import EditConflict, history_of, save_unless_changed, version_of
from perhekeskus.workspace.listing_forms import (
    ExceptionFormSet,
    LocationForm,
    OrganizationForm,
    RuleFormSet,
    ScheduleForm,
    ServiceForm,
)
from perhekeskus.workspace.views import staff_view

RELATIONS = ("service_types", "life_situations", "languages", "service_areas")


def _services_of(user):
    return Service.objects.filter(organization__in=selectors.organizations_of(user)).select_related(
        "organization"
    )


def _saved(request, *, form, instance, save: Callable[[object], object], message: str) -> list | None:
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
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return None
    messages.success(request, message)
    return None


def _page(request, template: str, instance, form, conflict, **context):
    context = {"form": form, "conflict": conflict, "history": history_of(instance)[:20], **context}
    return render(request, template, context, status=409 if conflict else 200)


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
        conflict = _saved(
            request,
            form=form,
            instance=service,
            save=lambda fresh: catalog_services.service_save(
                actor=request.user, values=values, service=fresh, **{name: data[name] for name in RELATIONS}
            ),
            message=_("The changes to %(name)s were saved.") % {"name": data["name_fi"]},
        )
        if conflict is None and not form.errors:
            return redirect("workspace:service_edit", pk=service.pk)
    can_undo = Organization.objects.filter(
        pk=service.organization_id, networks__coordinators__user=request.user
    )
    return _page(
        request,
        "workspace/service_form.html",
        service,
        form,
        conflict,
        service=service,
        deliveries=Delivery.objects.filter(service=service)
        .select_related("location", "mode")
        .prefetch_related("schedules"),
        can_undo=can_undo.exists(),
    )


@staff_view
@require_http_methods(["GET", "POST"])
def location_edit(request, pk):
    place = get_object_or_404(
        Location.objects.filter(organization__in=selectors.organizations_of(request.user)).select_related(
            "organization"
        ),
        pk=pk,
    )
    form = LocationForm(
        request.POST or None,
        instance=place,
        organization=place.organization,
        initial={"version": version_of(place)},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        conflict = _saved(
            request,
            form=form,
            instance=place,
            save=lambda fresh: catalog_services.location_save(
                actor=request.user, values=values, location=fresh
            ),
            message=_("The changes to %(name)s were saved.") % {"name": values["name_fi"]},
        )
        if conflict is None and not form.errors:
            return redirect("workspace:location_edit", pk=place.pk)
    return _page(
        request,
        "workspace/object_form.html",
        place,
        form,
        conflict,
        name=place.name,
        subtitle=place.organization.name,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    """An organisation's own details: its admins and the network's coordinators (editors keep the
    listings, not the organisation)."""
    organization = get_object_or_404(selectors.organizations_of(request.user), pk=pk)
    if not selectors.manages_members(request.user, organization):
        raise PermissionDenied
    form = OrganizationForm(
        request.POST or None, instance=organization, initial={"version": version_of(organization)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        conflict = _saved(
            request,
            form=form,
            instance=organization,
            save=lambda fresh: organization_save(actor=request.user, values=values, organization=fresh),
            message=_("The changes to %(name)s were saved.") % {"name": values["name_fi"]},
        )
        if conflict is None and not form.errors:
            return redirect("workspace:organization_edit", pk=organization.pk)
    return _page(request, "workspace/object_form.html", organization, form, conflict, name=organization.name)


def _schedule_rows(formset) -> list[dict]:
    """The rows to keep: every stored row not marked for removal, and the new rows filled in (an empty
    extra row is left out)."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for index, form in enumerate(formset.forms)
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and (index < formset.initial_form_count() or form.has_changed())
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
        conflict = _saved(
            request,
            form=form,
            instance=schedule,
            save=lambda fresh: catalog_services.schedule_save(
                actor=request.user,
                values=values,
                schedule=fresh,
                rules=_schedule_rows(rule_forms),
                exceptions=_schedule_rows(exception_forms),
            ),
            message=_("The opening hours were saved."),
        )
        if conflict is None and not form.errors:
            return redirect("workspace:schedule_edit", pk=schedule.pk)
    return _page(
        request,
        "workspace/schedule_form.html",
        schedule,
        form,
        conflict,
        schedule=schedule,
        service=schedule.delivery.service,
        rule_forms=rule_forms,
        exception_forms=exception_forms,
    )
