"""Confirming that a listing is still accurate, and a coordinator undoing a change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Service
from perhekeskus.core.history import field_values
from perhekeskus.core.models import ChangeRecord
from perhekeskus.network.models import Organization
from perhekeskus.network.selectors import organizations_of
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
            actor=request.user, values={"last_reviewed_at": timezone.localdate()}, service=service
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


def undoable(record: ChangeRecord, service: Service) -> dict:
    """The old values of a service update's plain fields that still hold what the change wrote: a field
    edited again since is left alone, so undoing never loses a newer edit (relations and child rows are
    edited by hand)."""
    if record.action != ChangeRecord.Action.UPDATED or record.content_type.model_class() is not Service:
        return {}
    current = field_values(service)
    plain = {f.name for f in Service._meta.concrete_fields if not f.is_relation}
    return {
        name: change["old"]
        for name, change in record.changes.items()
        if name in plain and current.get(name) == change["new"]
    }


@require_POST
@staff_view
def change_revert(request, pk):
    record = get_object_or_404(ChangeRecord.objects.select_related("content_type"), pk=pk)
    service = Service.objects.filter(
        pk=record.object_id, organization__in=organizations_of(request.user)
    ).first()
    if service is None:
        raise Http404  # outsiders learn nothing
    coordinated = Organization.objects.filter(
        pk=service.organization_id, networks__coordinators__user=request.user
    )
    if not coordinated.exists():
        raise PermissionDenied
    try:
        with transaction.atomic():
            locked = Service.objects.select_for_update().get(pk=service.pk)
            values = undoable(record, locked)
            if values:
                catalog_services.service_save(actor=request.user, values=values, service=locked)
    except ValidationError as error:
        messages.error(
            request, _("The change could not be undone: %(reason)s") % {"reason": " ".join(error.messages)}
        )
    else:
        if values:
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
