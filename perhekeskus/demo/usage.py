"""Demo usage: a year of searches and service page views (some by families of a known municipality),
so that the demo's insights and municipality
reports have figures and charts. Made once, into an empty search log (a site with real usage never
gets demo figures); the same every time (a fixed random seed)."""

import datetime
import random
import uuid

from django.db import transaction
from django.utils import timezone

from perhekeskus.activities import recurrence
from perhekeskus.activities.models import Activity, Occurrence, Registration, VisitFeedback
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.insights.models import FigureSnapshot, ServiceView
from perhekeskus.insights.snapshots import current_figures
from perhekeskus.insights.usage import month_range, start_of
from perhekeskus.search.models import SearchLog, SearchLogMonth
from perhekeskus.search.query import grouping_key
from perhekeskus.search.services import search_without_log

# What families search (with inflected variants), and searches for what the network lacks.
QUERIES = [
    "neuvola", "neuvolaan", "lastenneuvola", "perhekahvila", "perhekahvilaan", "perhekahvilat",
    "puheterapia", "puheterapeutti", "perheneuvola", "kasvatusneuvola", "vauvakerho", "kerho",
    "perhetyö", "kotipalvelu", "lapsiperheiden kotipalvelu", "eroperheen tuki", "eroneuvonta",
    "mielenterveys", "nuorten mielenterveys", "varhaiskasvatus", "päiväkoti", "familjecafé",
    "vauvauinti", "vauvauintiin", "kaksosperhe", "kaksosperheiden vertaistuki", "imetystuki",
    "imetysneuvonta", "uhmaikä", "yksinhuoltajat", "babysim", "lastenhoitoapu illaksi",
]  # fmt: skip
SEARCHES_PER_MONTH = (60, 140)
VIEWS_PER_SERVICE_MONTH = (0, 40)


def load_demo_usage(network, today: datetime.date | None = None) -> int:
    """Searches and page views for the last 12 months; nothing when the site has a search log of its own
    (rows kept, or the monthly figures of rows deleted after their retention)."""
    if SearchLog.objects.exists() or SearchLogMonth.objects.exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(422)
    municipalities = [*network.municipalities.values_list("code", flat=True), ""]
    found = {}
    for query in QUERIES:
        for code in municipalities:
            params = {"q": query, "municipality": [code] if code else []}
            found[query, code] = search_without_log(params, with_facets=False).total
    now = timezone.now()
    logs = []
    for month in month_range(today):
        start = start_of(month)
        seconds = min((now - start).total_seconds(), 28 * 86400)
        for _ in range(rng.randint(*SEARCHES_PER_MONTH)):
            query, code = rng.choice(QUERIES), rng.choice(municipalities)
            total = found[query, code]
            clicks = rng.choice((0, 1, 1, 2)) if total else 0
            logs.append(
                SearchLog(
                    query=query,
                    query_key=grouping_key(query),
                    language="sv" if query in ("familjecafé", "babysim") else "fi",
                    filters={"municipality": [code]} if code else {},
                    municipality=code,
                    result_count=total,
                    clicks=clicks,
                    # Most who opened nothing tried other words and opened a result of those.
                    refined_and_opened=bool(total and not clicks and rng.random() < 0.8),
                    searched_at=start + datetime.timedelta(seconds=rng.uniform(0, seconds)),
                )
            )
    # About two in five views come from families who had chosen their municipality (or searched in
    # one): most of them live where the service has a place; the rest are region-wide.
    homes = dict(
        listed_services()
        .filter(organization__networks=network, deliveries__location__isnull=False)
        .values_list("pk", "deliveries__location__municipality__code")
    )
    views = []
    for service_id in listed_services().filter(organization__networks=network).values_list("pk", flat=True):
        for month in month_range(today):
            count = rng.randint(*VIEWS_PER_SERVICE_MONTH)
            known = round(count * rng.uniform(0.25, 0.55))
            home = homes.get(service_id) or rng.choice(municipalities[:-1] or [""])
            day = min(month.replace(day=15), today)
            for municipality, views_here in ((home, known), ("", count - known)):
                if views_here:
                    views.append(
                        ServiceView(
                            service_id=service_id, day=day, municipality=municipality, views=views_here
                        )
                    )
    with transaction.atomic():
        SearchLog.objects.bulk_create(logs, batch_size=1000)
        ServiceView.objects.bulk_create(views, batch_size=1000, ignore_conflicts=True)
    return len(logs)


def load_demo_year_earlier(network, today: datetime.date | None = None) -> int:
    """Example figures of the listings a year ago (FigureSnapshot, marked sample data), so that the
    demo's report can show its year-earlier comparison: a few services fewer, two core services then
    only regional or missing, more overdue. Nothing where a snapshot of that month exists."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    month = month.replace(year=month.year - 1)
    rng = random.Random(167)
    made = 0
    for municipality in network.municipalities.all():
        if FigureSnapshot.objects.filter(municipality=municipality, month=month).exists():
            continue
        now = current_figures(municipality, today)
        moved = min(2, now["local"])
        # The review states of the services then add up to their number, as in a real snapshot: the
        # services added since are taken from those confirmed in time (then those never confirmed,
        # then the overdue), and some confirmed in time now were overdue then.
        fewer = min(max(0, now["services"] - 1), rng.randint(1, 6))  # some services even then
        states = {"in_time": now["in_time"], "never": now["never"], "overdue": now["overdue"]}
        left = fewer
        for state in states:
            taken = min(left, states[state])
            states[state] -= taken
            left -= taken
        later = min(states["in_time"], rng.randint(1, 5))
        states["in_time"] -= later
        states["overdue"] += later
        then = {
            **now,
            "services": now["services"] - fewer,
            "local": now["local"] - moved,
            "regional": now["regional"] + moved // 2,
            "missing": now["missing"] + moved - moved // 2,
            **states,
        }
        FigureSnapshot.objects.create(
            municipality=municipality, month=month, figures=then, is_sample_data=True
        )
        made += 1
    return made


# What families wrote after a visit (sample data, as the rest).
VISIT_COMMENTS = [
    "Mukava ohjaaja ja rauhallinen tunnelma.", "Lapsi odottaa jo seuraavaa kertaa!",
    "Tila oli vähän ahdas vaunuille.", "Hyviä vinkkejä arkeen, kiitos.",
    "Olisi kiva, jos kerho olisi myös iltaisin.", "Sain vertaistukea, jota kaipasin.",
    "Alkoi vähän myöhässä.", "Toivoisin lisää aikaa keskustelulle.",
]  # fmt: skip
ANSWERS = (("useful", 0.72), ("partly", 0.2), ("not-useful", 0.08))


def load_demo_visits(network, now: datetime.datetime | None = None) -> int:
    """Past times of the demo's activities with registrations (erased, as after a real time: counts
    and attendance only) and the families' answers to "was it useful?", so that the insights show
    attendance and satisfaction per kind. Made once, on a site without registrations of its own."""
    if Registration.objects.exists() or VisitFeedback.objects.exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(167)
    activities = Activity.objects.filter(
        service__organization__networks=network, registration=Activity.Registration.REQUIRED, cancelled=False
    ).prefetch_related("changes")
    registrations, answers = [], []
    for activity in activities:
        first = datetime.datetime.combine(activity.starts_on, datetime.time(), tzinfo=HELSINKI)
        for occurrence in recurrence.occurrences(activity, first, now - datetime.timedelta(hours=2)):
            if occurrence.cancelled:
                continue
            row, _ = Occurrence.objects.get_or_create(activity=activity, start=occurrence.original_start)
            for _ in range(rng.randint(2, min(activity.capacity or 10, 9))):
                attended = rng.choices((True, False, None), weights=(85, 10, 5))[0]
                registrations.append(
                    Registration(
                        occurrence=row, adults=1, children=rng.randint(0, 2), name="", attended=attended,
                        erased_at=now,
                    )
                )  # fmt: skip
                if attended and rng.random() < 0.45:
                    answer = rng.choices([a for a, _ in ANSWERS], weights=[w for _, w in ANSWERS])[0]
                    answers.append(
                        VisitFeedback(
                            activity=activity, occurrence_start=occurrence.original_start, answer=answer,
                            comment=rng.choice(VISIT_COMMENTS) if rng.random() < 0.25 else "",
                            registration_key=f"demo-{uuid.UUID(int=rng.getrandbits(128)).hex}",
                            received_at=occurrence.end + datetime.timedelta(hours=rng.uniform(1, 30)),
                        )
                    )  # fmt: skip
    with transaction.atomic():
        Registration.objects.bulk_create(registrations, batch_size=1000)
        VisitFeedback.objects.bulk_create(answers, batch_size=1000)
    return len(registrations)
