"""Referrals in the workspace (staff_view: both factors), and the public contact request. Referrals
come only through Referral.objects.visible_to: anyone else gets 404; a member on the wrong side of a step
gets 403."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core import ratelimit
from perhekeskus.core.forms import add_errors, add_refusal
from perhekeskus.core.staff import staff_view
from perhekeskus.network.models import Network, Organization
from perhekeskus.referrals import selectors, services
from perhekeskus.referrals.forms import (
    ContactRequestForm,
    MessageForm,
    ReferralForm,
    ServiceFilterForm,
    StepForm,
)
from perhekeskus.referrals.models import AuditEntry, Referral
from perhekeskus.referrals.services import NOBODY_READS

# Contact requests of one client, counted an hour over all services (settings.CONTACT_REQUESTS_PER_HOUR).
RATE_SCOPE = "contact-requests"


@staff_view
@require_safe
def services_to_refer(request):
    """Services that take referrals, by the municipality they reach, their type and name; those whose
    inbox nobody reads are shown as such, without a link."""
    if not selectors.may_refer(request.user):
        raise PermissionDenied
    filters = ServiceFilterForm(request.GET or None)
    found = selectors.referable_services_with_readers().select_related("organization").order_by("name_fi")
    if filters.is_valid():
        chosen = filters.cleaned_data
        if chosen["municipality"]:
            found = found.filter(deliveries__municipalities=chosen["municipality"])
        if chosen["service_type"]:
            found = found.filter(service_types=chosen["service_type"])
        if query := chosen["q"]:
            found = found.filter(
                Q(name_fi__icontains=query) | Q(name_sv__icontains=query) | Q(name_en__icontains=query)
            )
    return render(
        request, "referrals/services.html", {"services": found.distinct()[:100], "filters": filters}
    )


@sensitive_post_parameters()
@staff_view
@require_http_methods(["GET", "POST"])
def referral_new(request, pk):
    organizations = selectors.sending_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    service = get_object_or_404(selectors.referable_services().select_related("organization"), pk=pk)
    if not selectors.has_reader(service):
        return render(
            request, "referrals/referral_form.html", {"service": service, "nobody_reads": NOBODY_READS}
        )
    form = ReferralForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_send(
                actor=request.user,
                service=service,
                sending_organization=form.cleaned_data["sending_organization"],
                values=form.referral_values(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The referral was sent to %(service)s.") % {"service": service.name})
            return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/referral_form.html", {"form": form, "service": service})


@staff_view
def inbox(request):
    """Received by my organisations, or sent by me (and, for admins, by my organisation)."""
    sent = request.GET.get("view") == "sent"
    visible = Referral.objects.visible_to(request.user).select_related("service", "receiving_organization")
    if sent:
        rows = visible.filter(
            Q(sender=request.user)
            | Q(
                sending_organization__memberships__user=request.user,
                sending_organization__memberships__role="admin",
            )
        ).distinct()
    else:
        rows = visible.filter(receiving_organization__in=Organization.objects.joined_by(request.user))
    status = request.GET.get("status", "")
    if status in Referral.Status.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "referrals/inbox.html",
        {
            "rows": rows[:200],
            "sent": sent,
            "status": status,
            "statuses": Referral.Status.choices,
            "may_refer": selectors.may_refer(request.user),
        },
    )


def _visible(request, pk) -> Referral:
    return get_object_or_404(
        Referral.objects.visible_to(request.user).select_related(
            "service", "receiving_organization", "sending_organization", "sender"
        ),
        pk=pk,
    )


@staff_view
def detail(request, pk):
    referral = services.referral_open(actor=request.user, referral=_visible(request, pk))
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "steps": selectors.steps_for(request.user, referral),
            "step_form": StepForm(),
            "message_form": MessageForm(),
            "events": referral.events.select_related("actor"),
            "thread": referral.messages.select_related("author"),
        },
    )


@sensitive_post_parameters()
@require_POST
@staff_view
def step(request, pk):
    referral = _visible(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("referrals:detail", pk=referral.pk)
    data = form.cleaned_data
    try:
        services.referral_step(
            actor=request.user,
            referral=referral,
            step_name=data.get("step", ""),
            reason=data.get("reason", ""),
            outcome=data.get("outcome", ""),
            note=data.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        referral.refresh_from_db()
        messages.success(
            request, _("The referral is now: %(status)s.") % {"status": referral.get_status_display()}
        )
    return redirect("referrals:detail", pk=referral.pk)


@sensitive_post_parameters()
@require_POST
@staff_view
def message(request, pk):
    referral = _visible(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.referral_message(actor=request.user, referral=referral, body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The message was sent."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("referrals:detail", pk=referral.pk)


@staff_view
def audit_log(request):
    """Coordinators: who opened or changed referrals of their network's organisations, and anonymous
    statistics. No family's personal data is shown here."""
    if not Network.objects.coordinated_by(request.user).exists():
        raise PermissionDenied
    organizations = Organization.objects.coordinated_by(request.user)
    ids = Referral.objects.filter(
        Q(receiving_organization__in=organizations) | Q(sending_organization__in=organizations)
    ).values("pk")
    entries = AuditEntry.objects.filter(referral_id__in=ids).select_related("actor")[:300]
    return render(
        request,
        "referrals/audit.html",
        {"entries": entries, "statistics": selectors.statistics_for(organizations)},
    )


# --- Public ------------------------------------------------------------------------------------------


def _offering(pk) -> Service:
    """The listed service marked to take contact requests; else 404."""
    return get_object_or_404(
        listed_services().filter(accepts_contact_requests=True).select_related("organization"), pk=pk
    )


def _nobody_reads(request, service: Service) -> HttpResponse:
    """Nobody in the service's organisation reads its contact requests: nothing is taken (409), and the
    family is shown how to reach the service directly."""
    return render(request, "referrals/contact_request_unavailable.html", {"service": service}, status=409)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def contact_request(request, pk):
    """Public: "Ask this service to contact me"."""
    service = _offering(pk)
    if not selectors.takes_contact_requests(service):
        return _nobody_reads(request, service)
    form = ContactRequestForm(request.POST or None, service=service)
    if request.method == "POST":
        if request.POST.get("website"):
            return redirect("contact_request_sent", pk=service.pk)  # a robot: nothing is stored
        with ratelimit.holding(request, RATE_SCOPE, settings.CONTACT_REQUESTS_PER_HOUR) as held:
            if held is None:
                add_refusal(
                    form,
                    _(
                        "Too many requests from this device. Please try again in an hour, or call the service."
                    ),
                )
                return render(
                    request, "referrals/contact_request.html", {"form": form, "service": service}, status=429
                )
            if form.is_valid():
                data = form.cleaned_data
                values = {
                    name: data[name] or ""
                    for name in ("family_name", "phone", "email", "contact_method", "preferred_time", "need")
                }
                try:
                    language = data["language"].code if data["language"] else ""
                    services.contact_request_send(
                        service=service,
                        values={**values, "language_code": language},
                        language=translation.get_language(),
                    )
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    held.keep()
                    # In the page's language: reverse() gives the address with its prefix (/sv/, /en/).
                    return redirect("contact_request_sent", pk=service.pk)
    return render(request, "referrals/contact_request.html", {"form": form, "service": service})


@require_safe
def contact_request_sent(request, pk):
    """Public: the confirmation, with when the service answers (or how to reach it, if it has not said)."""
    service = _offering(pk)
    if not selectors.takes_contact_requests(service):
        return _nobody_reads(request, service)
    return render(request, "referrals/contact_request_sent.html", {"service": service})
