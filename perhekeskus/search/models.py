"""The search index: one document per listed service, kept in step with the catalogue.

`SearchDocument` holds the analysed terms per field weight (A: names, B: service types, categories and
life situations, C: summary, organisation and places, D: descriptions, municipalities and postal
codes) and what a result shows. The full-text index over the terms is backend specific (FTS5 on
SQLite, a tsvector with a GIN index on PostgreSQL; see migrations). Filters and facets use the
side tables, so a search never joins the catalogue.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Schedule, Service, ServiceType
from perhekeskus.catalog.opening_hours import HELSINKI


class SearchDocument(models.Model):
    # An integer key: SQLite's FTS5 index addresses rows by rowid.
    id = models.BigAutoField(primary_key=True)
    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="search_document")
    terms_a = models.TextField(blank=True)
    terms_b = models.TextField(blank=True)
    terms_c = models.TextField(blank=True)
    terms_d = models.TextField(blank=True)
    words = models.TextField(blank=True, help_text="Normalised words of the texts, for suggestions.")
    sort_name = models.CharField(max_length=200)
    age_min_months = models.PositiveSmallIntegerField(null=True)
    age_max_months = models.PositiveSmallIntegerField(null=True)
    is_free = models.BooleanField()
    # "facet:code" words of the facets a search counts, read in one pass over the matches.
    facet_codes = models.TextField(blank=True)
    # What a result shows: names and summaries by language, organisation, codes.
    data = models.JSONField()

    def __str__(self) -> str:
        return f"document of {self.service_id}"


class DocumentsVersion(models.Model):
    """One row whose `version` the database itself sets to a new random number whenever search
    documents are written or deleted (triggers of migration 0013, whatever wrote them): a process
    knows that its snapshot of every document is current by reading one row instead of counting the
    documents (search.snapshot.every_document). Random rather than counted, so that a database restored
    from a backup cannot come back to a number a process holds for other documents."""

    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"search documents version {self.version}"


class SearchFacet(models.Model):
    """One (facet, code) of a document: municipality, category, service_type, life_situation,
    delivery_mode or language."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    code = models.CharField(max_length=50)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "code", "document"], name="search_facet_lookup_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.code}"


class SearchPoint(models.Model):
    """A public map position of a document (confidential places have none)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="points")
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return f"{self.latitude}, {self.longitude}"


class SearchHours(models.Model):
    """Weekly opening hours of a document's schedule within a date range where that schedule is in force
    (see catalog.opening_hours.schedules_in_force).

    Minutes count from the start of `weekday`; overnight hours run past 1440.
    """

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="hours")
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="+")
    valid_from = models.DateField(null=True)
    valid_to = models.DateField(null=True)
    weekday = models.PositiveSmallIntegerField()
    opens = models.PositiveSmallIntegerField()
    closes = models.PositiveSmallIntegerField()
    closed_on_public_holidays = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["weekday", "opens"], name="search_hours_day_idx")]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens}–{self.closes}"


class SearchHoursException(models.Model):
    """A day with other hours than a schedule's weekly rules, kept only when that schedule is in force."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="hour_exceptions")
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    closed = models.BooleanField()
    opens = models.PositiveSmallIntegerField(null=True)
    closes = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["date", "schedule"], name="search_hours_exception_idx")]

    def __str__(self) -> str:
        return f"{self.date} {'closed' if self.closed else f'{self.opens}–{self.closes}'}"


class SearchWord(models.Model):
    """The index vocabulary: every normalised word of the documents and in how many it stands."""

    word = models.CharField(max_length=100, primary_key=True)
    document_count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.word


# A search with at most this many results found "few".
FEW_RESULTS = 3
# The monthly figures of searches, as SearchLogQuerySet.monthly_counts names them and SearchLogMonth keeps them.
MONTHLY_COUNTS = ("searches", "no_results", "few_results", "no_click")


def _in_network(network) -> Q:
    """Searches limited to one of the network's municipalities, or to none."""
    codes = network.municipalities.values("code")
    return Q(municipality__in=codes) | Q(municipality="")


class SearchLogMonthQuerySet(models.QuerySet):
    def in_network(self, network):
        return self.filter(_in_network(network))


class SearchLogQuerySet(models.QuerySet):
    def in_network(self, network):
        """The network's searches in the log (kept SEARCH_LOG_RETENTION_DAYS)."""
        return self.filter(_in_network(network))

    def monthly_counts(self, *by: str):
        """Per month (first day, Helsinki time) and the fields `by`: searches, those with no results,
        with few, and with results none of which was opened (of searches on the page; an API search's
        clicks are unknown)."""
        return (
            self.annotate(month=TruncMonth("searched_at", tzinfo=HELSINKI, output_field=models.DateField()))
            .values("month", *by)
            .annotate(
                searches=Count("pk"),
                no_results=Count("pk", filter=Q(result_count=0)),
                few_results=Count("pk", filter=Q(result_count__gt=0, result_count__lte=FEW_RESULTS)),
                no_click=Count("pk", filter=Q(result_count__gt=0, clicks=0)),
            )
        )


class SearchLog(models.Model):
    """What was searched, without personal data: no IP address, no user, no session; personal details
    typed into the query are scrubbed (search.scrubbing). Deleted after SEARCH_LOG_RETENTION_DAYS, its
    monthly figures kept in SearchLogMonth (search.retention)."""

    query = models.CharField(max_length=200, blank=True)
    # The query's words as the unmet-needs report groups them (search.query.grouping_key).
    query_key = models.CharField(max_length=200, blank=True, db_index=True)
    language = models.CharField(max_length=2)
    filters = models.JSONField(default=dict)
    # The one municipality the search was limited to (by filter or by name in the text), else blank.
    municipality = models.CharField(max_length=3, blank=True)
    result_count = models.PositiveIntegerField()
    # Results opened from this search (the search page's result links carry the log's signed id);
    # None for an API search, whose clicks cannot be known.
    clicks = models.PositiveIntegerField(null=True, default=0)
    searched_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Names the search in the search page's click tokens (services.click_token): chosen when the search
    # is made, since the row is written only once the page has been produced. Rows logged before there
    # were keys have none.
    key = models.UUIDField(default=uuid.uuid4, unique=True, null=True, editable=False)
    # The search on the page that this one changed the words of (its key): the same person trying
    # other words. When a result of this one (or of a later change) is opened, the earlier search is
    # `refined_and_opened`: it found what was needed after all, so it is no unmet need.
    refines = models.UUIDField(null=True, blank=True, editable=False)
    refined_and_opened = models.BooleanField(default=False)

    objects = SearchLogQuerySet.as_manager()

    class Meta:
        ordering = ["-searched_at"]

    def __str__(self) -> str:
        return f"{self.query!r} ({self.result_count})"


class SearchLogMonth(models.Model):
    """The monthly figures (SearchLogQuerySet.monthly_counts) of searches whose log rows have been
    deleted: the usage report adds them to those of the rows kept, so that its figures stay true."""

    month = models.DateField()
    municipality = models.CharField(max_length=3, blank=True)
    searches = models.PositiveIntegerField(default=0)
    no_results = models.PositiveIntegerField(default=0)
    few_results = models.PositiveIntegerField(default=0)
    no_click = models.PositiveIntegerField(default=0)

    objects = SearchLogMonthQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "municipality"], name="search_log_month_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.municipality or '-'}: {self.searches}"


class QueryLink(models.Model):
    """A network coordinator's answer to a query that found nothing: from now on it is searched as a
    service type, or as another word (a synonym). Applied to searches in the network's municipalities
    and to searches limited to none (see selectors.search)."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="query_links")
    query_key = models.CharField(max_length=200, db_index=True)
    query = models.CharField(_("query"), max_length=200)
    service_type = models.ForeignKey(
        ServiceType, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("service type")
    )
    synonym = models.CharField(_("search instead for"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "query_key"], name="search_query_link_per_network"),
            models.CheckConstraint(
                condition=(Q(service_type__isnull=False) & Q(synonym=""))
                | (Q(service_type__isnull=True) & ~Q(synonym="")),
                name="search_query_link_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.query_key} → {self.service_type_id or self.synonym}"
