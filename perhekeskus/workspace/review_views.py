"""Review: confirming that a listing is still accurate, the steps from draft to published, the
coordinators' review queue, and a coordinator undoing a change."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Location, Schedule, Service
from perhekeskus.core.history import snapshot
from perhekeskus.core.models import ChangeRecord, Publication
from perhekeskus.network.models import Organization
from perhekeskus.network.selectors import (
    coordinates,
    is_coordinator,
    organizations_coordinated_by,
    organizations_of,
)
from perhekeskus.workspace import changes, publishing
from perhekeskus.workspace.editing import version_of
from perhekeskus.workspace.views import safe_next_url, staff_view


@require_POST
@staff_view
def service_confirm(request, pk):
    """ "Still accurate": one click records today's review and who made it (in the change history)."""
    service = get_object_or_404(
        Service.objects.filter(organization__in=organizations_of(request.user)), pk=pk
    )
    try:
        catalog_services.service_save(
            actor=request.user, values=catalog_services.reviewed_by(request.user), service=service
        )
    except ValidationError as error:
        # A listing that no longer passes the checks (imported so, say) is corrected before it is confirmed.
        messages.error(
            request,
            _("%(name)s cannot be marked as checked before it is corrected: %(reason)s")
            % {"name": service.name, "reason": " ".join(error.messages)},
        )
    else:
        messages.success(
            request, _("Thank you: %(name)s is marked as checked today.") % {"name": service.name}
        )
    return HttpResponseRedirect(safe_next_url(request))


def undoable(record: ChangeRecord, service: Service) -> tuple[dict, dict]:
    """What undoing a service update writes: the old values of its fields and relations (types, life
    situations, languages, areas) that still hold what the change wrote. A field edited again since
    is left alone, so undoing never loses a newer edit; contacts and links to other rows are edited by
    hand; publication and review dates move only through their own steps."""
    if record.action != ChangeRecord.Action.UPDATED or record.content_type.model_class() is not Service:
        return {}, {}
    current = snapshot(service)
    values, relations = {}, {}
    for name, change in record.changes.items():
        if current.get(name) != change["new"]:
            continue
        try:
            field = Service._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            model = field.related_model
            key = "code" if any(f.name == "code" for f in model._meta.fields) else "pk"
            relations[name] = list(model.objects.filter(**{f"{key}__in": change["old"] or []}))
        elif (
            field.concrete and not field.is_relation and field.editable and name not in Service.REVIEW_FIELDS
        ):
            values[name] = change["old"]
    return values, relations


@require_POST
@staff_view
def change_revert(request, pk):
    record = get_object_or_404(ChangeRecord.objects.select_related("content_type"), pk=pk)
    service = (
        Service.objects.filter(pk=record.object_id, organization__in=organizations_of(request.user))
        .select_related("organization")
        .first()
    )
    if service is None:
        raise Http404  # outsiders learn nothing
    if not coordinates(request.user, service.organization):
        raise PermissionDenied
    try:
        with transaction.atomic():
            locked = Service.objects.select_for_update().get(pk=service.pk)
            values, relations = undoable(record, locked)
            if values or relations:
                catalog_services.service_save(actor=request.user, values=values, service=locked, **relations)
    except ValidationError as error:
        messages.error(
            request, _("The change could not be undone: %(reason)s") % {"reason": " ".join(error.messages)}
        )
        return redirect("workspace:service_edit", pk=service.pk)
    if values or relations:
        messages.success(request, _("The change was undone; the undoing is in the history too."))
    else:
        messages.error(
            request,
            _(
                "This change cannot be undone automatically: its fields have changed since, or it was not "
                "a field edit. Edit the service instead."
            ),
        )
    return redirect("workspace:service_edit", pk=service.pk)


def _step(request, instance, step_name: str, edit_url: str):
    try:
        moved = publishing.take_step(
            actor=request.user,
            instance=instance,
            step_name=step_name,
            seen_version=request.POST.get("version"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s: %(state)s.") % {"name": moved.name, "state": moved.get_publication_display()},
        )
    return HttpResponseRedirect(safe_next_url(request) if request.POST.get("next") else edit_url)


@require_POST
@staff_view
def service_step(request, pk):
    """A step of the review workflow (send for review, publish, return, archive, …); who may take which
    is in publishing.STEPS."""
    service = get_object_or_404(
        Service.objects.filter(organization__in=organizations_of(request.user)).select_related(
            "organization"
        ),
        pk=pk,
    )
    return _step(request, service, request.POST.get("step", ""), reverse("workspace:service_edit", args=[pk]))


@require_POST
@staff_view
def organization_step(request, pk):
    organization = get_object_or_404(organizations_of(request.user), pk=pk)
    return _step(
        request, organization, request.POST.get("step", ""), reverse("workspace:organization_edit", args=[pk])
    )


RECENT_DAYS = 30


@staff_view
def review_queue(request):
    """Coordinators: what waits for publishing, each with what it would change for the public, and the
    changes made to the network's listings in the last 30 days."""
    coordinated = organizations_coordinated_by(request.user)
    if not is_coordinator(request.user):
        raise PermissionDenied
    pending = [
        *coordinated.filter(publication=Publication.PENDING).order_by("modified_at"),
        *Service.objects.filter(organization__in=coordinated, publication=Publication.PENDING)
        .select_related("organization")
        .order_by("modified_at"),
    ]
    waiting = [
        {
            "instance": item,
            "is_service": isinstance(item, Service),
            "rows": changes.rows(type(item), changes.since_published(item)),
            "steps": publishing.steps_for(request.user, item),
            "version": version_of(item),
            "deliveries": (
                item.deliveries.select_related("location", "mode").prefetch_related(
                    "municipalities", "schedules__rules", "schedules__exceptions"
                )
                if isinstance(item, Service)
                else []
            ),
        }
        for item in pending
    ]
    services = Service.objects.filter(organization__in=coordinated)
    deliveries = Delivery.objects.filter(service__in=services)
    scoped = {
        Organization: coordinated.values("pk"),
        Service: services.values("pk"),
        Location: Location.objects.filter(organization__in=coordinated).values("pk"),
        Delivery: deliveries.values("pk"),
        Schedule: Schedule.objects.filter(delivery__in=deliveries).values("pk"),
    }
    in_network = Q()
    for model, ids in scoped.items():
        in_network |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    recent = (
        ChangeRecord.objects.filter(in_network, changed_at__gte=timezone.now() - timedelta(days=RECENT_DAYS))
        .select_related("actor", "content_type")
        .order_by("-changed_at")[:100]
    )
    return render(
        request, "workspace/review_queue.html", {"waiting": waiting, "recent": recent, "days": RECENT_DAYS}
    )
