"""The municipality report for a welfare committee: "Lieksan perhekeskus" as a page, a PDF
(WeasyPrint), a workbook (openpyxl) and the coverage matrix as CSV. One set of figures
(`report_data`) feeds every format."""

import csv
import datetime
import io
from collections import Counter, defaultdict

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from perhekeskus.catalog import coverage
from perhekeskus.catalog.freshness import review_status
from perhekeskus.catalog.models import Category, DeliveryMode, LifeSituation, Service
from perhekeskus.catalog.selectors import meeting_places, services_reaching, services_reaching_code
from perhekeskus.core import charts
from perhekeskus.core.spreadsheet import inert
from perhekeskus.core.translation import active_language, translate_with_language
from perhekeskus.insights import snapshots, usage
from perhekeskus.network.models import Municipality, Network, Organization
from perhekeskus.planning.indicators import figures
from perhekeskus.planning.models import Measure, Plan
from perhekeskus.questions import selectors as questions_selectors
from perhekeskus.referrals.selectors import statistics_for

REPORT_LANGUAGES = ("fi", "sv")
# Dates and months in the workbook are dates a spreadsheet can sort and count, shown the Finnish way.
DATE_FORMAT, MONTH_FORMAT = "d.m.yyyy", "m/yyyy"
OUTREACH_MODES = ("home-visit", "early-childhood-education", "school")
MEETING_PLACES_SHOWN = 50
REPORT_MIN_SEARCHES = 3
REPORT_MIN_UNMET = 2
# A topic of the municipality's questions is named in the report only when at least this many asked.
REPORT_MIN_QUESTIONS = 5


def month_label(month: datetime.date) -> str:
    return date_format(month, "n/Y")


def report_data(municipality: Municipality, today: datetime.date | None = None) -> dict:
    """Every figure of the report, in the active language."""
    today = today or timezone.localdate()
    network: Network = municipality.network
    organizations = Organization.objects.filter(networks=network)
    months = usage.month_range(today)
    everything = coverage.coverage(network, core_only=False)
    core = everything.restricted([t for t in everything.types if t.is_core])
    comparison = coverage.compare(network, municipality, everything)
    code = municipality.code

    # In operation, like the coverage (catalog.coverage): a temporarily closed service is a gap.
    services = list(
        services_reaching(municipality).filter(organization__in=organizations, status=Service.Status.ACTIVE)
    )
    by_category = defaultdict(list)
    for service in services:
        for category in {t.category for t in service.service_types.all()}:
            by_category[category].append(service)
    categories = [(c, by_category[c]) for c in Category.objects.order_by("position") if by_category.get(c)]
    for service in services:
        service.modes_here = sorted({d.mode for d in service.deliveries_here}, key=lambda mode: mode.position)
    modes = {m.code: m for m in DeliveryMode.objects.filter(code__in=OUTREACH_MODES)}
    outreach = [
        (modes[mode], [s for s in services if any(d.mode.code == mode for d in s.deliveries_here)])
        for mode in OUTREACH_MODES
        if mode in modes
    ]
    kinds = Counter(s.organization.kind_id for s in services)
    kind_rows = [(k, kinds[k.pk]) for k in coverage.provider_kinds() if kinds[k.pk]]

    reviews = review_status(services, today)
    searches = usage.search_counts(months, network, code)
    views = usage.page_views(months, code)
    referrals = usage.referral_counts(months, organizations, code)
    # Families whose municipality is unknown: the whole network's, shown once, never in every municipality.
    network_services = Service.objects.filter(organization__in=organizations).values("pk")
    region_views = usage.page_views(months, "", services=network_services)
    region_referrals = usage.referral_counts(months, organizations, "")
    activities = usage.activity_counts(months, organizations, code)
    activity_kinds = usage.activity_kinds(usage.start_of(months[0]), organizations, code)
    year_ago = usage.start_of(months[0])
    # A committee paper is public: only queries many searched, by their base forms, not as typed.
    unmet = usage.unmet_needs(
        network,
        year_ago,
        municipality_code=code,
        limit=10,
        min_searches=REPORT_MIN_SEARCHES,
        min_unmet=REPORT_MIN_UNMET,
    )
    referral_statistics = statistics_for(organizations, year_ago, services=services_reaching_code(code))
    core_states = core.states(code)
    figures = coverage.per_thousand(len(services), municipality)

    coverage_rows = core.by_category(code)
    questions = questions_selectors.figures([network], year_ago, timezone.now(), municipality=municipality)
    family_centre = getattr(municipality, "family_centre", None)
    totals = {
        **usage_sums(searches, views, referrals, activities),
        "region_views": sum(region_views.values()),
        "region_referrals": sum(row["sent"] for row in region_referrals.values()),
    }
    return {
        "text": written_texts(municipality),
        "year_earlier": year_earlier_rows(
            municipality,
            months,
            organizations,
            snapshots.figures_of(len(services), core_states, reviews),
            totals,
        ),
        # The family centre's own texts, with the language each is in: a Swedish report says which
        # are in Finnish only.
        "local_texts": local_texts(family_centre),
        "language": active_language(),
        "children_source": children_source(municipality),
        "municipality": municipality,
        "network": network,
        "family_centre": getattr(municipality, "family_centre", None),
        "today": today,
        "months": months,
        "period": (months[0], today),
        "core": core,
        "core_types": core.types,
        "core_states": core_states,
        "core_total": len(core.types),
        "core_summary": states_in_words(core_states),
        "state_names": coverage.STATE_NAMES,
        # Every core type of the model, named, with its state and who provides it.
        "core_rows": [{"type": t, "cell": core.cell(code, t.code)} for t in core.types],
        "comparison": comparison,
        "figures": figures,
        "categories": categories,
        "outreach": outreach,
        "meeting_places": meeting_places(limit=MEETING_PLACES_SHOWN, municipality=municipality),
        "kind_rows": kind_rows,
        "services": services,
        "reviews": reviews,
        "monthly": [
            {
                "month": month,
                "searches": searches[month],
                "views": views[month],
                "referrals": referrals[month],
                "activities": activities[month],
            }
            for month in months
        ],
        "totals": totals,
        "referral_statistics": referral_statistics,
        "activity_kinds": activity_kinds,
        "unmet": unmet,
        "charts": {
            "coverage": charts.bars(
                _("Core services in the municipality by category"),
                [
                    charts.Bar(category.name, states[coverage.LOCAL], total)
                    for category, states, total in coverage_rows
                ],
            ),
            "providers": charts.bars(
                _("Services by provider kind"), [charts.Bar(kind.name, count) for kind, count in kind_rows]
            ),
            "searches": charts.columns(
                _("Searches for %(municipality)s by month") % {"municipality": municipality.name},
                [(month_label(month), searches[month]["searches"]) for month in months],
            ),
        },
        "coverage_rows": coverage_rows,
        "plans": action_plans(municipality),
        # The municipality's families' anonymous questions (counted; a committee paper is public, so no
        # topic of fewer than REPORT_MIN_QUESTIONS).
        "questions": questions,
        "question_topics": _question_topics(questions),
    }


def _question_topics(questions) -> list[tuple[str, int]]:
    names = {s.code: s.name for s in LifeSituation.objects.all()}
    return [
        (names[code], count) for code, count in questions.by_topic if code and count >= REPORT_MIN_QUESTIONS
    ]


def usage_sums(searches: dict, views: dict, referrals: dict, activities: dict) -> dict[str, int]:
    """The months' usage (usage.search_counts, page_views, referral_counts, activity_counts) summed."""
    return {
        "searches": sum(row["searches"] for row in searches.values()),
        "no_results": sum(row["no_results"] for row in searches.values()),
        "views": sum(views.values()),
        "referrals": sum(row["sent"] for row in referrals.values()),
        "registrations": sum(row["registrations"] for row in activities.values()),
        "people": sum(row["people"] or 0 for row in activities.values()),
        "attended": sum(row["present"] for row in activities.values()),
        "marked": sum(row["marked"] for row in activities.values()),
    }


def usage_totals(months: list[datetime.date], organizations, code: str, network) -> dict[str, int] | None:
    """The municipality's usage over `months`, for the year-earlier comparison; None when the site has
    no usage on record from the first of them (not zero: nothing was counted then)."""
    since = usage.recorded_since()
    if since is None or since > months[0]:
        return None
    return usage_sums(
        usage.search_counts(months, network, code),
        usage.page_views(months, code),
        usage.referral_counts(months, organizations, code),
        usage.activity_counts(months, organizations, code),
    )


def year_earlier_rows(municipality, months, organizations, now: dict[str, int], totals: dict) -> dict:
    """This period against the same months a year earlier: the listings' figures from the snapshot of
    that month (None where none was recorded), usage from the logs."""
    before = snapshots.year_earlier(municipality, months[-1])
    then = before.figures if before else {}
    earlier_months = [month.replace(year=month.year - 1) for month in months]
    earlier_usage = usage_totals(earlier_months, organizations, municipality.code, municipality.network)
    then_usage = earlier_usage or {}
    names = {
        "services": _("Services available to the municipality's families"),
        **{
            state: _("Core services: %(state)s") % {"state": coverage.STATE_NAMES[state]}
            for state in coverage.STATES
        },
        "in_time": _("Services confirmed accurate in time"),
        "never": _("Services never confirmed accurate, not yet due"),
        "overdue": _("Services overdue for review"),
    }
    rows = [(names[key], now[key], then.get(key)) for key in snapshots.FIGURES]
    rows += [
        (_("Searches for the municipality in 12 months"), totals["searches"], then_usage.get("searches")),
        (
            _("Service page views by the municipality's families in 12 months"),
            totals["views"],
            then_usage.get("views"),
        ),
        (
            _("Referrals of the municipality's families in 12 months"),
            totals["referrals"],
            then_usage.get("referrals"),
        ),
        (_("Activity registrations in 12 months"), totals["registrations"], then_usage.get("registrations")),
    ]
    earlier = {
        "rows": rows,
        "month": months[-1].replace(year=months[-1].year - 1),
        "recorded": before is not None,
        # Usage a year earlier is unknown (not zero) when the site began recording later.
        "usage_recorded": earlier_usage is not None,
        "usage_since": usage.recorded_since(),
        "sample": bool(before and before.is_sample_data),
    }
    earlier["notes"] = year_earlier_notes(earlier)
    return earlier


def year_earlier_notes(earlier: dict) -> list[str]:
    """What a reader must know about the year-earlier column (as the page and PDF say it)."""
    notes = []
    if not earlier["recorded"]:
        notes.append(
            _(
                "The listings' figures of a year earlier are shown once they have been recorded for a year "
                "(every month from when the service was taken into use); usage comes from the logs."
            )
        )
    elif earlier["sample"]:
        notes.append(_("The figures of a year earlier are sample data too."))
    if not earlier["usage_recorded"]:
        if earlier["usage_since"]:
            notes.append(
                _(
                    "Usage is on record from %(month)s: a year earlier it was not counted (–), which is not the "
                    "same as none."
                )
                % {"month": date_format(earlier["usage_since"], "n/Y")}
            )
        else:
            notes.append(_("No usage is on record yet."))
    return notes


def written_texts(municipality: Municipality) -> dict[str, tuple[str, str]]:
    """The summary and decision proposal written for the item, as (text, language it is in)."""
    written = getattr(municipality, "report_text", None)
    if written is None:
        return {}
    found = {field: translate_with_language(written, field) for field in ("summary", "proposal")}
    return {field: value for field, value in found.items() if value[0]}


def children_source(municipality: Municipality) -> str:
    """Where the numbers of children come from, and of which year: "Tilastokeskus, taulukko 11re, 2024"."""
    label = municipality.population_source_label
    if label and municipality.population_year:
        label = f"{label}, {municipality.population_year}"
    # A recorded source is written as the importer wrote it, in Finnish.
    if municipality.population_source and active_language() != "fi":
        label += " (" + _("only in Finnish") + ")"
    return label


def local_texts(family_centre) -> dict[str, tuple[str, str]]:
    """The family centre's description and local emphasis as (text, language it is in)."""
    if family_centre is None:
        return {}
    found = {
        field: translate_with_language(family_centre, field) for field in ("description", "local_emphasis")
    }
    return {field: value for field, value in found.items() if value[0]}


def states_in_words(states: dict[str, int]) -> str:
    """ "19 in the municipality, 5 regionally, 1 remote only, 0 missing": every state, always."""
    return ", ".join(f"{states[state]} {coverage.STATE_NAMES[state]}" for state in coverage.STATES)


def action_plans(municipality: Municipality) -> list[dict]:
    """The municipality's action plans and its network's: goals, measures by status, indicators with
    their figures and charts (planning)."""
    plans = (
        Plan.objects.filter(network=municipality.network)
        .filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .prefetch_related("goals__measures__responsible", "goals__indicators__values")
        .order_by("municipality", "-starts")
    )
    return [
        {
            "plan": plan,
            "goals": [
                {
                    "goal": goal,
                    "measures": list(goal.measures.all()),
                    "indicators": [figures(indicator) for indicator in goal.indicators.all()],
                }
                for goal in plan.goals.all()
            ],
            "statuses": [
                (label, sum(1 for g in plan.goals.all() for m in g.measures.all() if m.status == value))
                for value, label in Measure.Status.choices
            ],
        }
        for plan in plans
    ]


def title(municipality: Municipality) -> str:
    centre = getattr(municipality, "family_centre", None)
    return (
        centre.name
        if centre is not None
        else _("Family centre of %(municipality)s") % {"municipality": municipality.name}
    )


def render_html(municipality: Municipality, language: str, *, for_print: bool) -> str:
    with translation.override(language):
        data = report_data(municipality)
        return render_to_string(
            "insights/report_document.html",
            {**data, "title": title(municipality), "for_print": for_print, "language": language},
        )


def pdf(municipality: Municipality, language: str) -> bytes:
    from weasyprint import HTML  # the system libraries it needs load only when a PDF is made

    # Tagged (headings, tables, reading order) for screen readers.
    return HTML(string=render_html(municipality, language, for_print=True)).write_pdf(pdf_tags=True)


# --- Workbook ---------------------------------------------------------------------------------------


def xlsx(municipality: Municipality, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    with translation.override(language):
        data = report_data(municipality)
        book = Workbook()
        bold = Font(bold=True)

        sheet = book.active
        sheet.title = _("Summary")[:31]
        figures = data["figures"]
        rows = [
            (title(municipality), ""),
            (_("Date"), data["today"]),
            *(
                (
                    _("Core services: %(state)s") % {"state": coverage.STATE_NAMES[state]},
                    data["core_states"][state],
                )
                for state in coverage.STATES
            ),
            (_("Core services in the model"), data["core_total"]),
            (_("Services available"), figures["services"]),
            (_("Residents"), municipality.population),
            (_("Services per 1,000 residents"), figures["per_1000_residents"]),
            (_("Children aged 0–17"), municipality.children),
            (_("Children aged 0–6"), municipality.children_under_7),
            (_("Statistics year of the numbers of children"), municipality.population_year),
            (_("Source of the numbers of children"), municipality.population_source_label or None),
            (_("Services per 1,000 children"), figures["per_1000_children"]),
            (_("Services confirmed accurate in time"), len(data["reviews"].in_time)),
            (_("Services never confirmed accurate, not yet due"), len(data["reviews"].never)),
            (_("Services overdue for review"), len(data["reviews"].overdue)),
            (_("Searches in 12 months"), data["totals"]["searches"]),
            (_("Service page views by the municipality's families in 12 months"), data["totals"]["views"]),
            (_("Referrals of the municipality's families in 12 months"), data["totals"]["referrals"]),
            (_("Region-wide: page views, family's municipality unknown"), data["totals"]["region_views"]),
            (_("Region-wide: referrals, family's municipality unknown"), data["totals"]["region_referrals"]),
            (_("Activity registrations in 12 months"), data["totals"]["registrations"]),
            (_("Anonymous questions in 12 months"), data["questions"].asked),
            (_("Anonymous questions answered"), data["questions"].answered),
            (_("Anonymous questions answered later than promised"), data["questions"].answered_late),
            (_("Median hours to answer a question"), data["questions"].median_whole_hours),
        ]
        for row in rows:
            sheet.append(row)
        sheet["B2"].number_format = DATE_FORMAT
        sheet["A1"].font = bold
        sheet.column_dimensions["A"].width = 42

        sheet = book.create_sheet(_("Coverage")[:31])
        sheet.append(
            [
                _("Category"),
                *(str(coverage.STATE_NAMES[state]) for state in coverage.STATES),
                _("Core services in the model"),
            ]
        )
        for category, states, total in data["coverage_rows"]:
            sheet.append([category.name, *(states[state] for state in coverage.STATES), total])
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = _("Core services by category and how they reach the municipality")
        chart.add_data(
            Reference(sheet, min_col=2, max_col=1 + len(coverage.STATES), min_row=1, max_row=sheet.max_row),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=sheet.max_row))
        sheet.add_chart(chart, "E2")
        sheet.column_dimensions["A"].width = 42

        sheet = book.create_sheet(_("Services")[:31])
        sheet.append([_("Category"), _("Service"), _("Provider"), _("Provider kind"), _("How")])
        for category, services in data["categories"]:
            for service in services:
                sheet.append(
                    [
                        category.name,
                        service.name,
                        service.organization.name,
                        service.organization.kind.name,
                        ", ".join(mode.name for mode in service.modes_here),
                    ]
                )
        sheet.column_dimensions["B"].width = 40
        sheet.column_dimensions["C"].width = 40

        sheet = book.create_sheet(_("Core services")[:31])
        sheet.append(
            [_("Core service type"), _("Category"), _("How it reaches the municipality"), _("Nearest place elsewhere"),
             _("Road distance estimate (km)"), _("Services")]
        )  # fmt: skip
        for row in data["core_rows"]:
            cell, nearest = row["cell"], row["cell"].nearest
            sheet.append(
                [
                    row["type"].name, row["type"].category.name, cell.state_name,
                    f"{nearest.location.name}, {nearest.location.municipality.name}" if nearest and cell.state == coverage.REGIONAL else None,
                    nearest.road_km if nearest and cell.state == coverage.REGIONAL else None,
                    "; ".join(f"{s.name} ({s.organization.name})" for s in cell.services),
                ]
            )  # fmt: skip
        sheet.column_dimensions["A"].width = 42
        sheet.column_dimensions["D"].width = 36

        if data["activity_kinds"]:
            sheet = book.create_sheet(_("Activities by kind")[:31])
            sheet.append(
                [
                    _("Kind of activity"), _("Registrations"), _("People"), _("Attended"), _("Attendance marked"),
                    _("Attendance (%)"), _("Answers"), _("Useful"), _("Partly"), _("Not useful"), _("Useful (%)"),
                ]
            )  # fmt: skip
            for row in data["activity_kinds"]:
                sheet.append(
                    [
                        row["kind"].name, row["registrations"], row["people"], row["present"], row["marked"],
                        row["attendance"], row["answers"], row["useful"], row["partly"], row["not_useful"],
                        row["useful_share"],
                    ]
                )  # fmt: skip
            sheet.column_dimensions["A"].width = 36

        sheet = book.create_sheet(_("Usage")[:31])
        sheet.append(
            [
                _("Month"), _("Searches"), _("No results"), _("Service page views"), _("Referrals"),
                _("Accepted"), _("Activity registrations"), _("Attended"),
            ]
        )  # fmt: skip
        for row in data["monthly"]:
            sheet.append(
                [
                    row["month"], row["searches"]["searches"], row["searches"]["no_results"],
                    row["views"], row["referrals"]["sent"], row["referrals"]["accepted"],
                    row["activities"]["registrations"], row["activities"]["present"],
                ]
            )  # fmt: skip
            sheet.cell(row=sheet.max_row, column=1).number_format = MONTH_FORMAT
        chart = BarChart()
        chart.title = _("Searches for %(municipality)s by month") % {"municipality": municipality.name}
        chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=sheet.max_row), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=sheet.max_row))
        sheet.add_chart(chart, "J2")

        if data["plans"]:
            # Measures and indicators are different things: a table each.
            sheet = book.create_sheet(_("Measures")[:31])
            sheet.append([_("Plan"), _("Goal"), _("Measure"), _("Responsible"), _("Schedule"), _("Status")])
            for item in data["plans"]:
                plan = f"{item['plan'].title} {item['plan'].starts}–{item['plan'].ends}"
                for goal in item["goals"]:
                    for measure in goal["measures"]:
                        sheet.append(
                            [
                                plan, goal["goal"].title, measure.title,
                                ", ".join(o.name for o in measure.responsible.all()), measure.schedule,
                                measure.get_status_display(),
                            ]
                        )  # fmt: skip
            sheet.column_dimensions["C"].width = 40
            sheet = book.create_sheet(_("Indicators")[:31])
            sheet.append([_("Plan"), _("Goal"), _("Indicator"), _("Now"), _("Unit"), _("Target")])
            for item in data["plans"]:
                plan = f"{item['plan'].title} {item['plan'].starts}–{item['plan'].ends}"
                for goal in item["goals"]:
                    for indicator in goal["indicators"]:
                        target = indicator["indicator"].target
                        sheet.append(
                            [
                                plan, goal["goal"].title, indicator["indicator"].name,
                                float(indicator["current"]) if indicator["current"] is not None else None,
                                indicator["indicator"].unit, float(target) if target is not None else None,
                            ]
                        )  # fmt: skip
            sheet.column_dimensions["C"].width = 40

        for current in book.worksheets:
            for cell in current[1]:
                cell.font = bold
            for row in current.iter_rows():
                for cell in row:
                    # Text, never a formula, whatever it begins with.
                    if cell.data_type == "f":
                        cell.data_type = "s"
        output = io.BytesIO()
        book.save(output)
        return output.getvalue()


# --- Coverage matrix as CSV -------------------------------------------------------------------------


def coverage_csv(network: Network, language: str, *, category=None, provider_kinds=()) -> str:
    """One row per municipality and core service type: how it reaches the municipality (catalog.coverage's
    four states; the nearest place when only places elsewhere serve it), by which kinds of provider, how,
    and which services."""
    with translation.override(language):
        matrix = coverage.coverage(network, category=category, provider_kinds=provider_kinds)
        kinds = {k.code: k.name for k in coverage.provider_kinds()}
        modes = {m.code: m.name for m in DeliveryMode.objects.all()}
        output = io.StringIO()
        output.write("\ufeff")  # a spreadsheet opens it as UTF-8
        writer = csv.writer(output, delimiter=";")
        writer.writerow(
            [
                _("Municipality code"), _("Municipality"), _("Category"), _("Service type code"),
                _("Service type"), _("How it reaches the municipality"), _("Nearest place elsewhere"),
                _("Road distance estimate (km)"), _("Provider kinds"), _("How"), _("Services"),
            ]
        )  # fmt: skip
        for municipality in matrix.municipalities:
            for service_type in matrix.types:
                cell = matrix.cell(municipality.code, service_type.code)
                nearest = cell.nearest if cell.state == coverage.REGIONAL else None
                writer.writerow(
                    inert(value)
                    for value in [
                        municipality.code,
                        municipality.name,
                        service_type.category.name,
                        service_type.code,
                        service_type.name,
                        cell.state_name,
                        f"{nearest.location.name}, {nearest.location.municipality.name}" if nearest else "",
                        "" if nearest is None or nearest.road_km is None else nearest.road_km,
                        "; ".join(kinds.get(k, k) for k in sorted(cell.kinds, key=coverage.kind_position)),
                        "; ".join(sorted(modes.get(m, m) for m in cell.modes)),
                        "; ".join(s.name for s in cell.services),
                    ]
                )
        return output.getvalue()
