"""Numbers of children per municipality from Statistics Finland: the population by age (StatFin table
11re, "Väestö iän (1-v.) ja sukupuolen mukaan alueittain") through the PxWeb API v1 as JSON-stat2,
fetched over HTTP or read from a saved answer.

The query asks for every area, both sexes together, the ages 0–17 one year at a time and all ages
together, of one year (the latest unless one is named). The answer is read by its dimensions' ids,
sizes and category indexes (JSON-stat 2.0), so their order does not matter; ages 0–17 and 0–6 are
added up for each municipality ("KU" + its three-digit code). What the answer lacks, or has in a shape
that cannot be added up this way, stops the import: nothing is saved.
"""

import json
import math
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from perhekeskus.network import services as network_services
from perhekeskus.network.models import Municipality
from perhekeskus.opendata.importers.base import SourceError, fetch_json, load_json

# --- The table and its PxWeb names, all in one place --------------------------------------------
# Confirmed only from public code that queries the table (not from Statistics Finland's metadata):
# check them with a GET of STATFIN_POPULATION_URL, which lists each variable's code and values.
TABLE = "11re"
SOURCE = "Tilastokeskus, taulukko 11re"
AREA = "Alue"  # "SSS" the whole country, "KU167" Joensuu
YEAR = "Vuosi"  # "2024"
SEX = "Sukupuoli"  # "SSS" both, "1" men, "2" women
AGE = "Ikä"  # "SSS" all ages, "000" … "099" single years, "100-" a hundred and older
MEASURE = "Tiedot"  # "vaesto": the population on 31 December
TOTAL = "SSS"
POPULATION = "vaesto"
MUNICIPALITY_PREFIX = "KU"

CHILDREN = range(18)  # 0–17
# The whole table (every area, age, sex and year) is some five million cells; the query asks for 6,000.
MAX_CELLS = 1_000_000
UNDER_7 = range(7)  # 0–6


def age_code(age: int) -> str:
    return f"{age:03d}"


def query(year: int | None = None) -> dict:
    """The PxWeb query: every area, of `year` or else the latest one ("top 1")."""
    years = {"filter": "item", "values": [str(year)]} if year else {"filter": "top", "values": ["1"]}
    return {
        "query": [
            {"code": AREA, "selection": {"filter": "all", "values": ["*"]}},
            {"code": YEAR, "selection": years},
            {"code": SEX, "selection": {"filter": "item", "values": [TOTAL]}},
            {"code": AGE, "selection": {"filter": "item", "values": [TOTAL, *map(age_code, CHILDREN)]}},
            {"code": MEASURE, "selection": {"filter": "item", "values": [POPULATION]}},
        ],
        "response": {"format": "json-stat2"},
    }


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    code: str  # the municipality's code, "167"
    name: str  # as the answer names it
    children: int  # aged 0–17
    children_under_7: int  # aged 0–6
    population: int | None  # all ages, when the answer has them


@dataclass
class Answer:
    year: int
    municipalities: list[Figures] = field(default_factory=list)
    # Municipalities the answer has no numbers for (Statistics Finland marks a figure missing with null).
    without_figures: list[tuple[str, str]] = field(default_factory=list)


class _Dimension:
    def __init__(self, dimension_id: str, size: int, data) -> None:
        where = f"dimension {dimension_id!r}"
        if not isinstance(data, dict) or not isinstance(data.get("category"), dict):
            raise SourceError(f"the answer's {where} has no categories")
        category = data["category"]
        index, labels = category.get("index"), category.get("label")
        labels = labels if isinstance(labels, dict) else {}
        # JSON-stat 2.0: an object of code → position, an array of codes, or (one category) left out.
        if isinstance(index, list):
            positions = {str(code): position for position, code in enumerate(index)}
        elif isinstance(index, dict):
            positions = {str(code): position for code, position in index.items()}
        elif index is None and len(labels) == 1:
            positions = {str(next(iter(labels))): 0}
        else:
            raise SourceError(f"the answer's {where} has no category index")
        if any(type(p) is not int for p in positions.values()) or sorted(positions.values()) != list(
            range(size)
        ):
            raise SourceError(f"the answer's {where} does not index its {size} categories 0–{size - 1}")
        self.positions = positions
        self.labels = {str(code): str(label) for code, label in labels.items()}

    def label(self, code: str) -> str:
        return self.labels.get(code, code)


class _Cube:
    """A JSON-stat 2.0 dataset: values by dimension and category code, in row-major order."""

    def __init__(self, data) -> None:
        if not isinstance(data, dict) or data.get("class") != "dataset":
            raise SourceError('the answer is not a JSON-stat2 dataset (no "class": "dataset")')
        if str(data.get("version", "2.0")).split(".")[0] != "2":
            raise SourceError(f"the answer is JSON-stat {data['version']}, not 2.0")
        ids, sizes, dimensions = data.get("id"), data.get("size"), data.get("dimension")
        if (
            not isinstance(ids, list)
            or not isinstance(sizes, list)
            or len(ids) != len(sizes)
            or len(set(ids)) != len(ids)
            or not all(isinstance(i, str) for i in ids)
            or not all(type(s) is int and s >= 0 for s in sizes)
            or not isinstance(dimensions, dict)
        ):
            raise SourceError("the answer's id, size and dimension do not describe a JSON-stat2 dataset")
        self.ids = ids
        self.strides = {}
        stride = 1
        for dimension_id, size in reversed(list(zip(ids, sizes, strict=True))):
            self.strides[dimension_id] = stride
            stride *= size
        count = stride
        if count == 0:
            raise SourceError("the answer holds no figures (a dimension has no categories)")
        if count > MAX_CELLS:
            raise SourceError(f"the answer has {count} cells, more than the {MAX_CELLS} this import reads")
        self.dimensions = {
            i: _Dimension(i, size, dimensions.get(i)) for i, size in zip(ids, sizes, strict=True)
        }
        values = data.get("value")
        if isinstance(values, list):
            if len(values) != count:
                raise SourceError(f"the answer has {len(values)} values for {count} cells")
            self.values = values
        elif isinstance(values, dict):  # sparse: position → value
            self.values = [None] * count
            for position, value in values.items():
                if not str(position).isdigit() or int(position) >= count:
                    raise SourceError(f"the answer has a value at {position!r} outside its {count} cells")
                self.values[int(position)] = value
        else:
            raise SourceError("the answer has no values")

    def require(self, dimension_id: str) -> _Dimension:
        if dimension_id not in self.dimensions:
            found = ", ".join(self.ids) or "none"
            raise SourceError(f"the answer has no dimension {dimension_id!r} (it has {found})")
        return self.dimensions[dimension_id]

    def value(self, cell: dict[str, str]):
        position = sum(self.dimensions[i].positions[cell[i]] * self.strides[i] for i in self.ids)
        value = self.values[position]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise SourceError(f"the answer's value {value!r} at {cell} is no number of people")
        if isinstance(value, float):
            if not math.isfinite(value) or not value.is_integer():
                raise SourceError(f"the answer's value {value!r} at {cell} is no number of people")
            value = int(value)
        return value


def _year(dimension: _Dimension, wanted: int | None) -> str:
    years = {code: int(code) for code in dimension.positions if code.isdigit()}
    if wanted is not None:
        if str(wanted) not in years:
            found = ", ".join(sorted(years)) or "none"
            raise SourceError(f"the answer has no year {wanted} (it has {found})")
        return str(wanted)
    if not years:
        raise SourceError(f"the answer's {YEAR!r} names no year")
    return max(years, key=years.get)


def parse(data, *, year: int | None = None) -> Answer:
    """The numbers of children per municipality in a JSON-stat2 answer of table 11re, of `year` (or the
    latest year in the answer)."""
    cube = _Cube(data)
    areas, ages, years = cube.require(AREA), cube.require(AGE), cube.require(YEAR)
    fixed = {YEAR: _year(years, year)}
    for dimension_id, code in ((SEX, TOTAL), (MEASURE, POPULATION)):
        # Either asked for one category (ours) or left out of the answer altogether.
        if dimension_id in cube.dimensions:
            if code not in cube.dimensions[dimension_id].positions:
                raise SourceError(f"the answer's {dimension_id!r} lacks {code!r}")
            fixed[dimension_id] = code
    if others := [
        i for i in cube.ids if i not in (AREA, AGE, *fixed) and len(cube.dimensions[i].positions) > 1
    ]:
        raise SourceError(
            f"the answer is split by {', '.join(others)} as well, which this import does not add up"
        )
    for dimension_id in cube.ids:
        if dimension_id not in (AREA, AGE):
            fixed.setdefault(dimension_id, next(iter(cube.dimensions[dimension_id].positions)))
    if missing := [age for age in CHILDREN if age_code(age) not in ages.positions]:
        raise SourceError(f"the answer lacks the ages {', '.join(map(str, missing))} of {AGE!r}")
    answer = Answer(year=int(fixed[YEAR]))
    for area in areas.positions:
        code = area.removeprefix(MUNICIPALITY_PREFIX)
        if not area.startswith(MUNICIPALITY_PREFIX) or not (len(code) == 3 and code.isdigit()):
            continue  # the whole country, regions: no municipality

        def people(age: str, area=area):
            return cube.value({**fixed, AREA: area, AGE: age})

        by_age = {age: people(age_code(age)) for age in CHILDREN}
        if None in by_age.values():
            absent = ", ".join(str(age) for age, count in by_age.items() if count is None)
            answer.without_figures.append((code, f"{areas.label(area)}: no figure for the ages {absent}"))
            continue
        answer.municipalities.append(
            Figures(
                code=code,
                name=areas.label(area),
                children=sum(by_age.values()),
                children_under_7=sum(by_age[age] for age in UNDER_7),
                population=people(TOTAL) if TOTAL in ages.positions else None,
            )
        )
    if not answer.municipalities and not answer.without_figures:
        raise SourceError(f"the answer has no municipality ({MUNICIPALITY_PREFIX}…) in {AREA!r}")
    return answer


def read_file(path: Path) -> dict:
    if not path.is_file():
        raise SourceError(f"{path} does not exist")
    return load_json(path)


def fetch(url: str, timeout: float, *, year: int | None = None) -> dict:
    """POST the query to the table's address in the PxWeb API (STATFIN_POPULATION_URL)."""
    return fetch_json(
        url,
        source="Statistics Finland",
        setting="STATFIN_POPULATION_URL",
        timeout=timeout,
        body=json.dumps(query(year)).encode(),
    )


# --- writing -------------------------------------------------------------------------------------


class _DryRun(Exception):
    pass


@dataclass
class Report:
    year: int
    source: str
    saved: network_services.PopulationSaved
    without_figures: list[tuple[str, str]]
    figures: dict[str, Figures]

    def rows(self) -> list[tuple[str, Municipality, Figures]]:
        """(updated | unchanged, municipality, figures), by municipality name."""
        rows = [("updated", m, self.figures[m.code]) for m in self.saved.updated]
        rows += [("unchanged", m, self.figures[m.code]) for m in self.saved.unchanged]
        return sorted(rows, key=lambda row: (row[1].name_fi, row[1].code))

    def summary(self) -> str:
        return (
            f"updated {len(self.saved.updated)}, unchanged {len(self.saved.unchanged)}, "
            f"not in the database {len(self.saved.unknown)}, without figures {len(self.without_figures)}"
        )


def run(
    data,
    *,
    year: int | None = None,
    source: str = SOURCE,
    with_population: bool = False,
    dry_run: bool = False,
    only: Collection[str] | None = None,
) -> Report:
    """Save the numbers of children in a JSON-stat2 answer of table 11re for the municipalities known
    here (of those, `only` these codes when given), all or nothing; `with_population` also replaces the
    number of residents with the answer's."""
    answer = parse(data, year=year)
    if only is not None:
        answer.municipalities = [f for f in answer.municipalities if f.code in only]
    figures = {f.code: f for f in answer.municipalities}
    values = {}
    for f in answer.municipalities:
        values[f.code] = {"children": f.children, "children_under_7": f.children_under_7}
        if with_population:
            if f.population is None:
                raise SourceError(f"the answer has no total of all ages ({AGE!r} {TOTAL!r}) for {f.name}")
            values[f.code]["population"] = f.population
    try:
        with transaction.atomic():
            saved = network_services.municipality_population_save(
                figures=values, year=answer.year, source=source
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except ValidationError as error:
        raise SourceError("; ".join(error.messages)) from error
    return Report(
        year=answer.year, source=source, saved=saved, without_figures=answer.without_figures, figures=figures
    )
