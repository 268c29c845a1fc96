"""Writes of the search app: keeping the index in step after commit, the search log, and the
coordinators' query links."""

import datetime
import uuid
from collections.abc import Iterable

from django.core import signing
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from perhekeskus.core import after_response, public_cache
from perhekeskus.search import indexing, scrubbing, selectors
from perhekeskus.search import query as search_query
from perhekeskus.search.models import MONTHLY_COUNTS, QueryLink, SearchLog, SearchLogMonth

CLICK_WINDOW = datetime.timedelta(hours=24)
_CLICKS = signing.Signer(salt="perhekeskus.search.click")


def _flush() -> None:
    pending = getattr(connection, "_search_pending", set())
    if not pending:
        return
    ids, connection._search_pending = list(pending), set()
    indexing.index_services(ids)


def services_reindex_on_commit(service_ids: Iterable) -> None:
    """Re-index these services once the current transaction commits (at once outside a transaction).

    Ids gather on the connection, so a transaction that touches a service many times indexes it once.
    """
    pending = getattr(connection, "_search_pending", None)
    if pending is None:
        pending = connection._search_pending = set()
    pending.update(service_ids)
    # One flush callback per transaction: a rolled-back transaction drops its callback, so register
    # again whenever none is waiting.
    if not any(callback is _flush for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_flush, robust=True)


def search_log(
    *,
    query: str,
    language: str,
    filters: dict,
    result_count: int,
    municipalities=(),
    on_page: bool = False,
    refines: uuid.UUID | None = None,
) -> SearchLog:
    """Record a search without personal data: no address, user or session, no exact position.
    `municipalities`: those the search was limited to (chosen or named in the text); `on_page`: made on
    the search page, whose result links report clicks (an API search's clicks are unknown); `refines`:
    the key of the search on the page whose words this one changed. Personal details typed into the
    query are replaced first (search.scrubbing).

    In a request the row is written after the response (core.after_response): until then it has its
    key but no id. Outside a request it is written at once."""
    query = logged_query(query)
    log = SearchLog(
        query=query,
        query_key=search_query.grouping_key(query),
        language=language,
        filters=filters,
        municipality=municipalities[0] if len(municipalities) == 1 else "",
        result_count=result_count,
        clicks=0 if on_page else None,
        refines=refines,
    )
    after_response.defer(log.save, "a search log row")
    return log


def logged_query(query: str) -> str:
    """A query as the log keeps it: scrubbed, then cut to the column's length."""
    return scrubbing.scrub(query)[:200]


def search_run(
    params: dict, *, on_page: bool = False, continuing: str = "", facets_add_up: bool = False
) -> tuple[selectors.SearchResult, SearchLog | None]:
    """Run a search from validated parameters (see api.serializers.SearchQuerySerializer) and log it,
    with the log entry (in a request, written after the response: see search_log). The API and the
    public search page both search this way. No new search is logged for a further page of results
    (None), nor on the page for the same words again with other filters or back on the first page
    (`continuing`: the click token of the search it continues, whose entry is returned).
    `facets_add_up`: as selectors.search."""
    result = search_without_log(params, facets_add_up=facets_add_up)
    log = search_logged(
        params, result.total, result.municipalities_in_text, on_page=on_page, continuing=continuing
    )
    return result, log


def search_logged(
    params: dict, total: int, municipalities_in_text, *, on_page: bool = False, continuing: str = ""
) -> SearchLog | None:
    """Log a search made (or answered from the cache) with these parameters, which found `total`
    services and named these municipalities in its words; as search_run says."""
    if params.get("page", 1) != 1:
        return None
    previous = _continued(continuing, params.get("q", "").strip()) if on_page and continuing else None
    if previous is not None:
        return previous
    # Other words from a search on the page: the same person refining what they asked.
    changed = _recent(continuing).values_list("key", flat=True).first() if on_page and continuing else None
    return search_log(
        query=params.get("q", "").strip(),
        language=params.get("lang", "fi"),
        filters=_logged_filters(params),
        result_count=total,
        municipalities=params.get("municipality") or municipalities_in_text,
        on_page=on_page,
        refines=changed,
    )


def click_token(log: SearchLog) -> str:
    """What a result link carries to tell which search it came from: the log's key (known before the
    row is written), signed, so that nobody marks other searches as clicked by making up keys."""
    return _CLICKS.sign(log.key.hex)


def _recent(token: str):
    """The search page's searches of the last day that this click token names (none if forged)."""
    try:
        key = uuid.UUID(_CLICKS.unsign(token))
    except (signing.BadSignature, ValueError):
        return SearchLog.objects.none()
    since = timezone.now() - CLICK_WINDOW
    return SearchLog.objects.filter(key=key, searched_at__gte=since, clicks__isnull=False)


def _continued(token: str, query: str) -> SearchLog | None:
    return _recent(token).filter(query_key=search_query.grouping_key(logged_query(query))).first()


# How far back a click marks the searches whose words were changed on the way to it.
REFINEMENTS_FOLLOWED = 10


def click_record(token: str) -> None:
    """A result of a search on the page was opened. Only recent searches count: an old link shared or
    bookmarked is not a click from that search. The searches it refined found what was needed too."""
    searches = _recent(token)
    searches.update(clicks=F("clicks") + 1)
    earlier = searches.values_list("refines", flat=True).first()
    since = timezone.now() - CLICK_WINDOW
    for _step in range(REFINEMENTS_FOLLOWED):
        if earlier is None:
            break
        found = SearchLog.objects.filter(key=earlier, searched_at__gte=since)
        found.update(refined_and_opened=True)
        earlier = found.values_list("refines", flat=True).first()


@transaction.atomic
def search_logs_delete_before(moment: datetime.datetime) -> int:
    """Delete the searches logged before `moment`, first adding their monthly figures to SearchLogMonth,
    which the usage report reads beside the rows kept. Only rows past the click window are deleted
    (SEARCH_LOG_RETENTION_DAYS is at least 31), so no click changes figures once they are folded."""
    old = SearchLog.objects.filter(searched_at__lt=moment)
    for row in old.monthly_counts("municipality"):
        month, municipality = row.pop("month"), row.pop("municipality")
        added = {name: F(name) + row[name] for name in MONTHLY_COUNTS}
        if not SearchLogMonth.objects.filter(month=month, municipality=municipality).update(**added):
            SearchLogMonth.objects.create(month=month, municipality=municipality, **row)
    deleted, _ = old.delete()
    return deleted


def query_link_save(
    *, actor, network, query_key: str, query: str, service_type=None, synonym: str = ""
) -> QueryLink:
    """A coordinator's link for a query that found nothing: from now on the network's searches for it
    find `service_type`, or search for `synonym` instead. A link for the same query is replaced."""
    link, _created = QueryLink.objects.update_or_create(
        network=network,
        query_key=query_key,
        defaults={"query": query, "service_type": service_type, "synonym": synonym, "created_by": actor},
    )
    public_cache.changed()  # the searches for it find otherwise now
    return link


def query_link_delete(*, link: QueryLink) -> None:
    link.delete()
    public_cache.changed()


def search_without_log(
    params: dict, *, with_facets: bool = True, follow_links: bool = True, facets_add_up: bool = False
) -> selectors.SearchResult:
    """A search the family did not ask for as such (results nearby, a guide's lists): not logged."""
    filters = search_query.Filters(
        **{name: list(params.get(name, [])) for name in search_query.LIST_FILTERS},
        age_months=params.get("age_months"),
        free=params.get("free"),
        interpreter=params.get("interpreter", False),
        open_now=params.get("open_now", False),
        latitude=params.get("lat"),
        longitude=params.get("lon"),
        radius_km=params.get("radius_km"),
        home_municipality=params.get("home_municipality"),
    )
    return selectors.search(
        text=params.get("q", ""),
        filters=filters,
        sort=params.get("sort", "relevance"),
        page=params.get("page", 1),
        page_size=params.get("page_size", 20),
        now=timezone.now(),
        with_facets=with_facets,
        follow_links=follow_links,
        language=params.get("lang", "fi"),
        facets_add_up=facets_add_up,
    )


def _logged_filters(params: dict) -> dict:
    """The filters of a search for the log; a position is not logged, only that a radius was used."""
    logged = {name: params[name] for name in search_query.LIST_FILTERS if params.get(name)}
    for name in ("age_months", "free", "sort"):
        if params.get(name) is not None:
            logged[name] = params[name]
    if params.get("open_now"):
        logged["open_now"] = True
    if params.get("interpreter"):
        logged["interpreter"] = True
    if params.get("radius_km") is not None:
        logged["radius_km"] = params["radius_km"]
    return logged
