"""The filters a search applies in memory (search.snapshot) pass exactly the documents that the
database passes under the same conditions, also documents indexed after the snapshot was taken."""

import math
import random
from dataclasses import replace

import pytest
from django.db.models import Q

from perhekeskus.demo.generator import generate_network
from perhekeskus.search import selectors
from perhekeskus.search.models import SearchDocument, SearchFacet, SearchPoint
from perhekeskus.search.query import Filters
from perhekeskus.search.tests.test_search import MONDAY_NOON

pytestmark = pytest.mark.django_db
TEXTS = ("", "perhe", "neuvola", "tuki")


def _found(text: str, filters: Filters, sort: str = "relevance") -> list[int]:
    result = selectors.search(
        text=text,
        filters=filters,
        sort=sort,
        page=1,
        page_size=10_000,
        now=MONDAY_NOON,
        ids_only=True,
        follow_links=False,
    )
    assert result.total == len(result.hits)
    return [hit.document_id for hit in result.hits]


def _in_database(filters: Filters) -> set[int]:
    """The documents that pass the filters, by the database's reading of them."""
    documents = SearchDocument.objects.all()
    for facet, codes in filters.code_lists():
        documents = documents.filter(
            id__in=SearchFacet.objects.filter(facet=facet, code__in=codes).values("document_id")
        )
    if filters.age_months is not None:
        months = filters.age_months
        documents = documents.filter(
            Q(age_min_months__isnull=True) | Q(age_min_months__lte=months),
            Q(age_max_months__isnull=True) | Q(age_max_months__gte=months),
        )
    if filters.free is not None:
        documents = documents.filter(is_free=True) if filters.free else documents.exclude(is_free=True)
    if filters.interpreter:
        documents = documents.filter(service__interpretation__in=["free", "fee"])
    passing = set(documents.values_list("id", flat=True))
    if filters.radius_km is not None:
        passing &= {
            document_id
            for document_id, latitude, longitude in SearchPoint.objects.values_list(
                "document_id", "latitude", "longitude"
            )
            if _squared_degrees(filters, latitude, longitude) <= (filters.radius_km / 111.195) ** 2
        }
    return passing


def _squared_degrees(filters: Filters, latitude: float, longitude: float) -> float:
    k = math.cos(math.radians(filters.latitude))
    return (latitude - filters.latitude) ** 2 + ((longitude - filters.longitude) * k) ** 2


def _random_filters(rng: random.Random, documents) -> Filters:
    """Filters of the codes in use, ages at the limits of the documents' ranges, areas around the
    documents' places (`documents`: a query set of them)."""
    codes: dict[str, list[str]] = {}
    for facet, code in SearchFacet.objects.values_list("facet", "code").distinct():
        codes.setdefault(facet, []).append(code)
    filters = Filters()
    for facet in rng.sample(sorted(codes), rng.randrange(0, 3)):
        setattr(filters, facet, rng.sample(sorted(codes[facet]), min(len(codes[facet]), rng.randrange(1, 3))))
    if rng.random() < 0.5:
        limits = documents.values_list("age_min_months", "age_max_months")
        filters.age_months = max(
            0, rng.choice([m for pair in limits for m in pair if m is not None]) + rng.choice([-1, 0, 1])
        )
    if rng.random() < 0.3:
        filters.free = rng.random() < 0.5
    filters.interpreter = rng.random() < 0.3
    if rng.random() < 0.3:
        places = SearchPoint.objects.filter(document__in=documents).values_list("latitude", "longitude")
        latitude, longitude = rng.choice(list(places))
        filters.latitude, filters.longitude = latitude + rng.uniform(-0.2, 0.2), longitude
        filters.radius_km = rng.choice([2, 10, 40])
    return filters


def _agree(rng: random.Random, rounds: int, documents=None) -> None:
    everything = {text: set(_found(text, Filters())) for text in TEXTS}
    assert everything[""] == set(SearchDocument.objects.values_list("id", flat=True))
    for _ in range(rounds):
        filters = _random_filters(rng, SearchDocument.objects.all() if documents is None else documents)
        passing = _in_database(filters)
        for text in TEXTS:
            assert set(_found(text, filters)) == everything[text] & passing, (text, filters)
        by_name = [i for i in _names_order() if i in passing]
        assert _found("", filters, sort="name") == by_name
        home = rng.choice(
            sorted(SearchFacet.objects.filter(facet="municipality").values_list("code", flat=True))
        )
        at_home = replace(filters, home_municipality=home)
        assert _found("", at_home) == _local_first(by_name, at_home.preferred_municipalities())


def _names_order() -> list[int]:
    """Every document in name order (Python's, as the snapshot's: the database's collation may differ)."""
    return [i for _name, i in sorted(SearchDocument.objects.values_list("sort_name", "id"))]


def _local_first(ids: list[int], municipalities: list[str]) -> list[int]:
    """Documents delivered in the municipalities first; then the others."""
    places = {f"place:{code}" for code in municipalities}
    local = {d.id for d in SearchDocument.objects.all() if places & set(d.facet_codes.split())}
    return [i for i in ids if i in local] + [i for i in ids if i not in local]


def test_filters_in_memory_agree_with_the_database():
    generate_network(municipalities=4, services=150, deliveries=240, seed=11)
    # The interpreter filter has services to pass and to leave out.
    assert {"", "none", "free", "fee"} <= set(
        SearchDocument.objects.values_list("service__interpretation", flat=True)
    )
    _agree(random.Random(1), rounds=40)


def test_documents_indexed_after_the_snapshot_are_filtered_alike():
    generate_network(municipalities=4, services=150, deliveries=240, seed=12)
    _found("", Filters())  # the snapshot is taken
    before = SearchDocument.objects.latest("id").id
    generate_network(municipalities=2, services=12, deliveries=20, seed=13)  # few: added to it
    _agree(random.Random(2), rounds=40, documents=SearchDocument.objects.filter(id__gt=before))


def test_sorting_by_distance_puts_the_nearest_first_and_those_without_a_place_last():
    generate_network(municipalities=4, services=150, deliveries=240, seed=14)
    latitude, longitude = SearchPoint.objects.values_list("latitude", "longitude").first()
    filters = Filters(latitude=latitude, longitude=longitude)
    nearest: dict[int, float] = {}
    for document_id, lat, lon in SearchPoint.objects.values_list("document_id", "latitude", "longitude"):
        squared = _squared_degrees(filters, lat, lon)
        nearest[document_id] = min(squared, nearest.get(document_id, squared))
    found = _found("", filters, sort="distance")
    placed = [i for i in found if i in nearest]
    assert placed == found[: len(placed)] and len(placed) == len(nearest)
    assert [nearest[i] for i in placed] == sorted(nearest.values())
