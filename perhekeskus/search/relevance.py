"""The relevance test sets and success@3: the share of queries for which one of the top three results
has an expected service type (and reaches the named municipality).

Two sets, in one format: "main" (data/relevance.csv) and "everyday" (data/relevance-everyday.csv, what
families write in their own everyday words).
"""

import csv
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from perhekeskus.search import selectors
from perhekeskus.search.analysis import DATA_DIR
from perhekeskus.search.query import Filters

SETS = {"main": "relevance.csv", "everyday": "relevance-everyday.csv"}


@dataclass(frozen=True)
class Case:
    query: str
    language: str
    service_types: frozenset[str]
    municipality: str | None


def cases(name: str = "main") -> list[Case]:
    """The cases of the set `name` (a key of SETS)."""
    with open(DATA_DIR / SETS[name], encoding="utf-8") as file:
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
    """Top three of this search engine, as the search API ranks them. A case's municipality is the
    family's choice (most cases name it in the words too, which chooses it the same way)."""
    found = selectors.search(
        text=case.query, filters=Filters(municipality=[case.municipality] if case.municipality else []),
        sort="relevance", page=1, page_size=3, now=timezone.now(), with_facets=False, language=case.language,
    )  # fmt: skip
    return [hit.data for hit in found.hits]


def by_language(name: str, failed: list[Case]) -> dict[str, tuple[int, int]]:
    """Per language of the set `name`: the good answers and the cases, given the cases that failed."""
    counts: dict[str, list[int]] = {}
    for case in cases(name):
        counts.setdefault(case.language, [0, 0])[1] += 1
    for case in failed:
        counts[case.language][0] -= 1
    return {language: (total + lost, total) for language, (lost, total) in counts.items()}


def success_at_3(search: Callable[[Case], list[dict]], name: str = "main") -> tuple[float, list[Case]]:
    """The share of good answers in the set `name` and the cases that failed."""
    tried = cases(name)
    failed = [case for case in tried if not any(is_good(case, r) for r in search(case)[:3])]
    return (len(tried) - len(failed)) / len(tried), failed
