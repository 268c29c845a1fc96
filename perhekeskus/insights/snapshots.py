"""Each municipality's key figures once a month (FigureSnapshot), so that a committee report can show
this year against the same month a year earlier. Usage has its own history (the logs); what the
listings were like — how many services, how they reached the municipality, how fresh they were —
does not, so it is recorded as it stands."""

import datetime

from django.utils import timezone

from perhekeskus.catalog import coverage
from perhekeskus.catalog.freshness import ReviewStatus, review_status
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.selectors import services_reaching
from perhekeskus.core.tasks import task
from perhekeskus.insights.models import FigureSnapshot
from perhekeskus.network.models import Municipality, Organization

# The figures a snapshot keeps, in the order a report compares them.
FIGURES = ("services", *coverage.STATES, "in_time", "never", "overdue")


def figures_of(services: int, core_states: dict[str, int], reviews: ReviewStatus) -> dict[str, int]:
    return {
        "services": services,
        **core_states,
        "in_time": len(reviews.in_time),
        "never": len(reviews.never),
        "overdue": len(reviews.overdue),
    }


def current_figures(municipality: Municipality, today: datetime.date) -> dict[str, int]:
    network = municipality.network
    organizations = Organization.objects.filter(networks=network)
    services = list(
        services_reaching(municipality).filter(organization__in=organizations, status=Service.Status.ACTIVE)
    )
    core = coverage.coverage(network, municipalities=[municipality])
    return figures_of(len(services), core.states(municipality.code), review_status(services, today))


def year_earlier(municipality: Municipality, month: datetime.date) -> FigureSnapshot | None:
    """The snapshot of the same month a year before `month` (a month's first day)."""
    return FigureSnapshot.objects.filter(
        municipality=municipality, month=month.replace(year=month.year - 1)
    ).first()


@task("insights.record_figures", daily_at=datetime.time(4, 30))
def record_figures() -> str:
    """This month's figures of every municipality in a network, once (the first run of the month)."""
    today = timezone.localdate()
    month = today.replace(day=1)
    recorded = 0
    for municipality in Municipality.objects.filter(network__isnull=False).select_related("network"):
        if not FigureSnapshot.objects.filter(municipality=municipality, month=month).exists():
            FigureSnapshot.objects.create(
                municipality=municipality, month=month, figures=current_figures(municipality, today)
            )
            recorded += 1
    return f"{recorded} municipalities' figures recorded for {month:%m/%Y}."
