"""The network's insights, for its coordinators only: coverage of the family centre model, freshness
with reminders, unmet needs, usage, the municipality report, and who else reads the reports. Anyone
else signed in gets 403 on the overview and 404 for a network they do not coordinate."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.catalog import coverage, freshness
from perhekeskus.catalog.models import LifeSituation, Service
from perhekeskus.core import charts
from perhekeskus.core.forms import add_errors
from perhekeskus.core.staff import safe_next_url, staff_view
from perhekeskus.insights import committee_item, report, services, usage
from perhekeskus.insights.forms import (
    CoverageFilterForm,
    DirectorForm,
    QueryLinkForm,
    ReportTextForm,
    UnmetFilterForm,
)
from perhekeskus.insights.models import ReviewReminder
from perhekeskus.network import selectors as network_selectors
from perhekeskus.network import services as network_services
from perhekeskus.network.models import Municipality, MunicipalityDirector, Network, Organization
from perhekeskus.questions import selectors as questions_selectors
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.selectors import statistics_for
from perhekeskus.search import services as search_services
from perhekeskus.search.models import QueryLink
from perhekeskus.subscriptions import selectors as subscription_selectors

UNMET_SHOWN = 50


def _municipality(network: Network, code: str):
    return get_object_or_404(network.municipalities.select_related("family_centre"), code=code)


def _reported_municipality(request, slug: str, code: str):
    """The network and municipality of a report the user may read: any of the networks they
    coordinate, or one they direct (MunicipalityDirector); others are not found."""
    user = request.user
    network = get_object_or_404(Network.objects.insights_readable_by(user), slug=slug)
    place = _municipality(network, code)
    coordinates = Network.objects.coordinated_by(user).filter(pk=network.pk).exists()
    if not coordinates and not Municipality.objects.directed_by(user).filter(pk=place.pk).exists():
        raise Http404
    return network, place


@staff_view
def index(request):
    networks = list(Network.objects.coordinated_by(request.user))
    if not networks:
        # A director reads the report of their municipality (the first of theirs, by name).
        directed = Municipality.objects.directed_by(request.user).filter(network__isnull=False).first()
        if directed is None:
            raise PermissionDenied
        return redirect("insights:municipality", directed.network.slug, directed.code)
    if len(networks) == 1:
        return redirect("insights:coverage", networks[0].slug)
    return render(request, "insights/index.html", {"networks": networks})


def _render(request, network, template, context):
    """A page of one network's insights, with the other networks the user coordinates to switch to;
    a director's pages show only the coverage and their municipalities' reports."""
    user = request.user
    return render(
        request,
        template,
        {
            "network": network,
            "networks": Network.objects.coordinated_by(user),
            "coordinates": Network.objects.coordinated_by(user).filter(pk=network.pk).exists(),
            "directed": Municipality.objects.directed_by(user).filter(network=network),
            **context,
        },
    )


@staff_view
def coverage_matrix(request, slug):
    network = get_object_or_404(Network.objects.insights_readable_by(request.user), slug=slug)
    form = CoverageFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {"category": None, "kinds": []}
    matrix = coverage.coverage(
        network, category=chosen["category"] and chosen["category"].code, provider_kinds=chosen["kinds"]
    )
    rows = [
        {"type": t, "cells": [matrix.cell(m.code, t.code) for m in matrix.municipalities]}
        for t in matrix.types
    ]
    totals = [
        {"municipality": m, "states": matrix.states(m.code), "figures": matrix.per_thousand(m)}
        for m in matrix.municipalities
    ]
    return _render(
        request,
        network,
        "insights/coverage.html",
        {
            "form": form,
            "matrix": matrix,
            "rows": rows,
            "totals": totals,
            "kinds": {k.code: k for k in coverage.provider_kinds()},
            "state_names": coverage.STATE_NAMES,
            "sources": _population_sources(matrix.municipalities),
            "csv_query": request.GET.urlencode(),
        },
    )


def _population_sources(municipalities) -> list[tuple[str, list[str]]]:
    """Where each municipality's numbers of children come from, and of which year, as printed under
    the matrix: "Tilastokeskus, taulukko 11re, 2024 (Joensuu, Lieksa)"."""
    sources: dict[str, list[str]] = {}
    for municipality in municipalities:
        if source := report.children_source(municipality):
            sources.setdefault(source, []).append(str(municipality.name))
    return list(sources.items())


@staff_view
def coverage_csv(request, slug):
    network = get_object_or_404(Network.objects.insights_readable_by(request.user), slug=slug)
    form = CoverageFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {"category": None, "kinds": []}
    text = report.coverage_csv(
        network,
        get_language(),
        category=chosen["category"] and chosen["category"].code,
        provider_kinds=chosen["kinds"],
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coverage-{network.slug}.csv"'
    return response


@staff_view
@require_http_methods(["GET", "POST"])
def municipality(request, slug, code):
    """The municipality's report, with the committee item's summary and proposal to write (the
    network's coordinators, and the municipality's director or committee secretary)."""
    network, place = _reported_municipality(request, slug, code)
    form = ReportTextForm(request.POST or None, instance=getattr(place, "report_text", None))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.report_text_save(actor=request.user, municipality=place, values=values)
        messages.success(request, _("The summary and the proposal were saved."))
        return redirect("insights:municipality", network.slug, place.code)
    data = report.report_data(place)
    return _render(
        request,
        network,
        "insights/municipality.html",
        {**data, "title": report.title(place), "languages": report.REPORT_LANGUAGES, "text_form": form},
    )


@staff_view
def municipality_report(request, slug, code, language, file_format):
    _network, place = _reported_municipality(request, slug, code)
    if language not in report.REPORT_LANGUAGES:
        raise Http404
    if file_format == "pdf":
        content, content_type = report.pdf(place, language), "application/pdf"
    elif file_format == "docx":
        content = committee_item.docx(place, language)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content = report.xlsx(place, language)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="perhekeskus-{place.code}-{language}.{file_format}"'
    )
    return response


@staff_view
def freshness_view(request, slug):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    organizations = Organization.objects.filter(networks=network)
    today = timezone.localdate()
    by_organization: dict = {}
    for service in freshness.overdue(organizations, today):
        by_organization.setdefault(service.organization, []).append(service)
    last = {}
    for reminder in ReviewReminder.objects.filter(organization__in=by_organization).select_related("sent_by"):
        last.setdefault(reminder.organization_id, reminder)
    return _render(
        request,
        network,
        "insights/freshness.html",
        {
            "groups": [
                {"organization": o, "services": s, "last_reminder": last.get(o.pk)}
                for o, s in sorted(by_organization.items(), key=lambda item: item[0].name_fi)
            ],
            "today": today,
            "overdue_count": sum(len(s) for s in by_organization.values()),
        },
    )


@staff_view
@require_POST
def remind(request, slug, pk):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    organization = get_object_or_404(Organization.objects.filter(networks=network), pk=pk)
    try:
        reminder = services.review_reminder_send(actor=request.user, organization=organization)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Reminder about %(services)s service sent to %(people)s people at %(organization)s.",
                "Reminder about %(services)s services sent to %(people)s people at %(organization)s.",
                reminder.services,
            )
            % {
                "services": reminder.services,
                "people": reminder.recipients,
                "organization": organization.name,
            },
        )
    return redirect("insights:freshness", network.slug)


@staff_view
def unmet(request, slug):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    municipalities = list(network.municipalities.order_by("name_fi"))
    today = timezone.localdate()
    months = usage.month_range(today)
    form = UnmetFilterForm(request.GET or None, municipalities=municipalities, months=months)
    chosen = form.cleaned_data if form.is_valid() else {"municipality": "", "month": ""}
    rows = usage.unmet_needs(
        network,
        usage.start_of(months[0]),
        municipality_code=chosen["municipality"] or None,
        month=datetime.date.fromisoformat(chosen["month"]) if chosen["month"] else None,
        limit=UNMET_SHOWN,
    )
    link_form = QueryLinkForm()
    return _render(
        request,
        network,
        "insights/unmet.html",
        {"form": form, "rows": rows, "link_form": link_form},
    )


@staff_view
@require_POST
def query_link(request, slug):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    form = QueryLinkForm(request.POST)
    if form.is_valid():
        link = search_services.query_link_save(
            actor=request.user,
            network=network,
            query_key=form.cleaned_data["query_key"],
            query=form.cleaned_data["query"],
            service_type=form.cleaned_data["service_type"],
            synonym=form.cleaned_data["synonym"],
        )
        messages.success(
            request,
            _("From now on “%(query)s” finds %(target)s.")
            % {"query": link.query, "target": form.target_text()},
        )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(safe_next_url(request, reverse("insights:unmet", args=[network.slug])))


@staff_view
@require_POST
def query_unlink(request, slug, pk):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    link = get_object_or_404(QueryLink, pk=pk, network=network)
    search_services.query_link_delete(link=link)
    messages.success(request, _("“%(query)s” is searched as typed again.") % {"query": link.query})
    return redirect(safe_next_url(request, reverse("insights:unmet", args=[network.slug])))


@staff_view
@require_http_methods(["GET", "POST"])
def directors(request, slug):
    """Who reads each municipality's report beside the coordinators (its director or committee
    secretary), appointed here. The page answers the same whether the address had an account or not."""
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    form = DirectorForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            saved = network_services.director_appoint(
                actor=request.user,
                municipalities=form.cleaned_data["municipalities"],
                email=email,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password_url=lambda uidb64, token: request.build_absolute_uri(
                    reverse("workspace:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
                ),
                sign_in_url=request.build_absolute_uri(reverse("workspace:sign_in")),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(email)s can now read the report of %(municipalities)s; an e-mail was sent to them.",
                    "%(email)s can now read the reports of %(municipalities)s; an e-mail was sent to them.",
                    len(saved.appointed),
                )
                % {"email": email, "municipalities": network_services.municipality_names(saved.appointed)},
            )
            if saved.already:
                messages.info(
                    request,
                    ngettext(
                        "%(email)s already reads the report of %(municipalities)s.",
                        "%(email)s already reads the reports of %(municipalities)s.",
                        len(saved.already),
                    )
                    % {"email": email, "municipalities": network_services.municipality_names(saved.already)},
                )
            return redirect("insights:directors", network.slug)
    return _render(
        request,
        network,
        "insights/directors.html",
        {"form": form, "municipalities": network_selectors.municipalities_with_directors(network)},
    )


@staff_view
@require_POST
def director_remove(request, slug, pk):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    director = get_object_or_404(
        MunicipalityDirector.objects.select_related("user", "municipality"),
        pk=pk,
        municipality__network=network,
    )
    network_services.director_remove(actor=request.user, director=director)
    messages.success(
        request,
        _("%(name)s no longer reads the report of %(municipality)s.")
        % {
            "name": director.user.get_full_name() or director.user.email,
            "municipality": director.municipality.name,
        },
    )
    return redirect("insights:directors", network.slug)


@staff_view
def usage_view(request, slug):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    municipalities = list(network.municipalities.order_by("name_fi"))
    organizations = Organization.objects.filter(networks=network)
    months = usage.month_range(timezone.localdate())
    searches = usage.searches_by_municipality(months, network)
    per_municipality = [
        {
            "municipality": m,
            "searches": [searches[m.code][month] for month in months],
            "views": list(usage.page_views(months, m.code).values()),
            "referrals": [
                row["sent"] for row in usage.referral_counts(months, organizations, m.code).values()
            ],
            "registrations": [
                row["registrations"] for row in usage.activity_counts(months, organizations, m.code).values()
            ],
        }
        for m in municipalities
    ]
    totals = usage.search_counts(months, network)
    activities = usage.activity_counts(months, organizations)
    return _render(
        request,
        network,
        "insights/usage.html",
        {
            "months": months,
            "per_municipality": per_municipality,
            "unlimited_searches": [searches[""][month] for month in months]
            if "" in searches
            else [0] * len(months),
            "search_totals": [(month, totals[month]) for month in months],
            "views": list(usage.page_views(months, services=_network_services(network)).items()),
            "region_views": [
                usage.page_views(months, "", services=_network_services(network))[month] for month in months
            ],
            "region_referrals": [
                row["sent"] for row in usage.referral_counts(months, organizations, "").values()
            ],
            "referrals": list(usage.referral_counts(months, organizations).items()),
            "activities": list(activities.items()),
            "activity_kinds": usage.activity_kinds(usage.start_of(months[0]), organizations),
            "statistics": statistics_for(organizations, usage.start_of(months[0])),
            "kind_names": {k.code: k.name for k in coverage.provider_kinds()} | {"family": _("a family")},
            "reason_names": dict(Referral.DeclineReason.choices),
            "subscriptions": subscription_selectors.counts(municipalities, organizations),
        },
    )


@staff_view
@require_safe
def questions_view(request, slug):
    """The questions service in figures (questions.selectors.figures): counts and times only, nothing a
    family wrote; for the network's coordinators."""
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    months = usage.month_range(timezone.localdate())
    figures = questions_selectors.figures([network], usage.start_of(months[0]), timezone.now())
    per_month = dict(figures.by_month)
    topics = {s.code: s for s in LifeSituation.objects.all()}
    places = {m.code: m for m in network.municipalities.all()}
    return _render(
        request,
        network,
        "insights/questions.html",
        {
            "figures": figures,
            "months": [(month, per_month.get(month, 0)) for month in months],
            "topics": [(topics.get(code), count) for code, count in figures.by_topic],
            "places": [(places.get(code), count) for code, count in figures.by_municipality],
            "desk": questions_selectors.desk_of(network),
            "chart": charts.columns(
                _("Questions by month"), [(report.month_label(m), per_month.get(m, 0)) for m in months]
            ),
        },
    )


def _network_services(network):
    return Service.objects.filter(organization__networks=network).values("pk")
