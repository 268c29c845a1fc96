"""Activities in the workspace: organisations keep their own (the same scope as their services), see
who registered for each occurrence, mark attendance, export the list and tell participants of changes."""

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from perhekeskus.activities import feedback, recurrence, selectors, services
from perhekeskus.activities.models import Activity, Occurrence, Registration
from perhekeskus.activities.staff_forms import ActivityForm, OccurrenceChangeForm
from perhekeskus.activities.views import original_start_of
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.services import listing_delete
from perhekeskus.core.editing import create_from_form, edit_page, save_from_form, version_of
from perhekeskus.core.forms import add_errors
from perhekeskus.core.spreadsheet import inert
from perhekeskus.core.staff import staff_view

FEEDBACK_SHOWN = datetime.timedelta(days=365)  # the answers an activity's page counts


def _values(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name != "languages"}


def _tell_holidays(request, activity: Activity) -> None:
    """Which coming times (a year ahead) fall on holidays and so are not held, said on saving."""
    now = timezone.now()
    skipped = [
        o for o in recurrence.occurrences(activity, now, now + datetime.timedelta(days=366)) if o.holiday
    ]
    if skipped:
        days = ", ".join(f"{o.start:%d.%m.%Y} ({o.holiday})" for o in skipped)
        messages.info(
            request,
            _(
                "These times fall on public holidays and are not held: %(days)s. If the activity is held on "
                "them all the same, tick “held on public holidays”."
            )
            % {"days": days},
        )


@staff_view
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    service = get_object_or_404(
        Service.objects.editable_by(request.user).select_related("organization"), pk=pk
    )
    form = ActivityForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        saved = []

        def save() -> Activity:
            saved.append(
                services.activity_save(
                    actor=request.user,
                    values={**_values(form), "service": service},
                    languages=form.cleaned_data["languages"],
                )
            )
            return saved[0]

        done = create_from_form(
            request,
            form,
            save=save,
            message=lambda made: _("The activity %(name)s was saved.") % {"name": made.title_fi},
            page="workspace:activity_edit",
        )
        if done:
            _tell_holidays(request, saved[0])
            return done
    return render(
        request,
        "workspace/object_form.html",
        {"form": form, "name": _("an activity"), "subtitle": service.name},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = get_object_or_404(
        Activity.objects.editable_by(request.user).select_related("service__organization"), pk=pk
    )
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        service=activity.service,
        initial={"version": version_of(activity)},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        values, languages = _values(form), form.cleaned_data["languages"]
        conflict = save_from_form(
            request,
            form=form,
            instance=activity,
            save=lambda fresh: services.activity_save(
                actor=request.user, values=values, activity=fresh, languages=languages
            ),
            message=_("The changes to %(name)s were saved.") % {"name": values["title_fi"]},
        )
        if conflict is None and not form.errors:
            _tell_holidays(request, Activity.objects.get(pk=activity.pk))
            return redirect("workspace:activity_edit", pk=activity.pk)
    now = timezone.now()
    upcoming = recurrence.occurrences(
        activity,
        now - datetime.timedelta(days=14),
        now + datetime.timedelta(days=120),
        even_if_cancelled=True,
    )
    return edit_page(
        request,
        "activities/staff_activity.html",
        activity,
        form,
        conflict,
        name=activity.title_fi,
        subtitle=activity.service.name,
        activity=activity,
        upcoming=upcoming,
        feedback=feedback.answers_of(activity, now - FEEDBACK_SHOWN),
        can_undo=False,
    )


def _occurrence(request, pk, start) -> tuple[Activity, recurrence.Occurrence]:
    activity = get_object_or_404(
        Activity.objects.editable_by(request.user).select_related("service__organization"), pk=pk
    )
    occurrence = selectors.occurrence_for(activity, original_start_of(start), even_if_cancelled=True)
    if occurrence is None:
        raise Http404
    return activity, occurrence


def _registrations(activity, occurrence):
    row = Occurrence.objects.filter(activity=activity, start=occurrence.original_start).first()
    return list(row.registrations.all()) if row else []


@staff_view
@require_http_methods(["GET", "POST"])
def occurrence_page(request, pk, start):
    """One occurrence: who registered (and who waits), attendance, cancelling or moving it."""
    activity, occurrence = _occurrence(request, pk, start)
    registrations = _registrations(activity, occurrence)
    initial = {"action": "cancel" if occurrence.cancelled else ("move" if occurrence.moved else "held"),
               "note": occurrence.note}  # fmt: skip
    form = OccurrenceChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and "attendance" in request.POST:
        present = set(request.POST.getlist("present"))
        services.attendance_mark(
            registrations=registrations, attended={r.pk for r in registrations if str(r.pk) in present}
        )
        messages.success(request, _("Attendance was saved."))
        return redirect("workspace:activity_occurrence", pk=pk, start=start)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            services.occurrence_change(
                actor=request.user,
                activity=activity,
                original_start=occurrence.original_start,
                cancelled=action == "cancel",
                new_start=form.cleaned_data["new_start"] if action == "move" else None,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            told = 0
            new_start = form.cleaned_data["new_start"] if action == "move" else None
            changed = (
                (action == "cancel" and not occurrence.cancelled)
                or (action == "move" and new_start != occurrence.start)
                or (action == "held" and (occurrence.cancelled or occurrence.moved))
            )
            if changed and form.cleaned_data["tell_participants"]:
                told = services.occurrence_tell(
                    activity=activity,
                    original_start=occurrence.original_start,
                    note=form.cleaned_data["note"],
                )
            messages.success(
                request,
                _("Saved. %(count)s participants were told by e-mail or text message.") % {"count": told},
            )
            return redirect("workspace:activity_occurrence", pk=pk, start=start)
    return render(
        request,
        "activities/staff_occurrence.html",
        {
            "activity": activity,
            "occurrence": occurrence,
            "registrations": registrations,
            "form": form,
            "start": start,
            "confirmed_people": sum(
                r.people for r in registrations if r.status == Registration.Status.CONFIRMED
            ),
        },
    )


@staff_view
def participants_csv(request, pk, start):
    activity, occurrence = _occurrence(request, pk, start)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{start}.csv"'
    response.write("\ufeff")  # a spreadsheet opens it as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("Status"),
            _("Adults"),
            _("Children"),
            _("E-mail"),
            _("Phone"),
            _("Needs"),
            _("Attended"),
        ]
    )
    for r in _registrations(activity, occurrence):
        attended = "" if r.attended is None else (_("yes") if r.attended else _("no"))
        cells = [r.name, r.get_status_display(), r.adults, r.children, r.email, r.phone, r.needs, attended]
        writer.writerow([inert(cell) for cell in cells])
    return response


@require_POST
@staff_view
def activity_remove(request, pk):
    activity = get_object_or_404(
        Activity.objects.editable_by(request.user).select_related("service__organization"), pk=pk
    )
    service = activity.service
    if Registration.objects.filter(occurrence__activity=activity, erased_at__isnull=True).exists():
        messages.error(request, _("The activity has registrations: mark it cancelled for good instead."))
        return redirect("workspace:activity_edit", pk=pk)
    listing_delete(actor=request.user, instance=activity)
    messages.success(request, _("%(name)s was removed.") % {"name": activity.title_fi})
    return redirect(reverse("workspace:service_edit", args=[service.pk]))


@require_POST
@staff_view
def activity_duplicate(request, pk):
    """A copy to edit: the same activity starting next week (e.g. the next term's group)."""
    activity = get_object_or_404(
        Activity.objects.editable_by(request.user).select_related("service__organization"), pk=pk
    )
    try:
        copy = services.activity_duplicate(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workspace:activity_edit", pk=pk)
    messages.success(request, _("A copy of %(name)s was made: edit it here.") % {"name": activity.title_fi})
    _tell_holidays(request, copy)
    return redirect("workspace:activity_edit", pk=copy.pk)
