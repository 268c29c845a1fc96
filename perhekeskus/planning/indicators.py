"""Figures the service computes for a plan's indicators, for its municipality (or, for the network's
plan, for all of the network's municipalities), and the daily task that records them so that they
have a history."""

import datetime
from decimal import Decimal

from django.utils import timezone

from perhekeskus.catalog import coverage
from perhekeskus.catalog.freshness import overdue
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.selectors import services_reaching_code
from perhekeskus.core import charts
from perhekeskus.core.tasks import task
from perhekeskus.network.models import Organization
from perhekeskus.planning.models import Indicator, IndicatorValue, Plan
from perhekeskus.referrals.models import Referral
from perhekeskus.search.models import SearchLog

WINDOW = datetime.timedelta(days=30)
CHART_POINTS = 12


def _municipalities(plan: Plan):
    return (
        [plan.municipality] if plan.municipality_id else list(plan.network.municipalities.order_by("name_fi"))
    )


def _core_share(plan: Plan, counted) -> Decimal:
    """Share (%) of the model's core service types whose cell `counted` accepts, over the plan's
    municipalities."""
    places = _municipalities(plan)
    matrix = coverage.coverage(plan.network, municipalities=places)
    possible = len(matrix.types) * len(places)
    covered = sum(1 for m in places for t in matrix.types if counted(matrix.cell(m.code, t.code)))
    return (Decimal(100 * covered) / Decimal(possible)).quantize(Decimal("0.1")) if possible else Decimal(0)


def core_local(plan: Plan, today: datetime.date) -> Decimal:
    """Core types delivered in the municipality itself (the matrix's "in the municipality")."""
    return _core_share(plan, lambda cell: cell.state == coverage.LOCAL)


def core_coverage(plan: Plan, today: datetime.date) -> Decimal:
    """Core types available at all: locally, regionally or remotely."""
    return _core_share(plan, lambda cell: cell.available)


def overdue_services(plan: Plan, today: datetime.date) -> Decimal:
    organizations = Organization.objects.filter(networks=plan.network)
    # In operation, like the report's freshness figure: a temporarily closed service is not counted.
    services = [s for s in overdue(organizations, today) if s.status == Service.Status.ACTIVE]
    if plan.municipality_id:
        reaching = set(services_reaching_code(plan.municipality.code).values_list("pk", flat=True))
        services = [s for s in services if s.pk in reaching]
    return Decimal(len(services))


def searches_no_results(plan: Plan, today: datetime.date) -> Decimal:
    logs = SearchLog.objects.in_network(plan.network).filter(
        searched_at__gte=timezone.now() - WINDOW, result_count=0
    )
    if plan.municipality_id:
        logs = logs.filter(municipality=plan.municipality.code)
    return Decimal(logs.count())


def referrals_accepted(plan: Plan, today: datetime.date) -> Decimal:
    referrals = Referral.objects.filter(
        receiving_organization__networks=plan.network, accepted_at__gte=timezone.now() - WINDOW
    )
    if plan.municipality_id:
        referrals = referrals.filter(service__in=services_reaching_code(plan.municipality.code))
    return Decimal(referrals.distinct().count())


COMPUTED = {
    Indicator.Source.CORE_LOCAL: core_local,
    Indicator.Source.CORE_COVERAGE: core_coverage,
    Indicator.Source.OVERDUE_SERVICES: overdue_services,
    Indicator.Source.SEARCHES_NO_RESULTS: searches_no_results,
    Indicator.Source.REFERRALS_ACCEPTED: referrals_accepted,
}


def current(indicator: Indicator, today: datetime.date | None = None) -> Decimal | None:
    """The indicator's figure today: computed, or the latest entered."""
    today = today or timezone.localdate()
    compute = COMPUTED.get(indicator.source)
    if compute is not None:
        return compute(indicator.goal.plan, today)
    latest = indicator.values.order_by("-on").first()
    return latest.value if latest else None


def figures(indicator: Indicator) -> dict:
    """An indicator's current figure and its history: the last figure of each month, for the last
    twelve months with figures, as a chart and a table."""
    by_month = {}
    for point in indicator.values.all():
        by_month[(point.on.year, point.on.month)] = point  # ordered by date: the month's last wins
    points = list(by_month.values())[-CHART_POINTS:]
    return {
        "indicator": indicator,
        "current": current(indicator),
        "points": points,
        "chart": charts.columns(
            indicator.name, [(point.on.strftime("%-d.%-m.%y"), float(point.value)) for point in points]
        )
        if points
        else "",
    }


@task("planning.record_indicators", daily_at=datetime.time(4, 15))
def record_indicators() -> str:
    """Today's figure of every computed indicator, kept as its history (once a day)."""
    today = timezone.localdate()
    count = 0
    for indicator in Indicator.objects.exclude(source=Indicator.Source.ENTERED).select_related(
        "goal__plan__network", "goal__plan__municipality"
    ):
        IndicatorValue.objects.update_or_create(
            indicator=indicator, on=today, defaults={"value": current(indicator, today)}
        )
        count += 1
    return f"{count} computed indicators recorded."
