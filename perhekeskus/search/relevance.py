"""The relevance test set (data/relevance.csv) and success@3: the share of queries for which one of
the top three results has an expected service type (and reaches the named municipality)."""

import csv
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from perhekeskus.search import selectors
from perhekeskus.search.analysis import DATA_DIR
from perhekeskus.search.query import Filters


@dataclass(frozen=True)
class Case:
    query: str
    language: str
    service_types: frozenset[str]
    municipality: str | None


def cases() -> list[Case]:
    with open(DATA_DIR / "relevance.csv", encoding="utf-8") as file:
        rows = csv.DictReader(line for line in file if not line.startswith("#"))
        return [
            Case(
                query=row["query"],
                language=row["lang"],
                service_types=frozenset(row["service_types"].split(";")),
                municipality=row["municipality"] or None,
            )
            for row in rows
        ]


def is_good(case: Case, result: dict) -> bool:
    return bool(case.service_types & set(result["service_types"])) and (
        case.municipality is None or case.municipality in result["municipalities"]
    )


def engine(case: Case) -> list[dict]:
    """Top three of this search engine, as the search API ranks them."""
    found = selectors.search(
        text=case.query, filters=Filters(), sort="relevance", page=1, page_size=3,
        now=timezone.now(), with_facets=False,
    )  # fmt: skip
    return [hit.data for hit in found.hits]


def success_at_3(search: Callable[[Case], list[dict]]) -> tuple[float, list[Case]]:
    """The share of good answers and the cases that failed."""
    failed = [case for case in cases() if not any(is_good(case, r) for r in search(case)[:3])]
    total = len(cases())
    return (total - len(failed)) / total, failed
