"""Public information every Finnish public service must publish: the accessibility statement (with
its feedback form) and the privacy notice; and the coordinators' list of accessibility feedback."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core import ratelimit
from perhekeskus.core.forms import add_errors, add_refusal
from perhekeskus.core.staff import staff_view
from perhekeskus.core.translation import active_language
from perhekeskus.information import selectors, services
from perhekeskus.information.forms import AccuracyForm, FeedbackForm, NewPageForm, PageForm
from perhekeskus.information.models import Feedback, Page
from perhekeskus.network.models import Network

RATE_SCOPE = "accessibility-feedback"
ACCURACY_SCOPE = "service-accuracy"
# The last assessment of the service's accessibility (update with the statement).
ASSESSED_ON = datetime.date(2026, 12, 7)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def accessibility(request):
    form = FeedbackForm(
        request.POST or None,
        initial={"page": selectors.offered_page(request.headers.get("Referer", ""), host=request.get_host())},
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("website"):
            return redirect(_sent())  # a robot: nothing is stored
        with ratelimit.holding(request, RATE_SCOPE, settings.FEEDBACK_PER_HOUR) as held:
            if held is None:
                add_refusal(
                    form,
                    _("Too much feedback from this device. Please try again in an hour, or send e-mail."),
                )
                status = 429
            elif form.is_valid():
                data = form.cleaned_data
                services.feedback_receive(
                    message=data["message"],
                    email=data["email"],
                    page=data["page"],
                    language=translation.get_language(),
                    host=request.get_host(),
                )
                held.keep()
                messages.success(request, _("Thank you: your feedback has been received."))
                return redirect(_sent())
    return render(
        request,
        "information/accessibility.html",
        {"form": form, "assessed_on": ASSESSED_ON, "contact": settings.PRIVACY_CONTACT},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def service_accuracy(request, pk):
    """ "Was this information correct?" on a service's page: its "yes" button posts here; "no" opens
    this page to say what was wrong (optional). Anyone may answer; a device at most
    FEEDBACK_PER_HOUR times an hour."""
    service = get_object_or_404(
        listed_services().filter(asks_if_correct=True).select_related("organization"), pk=pk
    )
    form = AccuracyForm(request.POST or None, initial={"correct": "no"})
    status = 200
    if request.method == "POST":
        with ratelimit.holding(request, ACCURACY_SCOPE, settings.FEEDBACK_PER_HOUR) as held:
            if held is None:
                add_refusal(form, _("Too many answers from this device. Please try again in an hour."))
                status = 429
            elif form.is_valid():
                correct = form.cleaned_data["correct"]
                services.accuracy_report_receive(
                    service=service,
                    correct=correct,
                    comment=form.cleaned_data["comment"],
                    language=active_language(),
                )
                held.keep()
                thanks = reverse("service_accuracy_thanks", args=[service.pk])
                return redirect(f"{thanks}?answer={'yes' if correct else 'no'}")
    return render(
        request, "information/service_accuracy.html", {"service": service, "form": form}, status=status
    )


@require_safe
def service_accuracy_thanks(request, pk):
    service = get_object_or_404(listed_services(), pk=pk)
    return render(
        request,
        "information/service_accuracy_thanks.html",
        {"service": service, "correct": request.GET.get("answer") == "yes"},
    )


def _sent() -> str:
    return reverse("accessibility") + "#feedback"


@require_safe
def privacy(request):
    return render(
        request,
        "information/privacy.html",
        {
            "controller": settings.PRIVACY_CONTROLLER,
            "contact": settings.PRIVACY_CONTACT,
            "data_protection_officer": settings.DATA_PROTECTION_OFFICER,
            "referral_days": settings.REFERRAL_RETENTION_DAYS,
            "untouched_referral_days": 2 * settings.REFERRAL_RETENTION_DAYS,
            "activity_days": settings.ACTIVITY_RETENTION_DAYS,
            "feedback_days": settings.FEEDBACK_RETENTION_DAYS,
            "question_days": settings.QUESTION_RETENTION_DAYS,
            "search_log_days": settings.SEARCH_LOG_RETENTION_DAYS,
            "backup_days": settings.BACKUP_RETENTION_DAYS,
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


# --- Coordinators ------------------------------------------------------------------------------------


@staff_view
@require_safe
def feedback_list(request):
    if not (Network.objects.coordinated_by(request.user).exists() or request.user.is_superuser):
        raise PermissionDenied
    visible = Feedback.objects.visible_to(request.user).prefetch_related("networks")
    return render(
        request,
        "information/feedback_list.html",
        {
            "open": visible.filter(handled_at__isnull=True),
            "handled": visible.filter(handled_at__isnull=False)[:50],
        },
    )


@staff_view
@require_POST
def feedback_handled(request, pk):
    if not (Network.objects.coordinated_by(request.user).exists() or request.user.is_superuser):
        raise PermissionDenied
    feedback = get_object_or_404(Feedback.objects.visible_to(request.user), pk=pk, handled_at__isnull=True)
    services.feedback_mark_handled(actor=request.user, feedback=feedback)
    messages.success(request, _("Marked as handled."))
    return redirect("information:feedback_list")


# --- Coordinators' pages -----------------------------------------------------------------------------


@staff_view
@require_safe
def page_list(request):
    networks = list(Network.objects.coordinated_by(request.user))
    if not networks:
        raise PermissionDenied
    pages = (
        Page.objects.editable_by(request.user)
        .select_related("network", "municipality", "life_situation", "published")
        .prefetch_related("versions")
    )
    return render(request, "information/page_list.html", {"pages": pages, "networks": networks})


@staff_view
@require_http_methods(["GET", "POST"])
def page_create(request, slug):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    where = NewPageForm(request.POST or None, network=network)
    kind = request.POST.get("kind") if request.method == "POST" else request.GET.get("kind", Page.Kind.ABOUT)
    form = PageForm(request.POST or None, kind=kind if kind in Page.Kind.values else Page.Kind.ABOUT)
    if request.method == "POST" and where.is_valid() and form.is_valid():
        try:
            version = services.page_save(
                actor=request.user, values=form.cleaned_data, place=where.cleaned_data["place"]
            )
        except ValidationError as error:
            add_errors(where, error)
        else:
            return redirect("information:page_version", version.page_id, version.number)
    return render(request, "information/page_form.html", {"network": network, "where": where, "form": form})


@staff_view
@require_http_methods(["GET", "POST"])
def page_edit(request, pk):
    page = get_object_or_404(Page.objects.editable_by(request.user), pk=pk)
    latest = page.latest
    form = PageForm(request.POST or None, instance=None, initial=_initial(latest), kind=page.kind)
    if request.method == "POST" and form.is_valid():
        version = services.page_save(actor=request.user, values=form.cleaned_data, page=page)
        return redirect("information:page_version", page.pk, version.number)
    return render(
        request, "information/page_form.html", {"page": page, "form": form, "network": page.network}
    )


def _initial(version) -> dict:
    return {name: getattr(version, name) for name in services.VERSION_FIELDS} if version else {}


@staff_view
@require_safe
def page_version(request, pk, number):
    """A version as the public would see it, in the language of the interface, with the page's history."""
    page = get_object_or_404(Page.objects.editable_by(request.user), pk=pk)
    version = get_object_or_404(page.versions.select_related("created_by"), number=number)
    return render(
        request,
        "information/page_version.html",
        {
            "page": page,
            "version": version,
            "versions": page.versions.select_related("created_by"),
        },
    )


@staff_view
@require_POST
def page_publish(request, pk, number):
    page = get_object_or_404(Page.objects.editable_by(request.user), pk=pk)
    version = get_object_or_404(page.versions, number=number)
    services.page_version_publish(version=version)
    messages.success(request, _("Version %(number)s is now public.") % {"number": number})
    return redirect("information:page_version", page.pk, number)


@staff_view
@require_POST
def page_unpublish(request, pk):
    page = get_object_or_404(Page.objects.editable_by(request.user), pk=pk)
    services.page_unpublish(page=page)
    messages.success(request, _("The page is no longer public."))
    return redirect("information:page_list")


# --- Public pages of the network --------------------------------------------------------------------


@require_safe
def network_about(request, slug):
    network = get_object_or_404(Network, slug=slug)
    version = selectors.network_about(network)
    if version is None:
        raise Http404
    return render(
        request,
        "information/about.html",
        {"network": network, "version": version},
    )
