"""Public activity pages: the calendar, an activity with its next occurrences, registration without an
account (the e-mailed link cancels), and iCalendar feeds. Only activities of listed services. A
registration's page and its calendar entry are for whoever holds its secret link."""

import datetime
import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.activities import confirmation, feedback, feeds, recurrence, reminders, selectors, services
from perhekeskus.activities.forms import FeedbackForm, RegistrationForm
from perhekeskus.activities.models import Activity, Registration
from perhekeskus.catalog.models import Category, Language
from perhekeskus.core import preferences, ratelimit
from perhekeskus.core.forms import add_errors, add_refusal
from perhekeskus.core.translation import active_language
from perhekeskus.messaging import sms
from perhekeskus.network.models import Municipality, Organization
from perhekeskus.network.selectors import municipalities_of_networks

CALENDAR_DAYS = 7
RATE_SCOPE = "registrations"
NEXT_OCCURRENCES = 10


def _filters(request) -> tuple[dict, list[str]]:
    """The calendar's filters from the address; values that are not valid are left out and named."""
    chosen, ignored = {}, []
    codes = {
        "municipality": set(Municipality.objects.values_list("code", flat=True)),
        "language": set(Language.objects.values_list("code", flat=True)),
        "category": set(Category.objects.values_list("code", flat=True)),
    }
    for name, allowed in codes.items():
        value = request.GET.get(name, "")
        if value and value in allowed:
            chosen[name] = value
        elif value:
            ignored.append(name)
    # The family's own municipality, until they choose another or all ("municipality=").
    home = preferences.home_municipality_code(request)
    if "municipality" not in request.GET and home in codes["municipality"]:
        chosen["municipality"] = home
        chosen["home"] = True
    age = request.GET.get("age", "")
    if age:
        if re.fullmatch(r"[0-9]{1,2}", age) and int(age) <= 18:
            chosen["age"] = int(age)
        else:
            ignored.append("age")
    if request.GET.get("free"):
        chosen["free"] = True
    start = request.GET.get("from", "")
    try:
        chosen["from"] = datetime.date.fromisoformat(start) if start else timezone.localdate()
    except ValueError:
        chosen["from"] = timezone.localdate()
        ignored.append("from")
    if not recurrence.FIRST_YEAR <= chosen["from"].year <= recurrence.LAST_YEAR:
        chosen["from"] = timezone.localdate()
        ignored.append("from")
    return chosen, ignored


def _filtered(chosen: dict):
    return selectors.matching(
        selectors.public_activities().filter(cancelled=False),
        municipality=chosen.get("municipality", ""),
        language=chosen.get("language", ""),
        category=chosen.get("category", ""),
        age=chosen.get("age"),
        free=chosen.get("free", False),
    )


@require_safe
def calendar(request):
    chosen, ignored = _filters(request)
    first = chosen["from"]
    after = recurrence.local(first, datetime.time(0))
    before = recurrence.local(first + datetime.timedelta(days=CALENDAR_DAYS), datetime.time(0))
    rows = selectors.calendar(_filtered(chosen), after, before)
    days = {}
    for row in rows:
        days.setdefault(row.occurrence.start.date(), []).append(row)
    return render(
        request,
        "activities/calendar.html",
        {
            "days": sorted(days.items()),
            "chosen": chosen,
            "ignored": ignored,
            "previous": first - datetime.timedelta(days=CALENDAR_DAYS),
            "next": first + datetime.timedelta(days=CALENDAR_DAYS),
            "municipalities": municipalities_of_networks(),
            "languages": Language.objects.filter(Q(activities__isnull=False) | Q(code=selectors.FINNISH))
            .distinct()
            .order_by("position"),
            "categories": Category.objects.all(),
            "ages": range(0, 19),
        },
    )


def _public(pk) -> Activity:
    return get_object_or_404(selectors.public_activities(), pk=pk)


@require_safe
def activity(request, pk):
    found = _public(pk)
    now = timezone.now()
    upcoming = recurrence.occurrences(found, now, now + datetime.timedelta(days=366))[:NEXT_OCCURRENCES]
    taken = selectors.places_taken(found, [o.original_start for o in upcoming])
    rows = []
    for occurrence in upcoming:
        opens, closes = selectors.registration_window(found, occurrence)
        left = (
            None
            if found.capacity is None
            else max(found.capacity - taken.get(occurrence.original_start, 0), 0)
        )
        rows.append(
            {
                "occurrence": occurrence,
                "left": left,
                "open": found.registration == Activity.Registration.REQUIRED and opens <= now <= closes,
                "opens": opens,
            }
        )
    return render(
        request,
        "activities/activity.html",
        {
            "activity": found,
            "rows": rows,
            "now": now,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def original_start_of(key: str) -> datetime.datetime:
    """The original start an occurrence key in an address names; 404 if it names none."""
    start = recurrence.start_of_key(key)
    if start is None:
        raise Http404
    return start


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def register(request, pk, start):
    found = _public(pk)
    original_start = original_start_of(start)
    occurrence = selectors.occurrence_for(found, original_start)
    if occurrence is None:
        raise Http404
    form = RegistrationForm(request.POST or None, activity=found)
    status = 200
    if request.method == "POST":
        with ratelimit.holding(request, RATE_SCOPE, settings.REGISTRATIONS_PER_HOUR) as held:
            if held is None:
                add_refusal(
                    form,
                    _(
                        "Too many registrations from this device. Please try again in an hour, or call the organiser."
                    ),
                )
                status = 429
            elif form.is_valid():
                try:
                    registration = services.registration_create(
                        activity=found,
                        original_start=original_start,
                        values=form.cleaned_data,
                        language=active_language(),
                    )
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    held.keep()
                    return redirect("activity_registration", token=selectors.cancel_token(registration))
    return render(
        request,
        "activities/register.html",
        {
            "activity": found,
            "occurrence": occurrence,
            "when": confirmation.when(occurrence.start, occurrence.end, active_language()),
            "form": form,
            "retention_days": settings.ACTIVITY_RETENTION_DAYS,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration(request, token):
    """The page of one registration, reached by the link in its e-mail (or right after registering):
    what it is, and the button that cancels it."""
    found = selectors.registration_for_token(token)
    if found is None:
        return render(request, "activities/registration_invalid.html", status=404)
    activity = found.occurrence.activity
    if request.method == "POST" and request.POST.get("action") == "stop-reminders":
        reminders.stop(found)
        messages.success(request, _("No more reminders will be sent for this registration."))
        return redirect("activity_registration", token=token)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=found)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your registration was cancelled."))
        return redirect("activity_registration", token=token)
    language = active_language()
    return render(
        request,
        "activities/registration.html",
        {
            "registration": found,
            "activity": activity,
            "details": confirmation.details(found, selectors.registration_occurrence(found), language),
            "page_url": request.build_absolute_uri(request.path),
            "token": token,
            "Status": Registration.Status,
            "reminded": reminders.reminded(found),
            "texts_sent": found.texts_promised and sms.enabled() and not found.email,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_page(request, token):
    """The question after a visit, reached by the link in its message: one answer per registration
    and time, without signing in."""
    found = feedback.for_token(token)
    if found is None:
        return render(request, "activities/registration_invalid.html", status=404)
    registration, original_start = found
    done = feedback.answered(registration, original_start)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        feedback.give(
            registration=registration,
            original_start=original_start,
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
        )
        return redirect("activity_feedback", token=token)
    occurrence = selectors.registration_occurrence(registration)
    return render(
        request,
        "activities/feedback.html",
        {
            "activity": registration.occurrence.activity,
            "details": confirmation.details(registration, occurrence, active_language()),
            "form": form,
            "done": done,
        },
    )


# How the calendar entry's status follows the registration's (RFC 5545 STATUS of a VEVENT).
EVENT_STATUS = {
    Registration.Status.CONFIRMED: "CONFIRMED",
    Registration.Status.WAITING: "TENTATIVE",
    Registration.Status.CANCELLED: "CANCELLED",
}


@never_cache
@require_safe
def registration_event(request, token):
    """The one occurrence a registration is for, as a calendar entry: only with the registration's
    secret link. Its UID stays the same for the registration, so importing it again updates it."""
    found = selectors.registration_for_token(token)
    if found is None:
        raise Http404
    language = active_language()
    occurrence = selectors.registration_occurrence(found)
    details = confirmation.details(found, occurrence, language)
    uid = salted_hmac("activities.registration.event", str(found.pk)).hexdigest()[:32]
    response = HttpResponse(
        feeds.registration_event(
            details,
            uid=f"registration-{uid}@perhekeskus",
            url=request.build_absolute_uri(reverse("activity", args=[found.occurrence.activity_id])),
            status="CANCELLED" if occurrence.cancelled else EVENT_STATUS[found.status],
            language=language,
        ),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{occurrence.key}.ics"'
    return response


def _ics(activities, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        feeds.calendar(activities, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_safe
def activity_feed(request, pk):
    found = _public(pk)
    return _ics([found], found.title_fi, f"activity-{found.pk}")


@require_safe
def organization_feed(request, pk):
    organization = get_object_or_404(Organization.objects.filter(publication="published"), pk=pk)
    activities = selectors.public_activities().filter(service__organization=organization)
    return _ics(activities, organization.name_fi, f"organisation-{organization.pk}")


@require_safe
def municipality_feed(request, code):
    municipality = get_object_or_404(Municipality, code=code)
    activities = selectors.public_activities().filter(location__municipality=municipality)
    return _ics(activities, municipality.name_fi, f"municipality-{municipality.code}")
