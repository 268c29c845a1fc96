"""Public pages of subscriptions without an account: subscribing (to new activities, or to changes of
the services on the family's list), the page the confirmation e-mail's link opens, and the page every
later e-mail links to, to renew or end the subscription. A subscription's pages are for whoever holds
its secret link."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core import preferences, ratelimit
from perhekeskus.core.forms import add_refusal
from perhekeskus.core.translation import active_language
from perhekeskus.network import selectors as network_selectors
from perhekeskus.subscriptions import selectors, services
from perhekeskus.subscriptions.forms import ActivitiesForm, ServicesForm
from perhekeskus.subscriptions.models import Subscription

RATE_SCOPE = "subscriptions"


def _activity_choices(request) -> dict:
    """The choices the page was opened with (the calendar's filters), else the family's own
    municipality and postal code."""
    initial = {
        name: request.GET[name]
        for name in ("municipality", "postal_code", "age", "category")
        if request.GET.get(name)
    }
    if "municipality" not in request.GET:
        home = preferences.home_municipality_code(request)
        if home:
            initial["municipality"] = home
    if "postal_code" not in request.GET:
        code = preferences.home_postal_code(request)
        place = network_selectors.postal_code_of_networks(code) if code.isdigit() else None
        # Only with its own municipality chosen: with "all municipalities" the code would narrow it.
        if place is not None and initial.get("municipality") == place.municipality.code:
            initial["postal_code"] = code
    return initial


def _subscribe(request, form, template_context: dict, subscribe):
    """The subscribing form's page: on a valid post, `subscribe(cleaned_data)` and on to "check your
    e-mail"; a device makes at most SUBSCRIPTIONS_PER_HOUR subscriptions an hour."""
    status = 200
    if request.method == "POST":
        with ratelimit.holding(request, RATE_SCOPE, settings.SUBSCRIPTIONS_PER_HOUR) as held:
            if held is None:
                add_refusal(form, _("Too many subscriptions from this device. Please try again in an hour."))
                status = 429
            elif form.is_valid():
                subscribe(form.cleaned_data)
                held.keep()
                return redirect("subscription_sent")
    return render(request, "subscriptions/subscribe.html", {"form": form, **template_context}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe_activities(request):
    form = ActivitiesForm(request.POST or None, initial=_activity_choices(request))
    return _subscribe(
        request,
        form,
        {"kind": "activities"},
        lambda data: services.subscribe(
            kind=Subscription.Kind.ACTIVITIES,
            email=data["email"],
            language=active_language(),
            municipality=data["municipality"],
            postal_code=data["postal_code"],
            age=data["age"],
            category=data["category"],
        ),
    )


def _uuids(values) -> list[str]:
    found = []
    for value in values:
        try:
            found.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return found


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe_services(request):
    """From the family's list (or a service's page): the services are named in the address."""
    offered = listed_services().filter(pk__in=_uuids(request.GET.getlist("service"))).order_by("name_fi")
    form = ServicesForm(request.POST or None, services=offered)
    return _subscribe(
        request,
        form,
        {"kind": "services", "offered": offered},
        lambda data: services.subscribe(
            kind=Subscription.Kind.SERVICES,
            email=data["email"],
            language=active_language(),
            services=data["services"],
        ),
    )


@never_cache
@require_safe
def sent(request):
    return render(request, "subscriptions/sent.html", {"valid_days": selectors.CONFIRM_WITHIN.days})


def _invalid(request):
    return render(request, "subscriptions/invalid.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The confirmation e-mail's link. Confirming takes a press of the button: a mail program that
    opens links to check them must not subscribe someone who never asked."""
    found = selectors.subscription_for_token(token, confirming=True)
    if found is None:
        return _invalid(request)
    if found.confirmed_at is None and request.method == "POST":
        found = services.confirm(found)
        messages.success(request, _("Your subscription is on."))
    if found.confirmed_at is not None:
        return redirect("subscription", token=selectors.manage_token(found))
    return render(
        request, "subscriptions/confirm.html", {"subscription": found, "what": selectors.description(found)}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    found = selectors.subscription_for_token(token)
    if found is None:
        return _invalid(request)
    action = request.POST.get("action")
    if action == "renew":
        services.renew(found)
        messages.success(request, _("Your subscription was renewed for six months."))
        return redirect("subscription", token=token)
    if action == "unsubscribe":
        services.unsubscribe(found)
        return redirect("subscription_ended")
    return render(
        request,
        "subscriptions/manage.html",
        {
            "subscription": found,
            "what": selectors.description(found),
            "ended_services": selectors.ended_services(found)
            if found.kind == Subscription.Kind.SERVICES
            else 0,
            "token": token,
            "now": timezone.now(),
        },
    )


@csrf_exempt  # mail programs' one-click button posts here (RFC 8058); the secret link is the permission
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link at the end of every e-mail: one button ends the subscription."""
    found = selectors.subscription_for_token(token)
    if request.method == "POST":
        if found is not None:
            services.unsubscribe(found)
        return redirect("subscription_ended")
    if found is None:
        return _invalid(request)
    return render(request, "subscriptions/unsubscribe.html", {"what": selectors.description(found)})


@never_cache
@require_safe
def ended(request):
    return render(request, "subscriptions/ended.html")
