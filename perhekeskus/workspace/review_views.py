"""Review: confirming that a listing is still accurate, the steps from draft to published, the
coordinators' review queue, and a coordinator undoing a change."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perhekeskus.catalog import completeness, publishing
from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Location, Schedule, Service
from perhekeskus.core import services as core_services
from perhekeskus.core.editing import version_of
from perhekeskus.core.history import history_of
from perhekeskus.core.models import ChangeRecord, Publication
from perhekeskus.core.staff import safe_next_url, staff_view
from perhekeskus.network.models import Network, Organization
from perhekeskus.workspace import changes


@require_POST
@staff_view
def service_confirm(request, pk):
    """ "Still accurate": one click records today's review and who made it (in the change history)."""
    service = get_object_or_404(Service.objects.editable_by(request.user), pk=pk)
    try:
        catalog_services.service_review_confirm(actor=request.user, service=service)
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


# What a coordinator may undo, with how to find the object's organisation and where its page is.
UNDOABLE = {
    Service: ("organization", "workspace:service_edit"),
    Location: ("organization", "workspace:location_edit"),
    Delivery: ("service__organization", "workspace:delivery_edit"),
    Organization: ("pk", "workspace:organization_edit"),
}


@require_POST
@staff_view
def change_revert(request, pk):
    """Coordinators undo an update of a service, a place, a delivery or an organisation of their network."""
    record = get_object_or_404(ChangeRecord.objects.select_related("content_type"), pk=pk)
    model = record.content_type.model_class()
    if model not in UNDOABLE:
        raise Http404
    through, page = UNDOABLE[model]
    scope = {f"{through}__in": Organization.objects.listings_editable_by(request.user)}
    instance = model.objects.filter(pk=record.object_id, **scope).first()
    if instance is None:
        raise Http404  # outsiders learn nothing
    if not model.objects.filter(
        pk=instance.pk, **{f"{through}__in": Organization.objects.coordinated_by(request.user)}
    ).exists():
        raise PermissionDenied
    try:
        undone = core_services.change_revert(actor=request.user, record=record, instance=instance)
    except ValidationError as error:
        messages.error(
            request, _("The change could not be undone: %(reason)s") % {"reason": " ".join(error.messages)}
        )
        return redirect(page, pk=instance.pk)
    if undone:
        messages.success(request, _("The change was undone; the undoing is in the history too."))
    else:
        messages.error(
            request,
            _(
                "This change cannot be undone automatically: its fields have changed since, or it was not "
                "a field edit. Edit it instead."
            ),
        )
    return redirect(page, pk=instance.pk)


def _step(request, instance, step_name: str, edit_url: str):
    try:
        moved = publishing.take_step(
            actor=request.user,
            instance=instance,
            step_name=step_name,
            seen_version=request.POST.get("version"),
            note=request.POST.get("note", ""),
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
        Service.objects.editable_by(request.user).select_related("organization"), pk=pk
    )
    return _step(request, service, request.POST.get("step", ""), reverse("workspace:service_edit", args=[pk]))


@require_POST
@staff_view
def organization_step(request, pk):
    organization = get_object_or_404(Organization.objects.listings_editable_by(request.user), pk=pk)
    return _step(
        request, organization, request.POST.get("step", ""), reverse("workspace:organization_edit", args=[pk])
    )


RECENT_DAYS = 30


def _changed_fields(item) -> tuple[list[dict], bool]:
    """What publishing `item` changes for the public, as readable rows of the fields that differ
    (review bookkeeping left out), and whether it was ever published."""
    model = type(item)
    bookkeeping = getattr(model, "REVIEW_FIELDS", frozenset()) | {"publication"}
    ever_published = history_of(item).filter(changes__publication__new=Publication.PUBLISHED).exists()
    differences = {
        name: change
        for name, change in changes.since_published(item).items()
        if name not in bookkeeping
        # A new listing's empty fields are no news.
        and (ever_published or change["new"] not in (None, "", [], False))
    }
    return changes.rows(model, differences), ever_published


def _what_changed(rows: list[dict], ever_published: bool) -> str:
    """One sentence: "Changed: phone, description (fi)"."""
    if not ever_published:
        return _("New: not published before")
    if not rows:
        return _("No changes since it was last published")
    return _("Changed: %(fields)s") % {"fields": ", ".join(row["label"] for row in rows)}


def _checklist_state(items: list[completeness.Item]) -> tuple[str, bool]:
    missing = [str(item.label) for item in items if item.required and not item.done]
    advised = [str(item.label) for item in items if not item.required and not item.done]
    text = _("Missing: %(items)s") % {"items": "; ".join(missing)} if missing else _("Ready to publish")
    if advised:
        text += " " + _("(advised: %(items)s)") % {"items": "; ".join(advised)}
    return text, not missing


def _queue_item(user, item) -> dict:
    is_service = isinstance(item, Service)
    rows, ever_published = _changed_fields(item)
    checklist = completeness.checklist(item) if is_service else []
    state, ready = _checklist_state(checklist) if is_service else ("", True)
    return {
        "instance": item,
        "is_service": is_service,
        "sent_by": publishing.sent_by(item),
        "what_changed": _what_changed(rows, ever_published),
        "rows": rows,
        "checklist": checklist,
        "checklist_state": state,
        "ready": ready,
        "steps": publishing.steps_for(user, item),
        "version": version_of(item),
        "deliveries": (
            item.deliveries.select_related("location", "mode").prefetch_related(
                "municipalities", "schedules__rules", "schedules__exceptions"
            )
            if is_service
            else []
        ),
    }


@staff_view
def review_queue(request):
    """Coordinators: what waits for publishing, one compact row each (what, who sent it, what changed
    in a sentence, its checklist) with what it would change for the public behind a disclosure, and
    the changes made to the network's listings in the last 30 days."""
    coordinated = Organization.objects.coordinated_by(request.user)
    if not Network.objects.coordinated_by(request.user).exists():
        raise PermissionDenied
    pending = [
        *coordinated.filter(publication=Publication.PENDING).order_by("modified_at"),
        *completeness.with_checklist_data(
            Service.objects.filter(organization__in=coordinated, publication=Publication.PENDING)
        )
        .select_related("organization")
        .order_by("modified_at"),
    ]
    waiting = [_queue_item(request.user, item) for item in pending]
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
