"""Keeping listings true: editing organisations, places, services and opening hours. Each save is
checked against a newer edit (core.editing) and recorded in the change history, which editors and
coordinators read on the same page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from perhekeskus.catalog import completeness, publishing
from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Language, Location, Schedule, Service
from perhekeskus.core.editing import create_from_form, edit_page, save_from_form, version_of
from perhekeskus.core.models import Publication
from perhekeskus.core.staff import staff_view
from perhekeskus.core.translation import MORE_PUBLIC_LANGUAGES
from perhekeskus.information import selectors as information_selectors
from perhekeskus.network.models import Network, Organization
from perhekeskus.network.services import organization_propose, organization_save
from perhekeskus.workspace.listing_forms import (
    CHECKLIST_SECTIONS,
    MORE_LANGUAGE_TEXTS,
    OTHER_LANGUAGE_TEXTS,
    SECTIONS_BY_KEY,
    SERVICE_SECTION_FORMS,
    SERVICE_SECTIONS,
    DeliveryForm,
    LocationForm,
    NewOrganizationForm,
    NewServiceForm,
    OrganizationForm,
)

RELATIONS = ("service_types", "life_situations", "languages", "service_areas")


def _section_values(form) -> tuple[dict, dict]:
    """The section's own fields and relations; what other sections hold stays as it is."""
    data = form.cleaned_data
    fields = form._meta.fields
    return (
        {name: data[name] for name in fields if name not in RELATIONS},
        {name: data[name] for name in fields if name in RELATIONS},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def service_edit(request, pk, section="basics"):
    """One section of a service's page (listing_forms.SERVICE_SECTIONS), saved on its own. Saving is
    reviewing: the person has the listing open, with its checklist beside the form."""
    service = get_object_or_404(
        Service.objects.editable_by(request.user).select_related("organization"), pk=pk
    )
    form_class = SERVICE_SECTION_FORMS.get(section)
    form = None
    if form_class is not None:
        form = form_class(
            request.POST or None,
            instance=service,
            organization=service.organization,
            initial={"version": version_of(service)},
        )
    elif request.method == "POST":
        raise Http404  # "where and when" has no form of its own
    conflict = None
    if form is not None and request.method == "POST" and form.is_valid():
        values, relations = _section_values(form)
        conflict = save_from_form(
            request,
            form=form,
            instance=service,
            save=lambda fresh: catalog_services.service_save(
                actor=request.user, values=values, service=fresh, reviewed=True, **relations
            ),
            message=_("The changes to %(name)s were saved.") % {"name": service.name},
        )
        if conflict is None and not form.errors:
            return redirect(request.path)
    checklist = completeness.checklist(service)
    return edit_page(
        request,
        "workspace/service_form.html",
        service,
        form,
        conflict,
        service=service,
        sections=SERVICE_SECTIONS,
        section=SECTIONS_BY_KEY[section],
        missing_in={CHECKLIST_SECTIONS[item.key] for item in checklist if item.required and not item.done},
        deliveries=Delivery.objects.filter(service=service)
        .select_related("location", "mode")
        .prefetch_related("schedules__rules"),
        can_undo=service.organization.is_coordinated_by(request.user),
        accuracy=information_selectors.accuracy_answers(service),
        steps=publishing.steps_for(request.user, service),
        checklist=checklist,
        texts=[
            (title, getattr(service, f"{name}_fi"), form[f"{name}_sv"], form[f"{name}_en"])
            for name, title in OTHER_LANGUAGE_TEXTS
        ]
        if section == "languages"
        else None,
        # Each language folded unless it has text (or an error) already.
        language_groups=[
            (language, fields, any(field.value() or field.errors for field in fields))
            for language in Language.objects.filter(code__in=MORE_PUBLIC_LANGUAGES).order_by("position")
            for fields in [[form[f"{name}_{language.code}"] for name, _title in MORE_LANGUAGE_TEXTS]]
        ]
        if section == "more-languages"
        else None,
    )


@staff_view
def organization_attention(request, pk):
    """The organisation's services that lack a required item of the publishing checklist: its editors,
    admins and the network's coordinators (others 404). A published one stays published; this is
    the list to work through."""
    organization = get_object_or_404(Organization.objects.listings_editable_by(request.user), pk=pk)
    services = completeness.with_checklist_data(
        organization.services.exclude(publication=Publication.ARCHIVED).order_by("name_fi")
    )
    rows = [(service, missing) for service in services if (missing := completeness.missing_required(service))]
    return render(request, "workspace/attention.html", {"organization": organization, "rows": rows})


@staff_view
@require_http_methods(["GET", "POST"])
def location_edit(request, pk):
    place = get_object_or_404(
        Location.objects.editable_by(request.user).select_related("organization"), pk=pk
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
        conflict = save_from_form(
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
    return edit_page(
        request,
        "workspace/object_form.html",
        place,
        form,
        conflict,
        name=place.name,
        subtitle=place.organization.name,
        remove_url=reverse("workspace:location_remove", args=[place.pk]),
        can_undo=place.organization.is_coordinated_by(request.user),
    )


@staff_view
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    """An organisation's own details: its admins and the network's coordinators (editors keep the
    listings, not the organisation)."""
    organization = get_object_or_404(Organization.objects.listings_editable_by(request.user), pk=pk)
    if not Organization.objects.managed_by(request.user).filter(pk=organization.pk).exists():
        raise PermissionDenied
    form = OrganizationForm(
        request.POST or None, instance=organization, initial={"version": version_of(organization)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        conflict = save_from_form(
            request,
            form=form,
            instance=organization,
            save=lambda fresh: organization_save(actor=request.user, values=values, organization=fresh),
            message=_("The changes to %(name)s were saved.") % {"name": values["name_fi"]},
        )
        if conflict is None and not form.errors:
            return redirect("workspace:organization_edit", pk=organization.pk)
    return edit_page(
        request,
        "workspace/object_form.html",
        organization,
        form,
        conflict,
        name=organization.name,
        publishable=organization,
        steps=publishing.steps_for(request.user, organization),
        step_url=reverse("workspace:organization_step", args=[organization.pk]),
        can_undo=organization.is_coordinated_by(request.user),
    )


# --- New listings (drafts until a coordinator publishes them) and removing ------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def organization_create(request):
    """Anyone working in a network may propose an organisation there; it is a draft until published."""
    networks = Network.objects.listings_editable_by(request.user)
    if not networks.exists():
        raise PermissionDenied
    form = NewOrganizationForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        done = create_from_form(
            request,
            form,
            save=lambda: organization_propose(
                actor=request.user, values=values, network=form.cleaned_data["network"]
            ),
            message=lambda made: (
                _("%(name)s was saved as a draft. Add its places and services, then send it for review.")
                % {"name": made.name}
            ),
            page="workspace:organization_edit",
        )
        if done:
            return done
    return render(request, "workspace/object_form.html", {"form": form, "name": _("a new organisation")})


@staff_view
@require_http_methods(["GET", "POST"])
def service_create(request, pk):
    organization = get_object_or_404(Organization.objects.listings_editable_by(request.user), pk=pk)
    form = NewServiceForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        values, relations = _section_values(form)
        values.update(organization=organization, publication=Publication.DRAFT)
        done = create_from_form(
            request,
            form,
            save=lambda: catalog_services.service_save(
                actor=request.user, values=values, reviewed=True, **relations
            ),
            message=lambda made: (
                _(
                    "%(name)s was saved as a draft. Fill in the other parts of its page (the checklist "
                    "says what is still missing), then send it for review."
                )
                % {"name": made.name}
            ),
            page="workspace:service_edit",
        )
        if done:
            return done
    return render(
        request,
        "workspace/object_form.html",
        {"form": form, "name": _("a new service"), "subtitle": organization.name},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def location_create(request, pk):
    organization = get_object_or_404(Organization.objects.listings_editable_by(request.user), pk=pk)
    form = LocationForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        done = create_from_form(
            request,
            form,
            save=lambda: catalog_services.location_save(
                actor=request.user, values={**values, "organization": organization}
            ),
            message=lambda made: _("The place %(name)s was saved.") % {"name": made.name},
            page="workspace:location_edit",
        )
        if done:
            return done
    return render(
        request,
        "workspace/object_form.html",
        {"form": form, "name": _("a new place"), "subtitle": organization.name},
    )


def _delivery_values(form) -> tuple[dict, dict]:
    """The delivery's fields, and its relations (the municipalities it reaches, its area's codes)."""
    data = form.cleaned_data
    relations = ("municipalities", "postal_codes")
    return {name: data[name] for name in form.Meta.fields if name not in relations}, {
        name: list(data[name]) for name in relations
    }


@staff_view
@require_http_methods(["GET", "POST"])
def delivery_create(request, pk):
    """Where or how a service is offered: at one of the organisation's places, or in a way such as at
    home or online, for the municipalities it reaches."""
    service = get_object_or_404(
        Service.objects.editable_by(request.user).select_related("organization"), pk=pk
    )
    form = DeliveryForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        values, relations = _delivery_values(form)
        done = create_from_form(
            request,
            form,
            save=lambda: catalog_services.delivery_save(
                actor=request.user, values={**values, "service": service}, **relations
            ),
            message=lambda made: _("Saved. Add its opening hours if it has any."),
            page="workspace:delivery_edit",
        )
        if done:
            return done
    return render(
        request,
        "workspace/delivery_form.html",
        {
            "form": form,
            "name": _("where or how the service is offered"),
            "subtitle": service.name,
            "service": service,
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def delivery_edit(request, pk):
    delivery = get_object_or_404(
        Delivery.objects.editable_by(request.user).select_related(
            "service__organization", "location", "mode"
        ),
        pk=pk,
    )
    service = delivery.service
    form = DeliveryForm(
        request.POST or None, instance=delivery, service=service, initial={"version": version_of(delivery)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        values, relations = _delivery_values(form)
        conflict = save_from_form(
            request,
            form=form,
            instance=delivery,
            save=lambda fresh: catalog_services.delivery_save(
                actor=request.user, values=values, delivery=fresh, **relations
            ),
            message=_("The changes were saved."),
        )
        if conflict is None and not form.errors:
            return redirect("workspace:delivery_edit", pk=delivery.pk)
    return edit_page(
        request,
        "workspace/delivery_form.html",
        delivery,
        form,
        conflict,
        name=str(delivery.location.name if delivery.location_id else delivery.mode.name),
        subtitle=service.name,
        service=service,
        delivery=delivery,
        remove_url=reverse("workspace:delivery_remove", args=[delivery.pk]),
        can_undo=service.organization.is_coordinated_by(request.user),
    )


def _removable(user) -> dict:
    return {
        "service": Service.objects.editable_by(user).filter(publication=Publication.DRAFT),
        "place": Location.objects.editable_by(user),
        "delivery": Delivery.objects.editable_by(user),
        "schedule": Schedule.objects.editable_by(user),
    }


@require_POST
@staff_view
def listing_remove(request, kind, pk):
    """Removes a draft service (a published one is archived instead), a place no delivery uses, a
    delivery or a schedule; the history keeps what was removed."""
    found = _removable(request.user)[kind].filter(pk=pk).first()
    if found is None:
        if kind == "service" and Service.objects.editable_by(request.user).filter(pk=pk).exists():
            messages.error(request, _("Only a draft can be removed; archive a published service instead."))
            return redirect("workspace:service_edit", pk=pk)
        raise Http404
    own_page = {
        "service": "service_edit",
        "place": "location_edit",
        "delivery": "delivery_edit",
        "schedule": "schedule_edit",
    }
    back = {
        "service": lambda: reverse("workspace:dashboard"),
        "place": lambda: reverse("workspace:dashboard"),
        "delivery": lambda: reverse("workspace:service_edit", args=[found.service_id]),
        "schedule": lambda: reverse("workspace:delivery_edit", args=[found.delivery_id]),
    }[kind]()
    name = str(found.name) if hasattr(found, "name") else str(found)
    try:
        catalog_services.listing_delete(actor=request.user, instance=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"workspace:{own_page[kind]}", pk=pk)
    messages.success(request, _("%(name)s was removed.") % {"name": name})
    return redirect(back)
