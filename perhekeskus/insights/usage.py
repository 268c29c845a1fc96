"""Usage and cooperation per month and municipality, from records without personal data: the search
log, service page views, referrals (statuses and dates only) and activity registrations (counts and
attendance only)."""

import datetime
from collections import defaultdict

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from perhekeskus.activities.models import Activity, OccurrenceChange, Registration, VisitFeedback
from perhekeskus.catalog.models import Category
from perhekeskus.catalog.opening_hours import HELSINKI
from perhekeskus.catalog.selectors import services_reaching_code
from perhekeskus.insights.models import ServiceView
from perhekeskus.referrals.models import Referral
from perhekeskus.search.models import MONTHLY_COUNTS, QueryLink, SearchLog, SearchLogMonth

MONTHS_SHOWN = 12


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_range(end: datetime.date, count: int = MONTHS_SHOWN) -> list[datetime.date]:
    """The first days of the `count` months up to and including `end`'s month, oldest first."""
    months, month = [], first_of_month(end)
    for _ in range(count):
        months.append(month)
        month = first_of_month(month - datetime.timedelta(days=1))
    return months[::-1]


def start_of(month: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(month, datetime.time(), tzinfo=HELSINKI)


def _month_key(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def recorded_since() -> datetime.date | None:
    """The month from which the site has usage on record (its first search or service page view, kept
    or summed up after retention); None before any. A comparison with months before it compares with
    nothing, not with zero."""
    firsts = [
        SearchLogMonth.objects.order_by("month").values_list("month", flat=True).first(),
        ServiceView.objects.order_by("day").values_list("day", flat=True).first(),
    ]
    first_search = SearchLog.objects.order_by("searched_at").values_list("searched_at", flat=True).first()
    if first_search is not None:
        firsts.append(first_search.astimezone(HELSINKI).date())
    known = [day for day in firsts if day is not None]
    return first_of_month(min(known)) if known else None


# --- Searches ---------------------------------------------------------------------------------------


def _monthly(months: list[datetime.date], network, by: tuple[str, ...] = (), municipality_code=None) -> list:
    """The monthly figures of the network's searches since `months[0]`: of the rows in the log and of
    those deleted from it (SearchLogMonth), a month possibly in several rows."""
    logs = SearchLog.objects.in_network(network).filter(searched_at__gte=start_of(months[0]))
    deleted = SearchLogMonth.objects.in_network(network).filter(month__gte=months[0])
    if municipality_code is not None:
        logs = logs.filter(municipality=municipality_code)
        deleted = deleted.filter(municipality=municipality_code)
    return [*logs.monthly_counts(*by), *deleted.values("month", *by, *MONTHLY_COUNTS)]


def search_counts(months: list[datetime.date], network, municipality_code: str | None = None) -> dict:
    """Per month: searches, those with no results, with few, and with results none of which was
    opened (of searches on the page; an API search's clicks are unknown). `municipality_code`: only
    searches limited to that municipality."""
    counts = {month: dict.fromkeys(MONTHLY_COUNTS, 0) for month in months}
    for row in _monthly(months, network, municipality_code=municipality_code):
        if row["month"] in counts:
            for name in MONTHLY_COUNTS:
                counts[row["month"]][name] += row[name]
    return counts


def searches_by_municipality(months: list[datetime.date], network) -> dict:
    """Searches per municipality of the network (limited to it) and month; "" for searches not
    limited to a municipality."""
    table = defaultdict(lambda: dict.fromkeys(months, 0))
    for row in _monthly(months, network, by=("municipality",)):
        if row["month"] in table[row["municipality"]]:
            table[row["municipality"]][row["month"]] += row["searches"]
    return table


def unmet_needs(
    network,
    since: datetime.datetime,
    *,
    municipality_code: str | None = None,
    month: datetime.date | None = None,
    limit=50,
    min_searches: int = 2,
    min_unmet: int = 1,
) -> list[dict]:
    """Queries (grouped by search.query.grouping_key) that left a need unmet, the most frequent first:
    a search that found nothing (in its municipality, where it was limited to one), or one whose
    results nobody opened and that the same person did not change into a search whose result was
    opened (SearchLog.refined_and_opened). Finding a few results, one of them opened, is no unmet need.
    Each with why it is listed (`no_results`, `not_opened`), a query as typed and the network's link
    if any. A query searched fewer than `min_searches` times is left out: one search is a person, not
    a need; so is one left unmet fewer than `min_unmet` times (one of many)."""
    logs = SearchLog.objects.in_network(network).filter(searched_at__gte=since).exclude(query_key="")
    if municipality_code is not None:
        logs = logs.filter(municipality=municipality_code)
    if month is not None:
        next_month = first_of_month(month + datetime.timedelta(days=32))
        logs = logs.filter(searched_at__gte=start_of(month), searched_at__lt=start_of(next_month))
    not_opened = Q(result_count__gt=0, clicks=0, refined_and_opened=False)
    unmet = Q(result_count=0) | not_opened
    rows = list(
        logs.values("query_key")
        .annotate(
            searches=Count("pk"),
            unmet=Count("pk", filter=unmet),
            no_results=Count("pk", filter=Q(result_count=0)),
            not_opened=Count("pk", filter=not_opened),
            example=Max("query"),
            last_searched=Max("searched_at"),
        )
        .filter(unmet__gte=max(1, min_unmet), searches__gte=min_searches)
        .order_by("-unmet", "-searches", "query_key")[:limit]
    )
    links = QueryLink.objects.filter(network=network, query_key__in=[r["query_key"] for r in rows])
    links = links.select_related("service_type")
    by_key = {link.query_key: link for link in links}
    for row in rows:
        row["link"] = by_key.get(row["query_key"])
    return rows


# --- Service pages ----------------------------------------------------------------------------------


def page_views(months: list[datetime.date], municipality_code: str | None = None, services=None) -> dict:
    """Views of public service pages per month. `municipality_code`: by the families of that
    municipality (who had chosen it), "" by families whose municipality is unknown (region-wide:
    never counted in each municipality a service reaches). `services`: of those (a queryset of ids)."""
    views = ServiceView.objects.filter(day__gte=months[0])
    if municipality_code is not None:
        views = views.filter(municipality=municipality_code)
    if services is not None:
        views = views.filter(service__in=services)
    rows = views.annotate(month=TruncMonth("day")).values("month").annotate(views=Sum("views"))
    found = {_month_key(row["month"]): row["views"] for row in rows}
    return {month: found.get(month, 0) for month in months}


# --- Referrals --------------------------------------------------------------------------------------


def referral_counts(months: list[datetime.date], organizations, municipality_code: str | None = None) -> dict:
    """Per month (by sending date): referrals and contact requests to these organisations' services,
    how many were accepted, declined and completed. `municipality_code`: of families of that
    municipality (as the referrer recorded it), "" of families whose municipality is unknown."""
    referrals = Referral.objects.filter(
        receiving_organization__in=organizations, sent_at__gte=start_of(months[0])
    )
    if municipality_code == "":
        referrals = referrals.filter(family_municipality__isnull=True)
    elif municipality_code is not None:
        referrals = referrals.filter(family_municipality__code=municipality_code)
    rows = (
        referrals.annotate(month=TruncMonth("sent_at", tzinfo=HELSINKI))
        .values("month")
        .annotate(
            sent=Count("pk"),
            accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
            declined=Count("pk", filter=Q(status=Referral.Status.DECLINED)),
            completed=Count("pk", filter=Q(status=Referral.Status.COMPLETED)),
        )
    )
    found = {_month_key(row.pop("month")): row for row in rows}
    empty = {"sent": 0, "accepted": 0, "declined": 0, "completed": 0}
    return {month: found.get(month, empty) for month in months}


# --- Activities -------------------------------------------------------------------------------------


def _activity_here(municipality_code: str, path: str = "") -> Q:
    """An activity (at `path`) counts for its place's municipality; one without a place (online) for
    the municipalities its service reaches."""
    return Q(**{f"{path}location__municipality__code": municipality_code}) | Q(
        **{
            f"{path}location__isnull": True,
            f"{path}service__in": services_reaching_code(municipality_code),
        }
    )


def _held_registrations(organizations, since: datetime.datetime, municipality_code: str | None):
    """Confirmed registrations of the organisations' activities held since `since` (a moved time by
    its new date), without those for a cancelled time, with `held` the time's start."""
    changes = OccurrenceChange.objects.filter(
        activity=OuterRef("occurrence__activity"), original_start=OuterRef("occurrence__start")
    )
    registrations = (
        Registration.objects.filter(
            occurrence__activity__service__organization__in=organizations,
            status=Registration.Status.CONFIRMED,
        )
        .exclude(occurrence__activity__cancelled=True)
        .exclude(Exists(changes.filter(cancelled=True)))
        .annotate(held=Coalesce(Subquery(changes.values("new_start")[:1]), "occurrence__start"))
        .filter(held__gte=since)
    )
    if municipality_code is not None:
        registrations = registrations.filter(_activity_here(municipality_code, "occurrence__activity__"))
    return registrations


def activity_counts(months: list[datetime.date], organizations, municipality_code: str | None = None) -> dict:
    """Per month (of the time it was held, a moved time by its new date): registrations confirmed,
    the people they bring, and attendance as marked by the organisers; registrations for a cancelled
    time do not count. An activity counts for its place's municipality; one without a place (online)
    for the municipalities its service reaches."""
    registrations = _held_registrations(organizations, start_of(months[0]), municipality_code)
    rows = (
        registrations.annotate(month=TruncMonth("held", tzinfo=HELSINKI))
        .values("month")
        .annotate(
            registrations=Count("pk"),
            people=Sum(F("adults") + F("children")),
            present=Count("pk", filter=Q(attended=True)),
            marked=Count("pk", filter=Q(attended__isnull=False)),
        )
    )
    found = {_month_key(row.pop("month")): row for row in rows}
    empty = {"registrations": 0, "people": 0, "present": 0, "marked": 0}
    return {month: found.get(month, empty) for month in months}


def activity_kinds(
    since: datetime.datetime, organizations, municipality_code: str | None = None
) -> list[dict]:
    """Attendance and satisfaction per kind of activity (the categories of its service's types; an
    activity of a service in two categories counts in both) since `since`: registrations, people,
    attendance as marked, and the families' answers to "was it useful?" (VisitFeedback)."""
    registrations = _held_registrations(organizations, since, municipality_code).values_list(
        "occurrence__activity_id", "adults", "children", "attended"
    )
    feedback = VisitFeedback.objects.filter(
        activity__service__organization__in=organizations,
        occurrence_start__gte=since,
        activity__cancelled=False,
    )
    if municipality_code is not None:
        feedback = feedback.filter(_activity_here(municipality_code, "activity__"))
    answers = list(feedback.values_list("activity_id", "answer"))
    activity_ids = {row[0] for row in registrations} | {row[0] for row in answers}
    kinds_of = defaultdict(set)
    for activity_id, category_id in (
        Activity.objects.filter(pk__in=activity_ids)
        .values_list("pk", "service__service_types__category")
        .distinct()
    ):
        if category_id is not None:
            kinds_of[activity_id].add(category_id)
    empty = {
        "registrations": 0,
        "people": 0,
        "present": 0,
        "marked": 0,
        "answers": 0,
        "useful": 0,
        "partly": 0,
        "not_useful": 0,
    }
    rows = defaultdict(lambda: dict(empty))
    for activity_id, adults, children, attended in registrations:
        for kind in kinds_of[activity_id]:
            row = rows[kind]
            row["registrations"] += 1
            row["people"] += adults + children
            row["present"] += attended is True
            row["marked"] += attended is not None
    answer_counts = {
        VisitFeedback.Answer.USEFUL: "useful",
        VisitFeedback.Answer.PARTLY: "partly",
        VisitFeedback.Answer.NOT_USEFUL: "not_useful",
    }
    for activity_id, answer in answers:
        for kind in kinds_of[activity_id]:
            rows[kind]["answers"] += 1
            rows[kind][answer_counts[answer]] += 1
    found = []
    for category in Category.objects.filter(pk__in=rows).order_by("position"):
        row = rows[category.pk]
        found.append(
            {
                "kind": category,
                **row,
                # Shares as whole per cents, None where nothing was marked or answered.
                "attendance": round(100 * row["present"] / row["marked"]) if row["marked"] else None,
                "useful_share": round(100 * row["useful"] / row["answers"]) if row["answers"] else None,
            }
        )
    return found
