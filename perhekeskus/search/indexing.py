"""Building and writing search documents. Called on commit of catalogue changes and by the rebuild."""

import datetime
import gc
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import F, Prefetch

from perhekeskus.catalog.models import Delivery, Schedule, Service
from perhekeskus.catalog.opening_hours import schedules_in_force
from perhekeskus.catalog.selectors import searchable_services
from perhekeskus.core import public_cache
from perhekeskus.core.translation import CONTENT_LANGUAGES, EXTENDED_LANGUAGES, language_map
from perhekeskus.search import analysis, everyday, vocabulary
from perhekeskus.search.models import (
    SearchDocument,
    SearchFacet,
    SearchHours,
    SearchHoursException,
    SearchPoint,
    SearchWord,
)
from perhekeskus.search.snapshot import INTERPRETER, PLACE, forget_open_now

BATCH = 500
COUNTED_FACETS = ("municipality", "category", "service_type", "delivery_mode", "language")
REMOTE_MODES = frozenset({"online", "phone"})
INTERPRETER_AVAILABLE = frozenset({Service.Interpretation.FREE, Service.Interpretation.FEE})


def services_for_indexing():
    deliveries = Delivery.objects.select_related("mode", "location__municipality").prefetch_related(
        "municipalities",
        Prefetch("schedules", queryset=Schedule.objects.prefetch_related("rules", "exceptions")),
    )
    return (
        searchable_services()
        .select_related("organization")
        .prefetch_related(
            "service_types__category",
            "life_situations",
            "languages",
            "service_areas",
            "activities",
            Prefetch("deliveries", queryset=deliveries),
        )
    )


class _Terms:
    """Collects the analysed terms of one document by weight, and its normalised words."""

    def __init__(self) -> None:
        self.by_weight = {weight: [] for weight in "abcd"}
        self.words: set[str] = set()

    def add(self, weight: str, obj, field: str) -> None:
        # Every language the field is written in (a service's name in Russian, a type's in Arabic).
        for code in EXTENDED_LANGUAGES:
            self.add_text(weight, getattr(obj, f"{field}_{code}", ""), code)

    def add_text(self, weight: str, text: str, language: str) -> None:
        if text:
            self.by_weight[weight].extend(analysis.text_terms(text, language))
            self.words |= analysis.suggestion_words(text, language)

    def add_with_synonyms(self, weight: str, obj, field: str) -> None:
        """A taxonomy name with its thesaurus synonyms, so that need words ("raskaana") find the
        service type ("Äitiysneuvola") as strongly as its own name does."""
        self.add(weight, obj, field)
        for code in CONTENT_LANGUAGES:
            self.by_weight[weight].extend(_synonym_terms(getattr(obj, f"{field}_{code}", ""), code))


@lru_cache(maxsize=10_000)
def _synonym_terms(text: str, language: str) -> tuple[str, ...]:
    """Thesaurus synonyms of the words of a name (of whole words: "Perhesuunnitteluneuvola" does not
    become a "lastenneuvola" through its part "neuvola")."""
    synonyms = analysis.thesaurus()
    stops = analysis.stop_words()
    found = []
    for word in analysis.words(text):
        if word in stops:
            continue
        bases = analysis.finnish_analysis(word)[0] if language == "fi" else (analysis.stem(word, language),)
        for base in bases:
            found.extend(sorted(synonyms.get(base, ())))
    return tuple(found)


def _delivered_in(deliveries: list[Delivery]) -> set[str]:
    """The municipalities the service is delivered in, where a family meets it: those of its places,
    and those a delivery without a place serves at home, in early childhood education or at school.
    Online and by phone it is delivered nowhere in particular."""
    found = set()
    for delivery in deliveries:
        if delivery.location is not None:
            found.add(delivery.location.municipality.code)
        elif delivery.mode.code not in REMOTE_MODES:
            found.update(m.code for m in delivery.municipalities.all())
    return found


def _public_places(deliveries: list[Delivery]) -> list[Delivery]:
    """One delivery per public place (a confidential address, a shelter's, is no place to show)."""
    unique = {d.location_id: d for d in deliveries if d.location is not None and not d.location.confidential}
    return sorted(unique.values(), key=lambda d: (d.location.municipality.code, d.location.name_fi))


def _minutes(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


def _hours_rows(document: SearchDocument, delivery: Delivery):
    """Weekly rules per date range in which the set of schedules in force stays the same."""
    schedules = list(delivery.schedules.all())
    if not schedules:
        return [], []
    cuts = sorted(
        {s.valid_from for s in schedules if s.valid_from}
        | {s.valid_to + datetime.timedelta(days=1) for s in schedules if s.valid_to}
    )
    ranges = []
    start = None
    for cut in cuts:
        ranges.append((start, cut - datetime.timedelta(days=1)))
        start = cut
    ranges.append((start, None))
    hours = []
    for range_start, range_end in ranges:
        probe = range_start or (range_end or datetime.date.today())
        for schedule in schedules_in_force(schedules, probe):
            for rule in schedule.rules.all():
                closes = _minutes(rule.closes) + (1440 if rule.closes_next_day else 0)
                hours.append(
                    SearchHours(
                        document=document,
                        schedule=schedule,
                        valid_from=range_start,
                        valid_to=range_end,
                        weekday=rule.weekday,
                        opens=_minutes(rule.opens),
                        closes=closes,
                        closed_on_public_holidays=schedule.closed_on_public_holidays,
                    )
                )
    exceptions = [
        SearchHoursException(
            document=document,
            schedule=schedule,
            date=exception.date,
            closed=exception.closed,
            opens=_minutes(exception.opens) if exception.opens else None,
            closes=_minutes(exception.closes) if exception.closes else None,
        )
        for schedule in schedules
        for exception in schedule.exceptions.all()
        if schedule in schedules_in_force(schedules, exception.date)
    ]
    return hours, exceptions


def build(service: Service) -> tuple[SearchDocument, list, list, list, list, set[str]]:
    """The document of a service (with prefetched relations) and its facet, point and hours rows."""
    terms = _Terms()
    terms.add("a", service, "name")
    types = list(service.service_types.all())
    categories = {t.category_id: t.category for t in types}.values()
    situations = list(service.life_situations.all())
    for term in [*types, *categories, *situations]:
        terms.add_with_synonyms("b", term, "name")
    # What the everyday vocabulary searches for a need (search.everyday).
    terms.by_weight["b"] += [everyday.type_term(t.code) for t in types]
    terms.by_weight["b"] += [everyday.situation_term(s.code) for s in situations]
    terms.add("c", service, "summary")
    terms.add("c", service.organization, "name")
    deliveries = list(service.deliveries.all())
    municipalities = {m.code: m for d in deliveries for m in d.municipalities.all()}
    if not municipalities:
        municipalities = {m.code: m for m in service.service_areas.all()}
    for delivery in deliveries:
        if delivery.location is not None:
            terms.add("c", delivery.location, "name")
            if delivery.location.public_postal_code:
                terms.add_text("d", delivery.location.public_postal_code, "fi")
    terms.add("d", service, "description")
    # Its activities (family café, club, course) find the service too.
    for activity in service.activities.all():
        if not activity.cancelled:
            terms.add("c", activity, "title")
            terms.add("d", activity, "description")
    for municipality in municipalities.values():
        terms.add_text("d", municipality.name_fi, "fi")
        if municipality.name_sv != municipality.name_fi:
            terms.add_text("d", municipality.name_sv, "sv")

    modes = sorted({d.mode.code for d in deliveries})
    delivered_in = _delivered_in(deliveries)
    languages = sorted(lang.code for lang in service.languages.all())
    document = SearchDocument(
        service=service,
        terms_a=" ".join(terms.by_weight["a"]),
        terms_b=" ".join(terms.by_weight["b"]),
        terms_c=" ".join(terms.by_weight["c"]),
        terms_d=" ".join(terms.by_weight["d"]),
        words=" ".join(sorted(terms.words)),
        sort_name=analysis.normalize(service.name_fi)[:200],
        age_min_months=service.age_min_months,
        age_max_months=service.age_max_months,
        is_free=service.is_free,
        data={
            "id": str(service.pk),
            "name": language_map(service, "name"),
            "summary": language_map(service, "summary"),
            "organization": {
                "id": str(service.organization_id),
                "name": language_map(service.organization, "name"),
            },
            "service_types": sorted(t.code for t in types),
            "categories": sorted(c.code for c in categories),
            "municipalities": sorted(municipalities),
            "delivery_modes": modes,
            # Where the service meets families: public places with their municipality and position.
            "places": [
                {
                    "municipality": d.location.municipality.code,
                    "name": language_map(d.location, "name"),
                    "point": list(d.location.public_point) if d.location.public_point else None,
                }
                for d in _public_places(deliveries)
            ],
            # "" (not stated), "none", "free" or "fee" (catalog.Service.Interpretation). Documents
            # written before it was kept need no reindex: no service had said it then.
            "interpretation": service.interpretation,
        },
    )
    facets = [
        *(("municipality", code) for code in municipalities),
        *(("category", c.code) for c in categories),
        *(("service_type", t.code) for t in types),
        *(("life_situation", s.code) for s in situations),
        *(("delivery_mode", code) for code in modes),
        *(("language", code) for code in languages),
    ]
    facet_rows = [SearchFacet(document=document, facet=facet, code=code) for facet, code in facets]
    document.facet_codes = " ".join(
        [f"{facet}:{code}" for facet, code in facets if facet in COUNTED_FACETS]
        + [f"{PLACE}{code}" for code in sorted(delivered_in)]
        + ([INTERPRETER] if service.interpretation in INTERPRETER_AVAILABLE else [])
    )
    points = {
        d.location.public_point for d in deliveries if d.location is not None and d.location.public_point
    }
    point_rows = [SearchPoint(document=document, latitude=lat, longitude=lon) for lat, lon in points]
    hours, exceptions = [], []
    for delivery in deliveries:
        delivery_hours, delivery_exceptions = _hours_rows(document, delivery)
        hours += delivery_hours
        exceptions += delivery_exceptions
    return document, facet_rows, point_rows, hours, exceptions, terms.words


def _count_words(added: Counter, removed: Counter) -> None:
    delta = Counter(added)
    delta.subtract(removed)
    increments: dict[int, list[str]] = {}
    for word, change in delta.items():
        if change:
            increments.setdefault(change, []).append(word)
    existing = set(
        SearchWord.objects.filter(word__in=[w for w, c in delta.items() if c]).values_list("word", flat=True)
    )
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, document_count=c) for w, c in delta.items() if c > 0 and w not in existing],
        batch_size=BATCH * 10,
    )
    for change, changed_words in increments.items():
        present = [w for w in changed_words if w in existing]
        for start in range(0, len(present), BATCH):
            SearchWord.objects.filter(word__in=present[start : start + BATCH]).update(
                document_count=F("document_count") + change
            )
    SearchWord.objects.filter(document_count__lte=0).delete()


@transaction.atomic
def index_services(service_ids: Iterable) -> None:
    """(Re)write the documents of these services; unlisted or deleted services leave the index."""
    ids = list(service_ids)
    with _collector_resting():
        for start in range(0, len(ids), BATCH):
            _index_batch(ids[start : start + BATCH])
    _forget_answers()


def _forget_answers() -> None:
    """What searches and the public's answers remembered of the index: it changed (the answers once
    the index's writes are committed)."""
    vocabulary.forget()
    forget_open_now()
    public_cache.changed()


def _index_batch(ids: list) -> None:
    old = SearchDocument.objects.filter(service_id__in=ids)
    removed = Counter(word for words in old.values_list("words", flat=True) for word in words.split())
    old.delete()
    built = [build(service) for service in services_for_indexing().filter(pk__in=ids)]
    _write(built)
    _count_words(Counter(word for *_rest, words in built for word in words), removed)


def _write(built: list) -> None:
    SearchDocument.objects.bulk_create([row[0] for row in built], batch_size=BATCH)
    for position, model in ((1, SearchFacet), (2, SearchPoint), (3, SearchHours), (4, SearchHoursException)):
        model.objects.bulk_create([obj for row in built for obj in row[position]], batch_size=BATCH * 4)


@contextmanager
def _collector_resting():
    """Hundreds of thousands of short-lived model objects make the cyclic garbage collector run over
    and over; indexing forms no reference cycles worth collecting, so it may rest until the end."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def rebuild() -> int:
    """Rebuild the whole index; returns the number of documents."""
    with _collector_resting():
        count = _rebuild()
    _forget_answers()
    refresh_statistics()
    return count


def refresh_statistics() -> None:
    """After a bulk write: fresh planner statistics (on PostgreSQL with dead rows cleared), and on SQLite the write-ahead log folded into the
    database, so that the next searches neither plan blind nor pay for the checkpoint. Only outside a
    transaction (inside one, SQLite cannot checkpoint; the statistics can wait)."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("ANALYZE")
        else:
            # VACUUM too: a rebuild leaves every old row dead, and searches would visit their pages.
            for table in (
                "search_searchdocument",
                "search_searchfacet",
                "search_searchhours",
                "search_searchhoursexception",
                "search_searchpoint",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")


def _rebuild() -> int:
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        words: Counter = Counter()
        count = 0
        ids = list(searchable_services().values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            built = [build(s) for s in services_for_indexing().filter(pk__in=ids[start : start + BATCH])]
            _write(built)
            words.update(word for *_rest, doc_words in built for word in doc_words)
            count += len(built)
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, document_count=c) for w, c in words.items()], batch_size=BATCH * 10
        )
    return count
