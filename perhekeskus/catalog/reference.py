"""Reference data (taxonomy, municipalities, postal codes, languages) from perhekeskus/reference_data.

Idempotent: rows are matched by code; new rows are created, changed names updated, nothing deleted.
"""

import csv
from pathlib import Path
from typing import Any

from django.db import models, transaction

from perhekeskus.catalog.models import Category, DeliveryMode, Language, LifeSituation, ServiceType
from perhekeskus.core import public_cache
from perhekeskus.core.translation import languages_of
from perhekeskus.network.models import Municipality, PostalCode, ProviderKind

DATA_DIR = Path(__file__).resolve().parent.parent / "reference_data"
# Files copied unchanged from the team's reference data folder: the repository's copy, and where the
# file lies in that folder. The project owns its copies; `check_reference_data` compares them on request.
COPIED_FILES = {
    "categories.csv": "taxonomy/categories.csv",
    "service-types.csv": "taxonomy/service-types.csv",
    "life-situations.csv": "taxonomy/life-situations.csv",
    "delivery-modes.csv": "taxonomy/delivery-modes.csv",
    "provider-kinds.csv": "taxonomy/provider-kinds.csv",
    "north-karelia.csv": "areas/north-karelia.csv",
}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def copies_differing_from(source: Path) -> list[str]:
    """What differs between the copied files and the reference data folder `source`, one line each."""
    problems = []
    for copy, original in COPIED_FILES.items():
        path = source / original
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.read_bytes() != (DATA_DIR / copy).read_bytes():
            problems.append(f"{DATA_DIR / copy} differs from {path}")
    return problems


def _upsert(model: type[models.Model], rows: list[dict[str, Any]], *, using: str, key: str = "code") -> dict:
    """Create missing rows and update changed ones; return all rows by key."""
    existing = {getattr(obj, key): obj for obj in model.objects.using(using).all()}
    to_create, to_update, fields = [], [], set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
            existing[row[key]] = obj
            continue
        changed = [name for name, value in row.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            to_update.append(obj)
            fields.update(changed)
    model.objects.using(using).bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.using(using).bulk_update(to_update, sorted(fields), batch_size=1000)
    return existing


def _with_translations(vocabulary: str) -> list[dict[str, str]]:
    """The rows of `<vocabulary>.csv` with their names in the public site's other languages from
    name-translations.csv (kept apart: the vocabularies are copies of the shared taxonomy)."""
    translations = {
        row["code"]: row for row in read_csv("name-translations.csv") if row["vocabulary"] == vocabulary
    }
    return [{**translations.get(row["code"], {}), **row} for row in read_csv(f"{vocabulary}.csv")]


def _texts(row: dict[str, str], model, field: str = "name") -> dict[str, str]:
    """The row's `<field>_<language>` columns that `model` has (Finnish, Swedish and English always; the
    public site's other languages where the file gives them)."""
    return {f"{field}_{code}": row.get(f"{field}_{code}", "") for code in languages_of(model, field)}


def _optional_int(value: str) -> int | None:
    return int(value) if value else None


@transaction.atomic
def load_reference_data(*, using: str = "default") -> None:
    _upsert(
        ProviderKind,
        [
            {
                "code": r["code"],
                **_texts(r, ProviderKind),
                "ptv_organization_type": r["ptv_organization_type"],
            }
            for r in _with_translations("provider-kinds")
        ],
        using=using,
    )
    regional = {r["code"]: r for r in read_csv("north-karelia.csv")}
    municipality_rows = []
    for r in read_csv("municipalities.csv"):
        extra = regional.get(r["code"])
        municipality_rows.append(
            {
                "code": r["code"],
                "name_fi": r["name_fi"],
                "name_sv": r["name_sv"],
                "name_en": r["name_fi"],
                "business_id": r["business_id"],
                "population": int(extra["population_2024"]) if extra else None,
                "latitude": float(extra["latitude"]) if extra else None,
                "longitude": float(extra["longitude"]) if extra else None,
            }
        )
    municipalities = _upsert(Municipality, municipality_rows, using=using)
    _upsert(
        PostalCode,
        [
            {
                "code": r["code"],
                "municipality_id": municipalities[r["municipality_code"]].pk,
                "name_fi": r["name_fi"],
                "name_sv": r["name_sv"],
            }
            for r in read_csv("postal-codes.csv")
        ],
        using=using,
    )
    for model, vocabulary in ((Category, "categories"), (DeliveryMode, "delivery-modes")):
        _upsert(
            model,
            [
                {"code": r["code"], **_texts(r, model), "position": i}
                for i, r in enumerate(_with_translations(vocabulary))
            ],
            using=using,
        )
    _upsert(
        Language,
        [
            {"code": r["code"], **_texts(r, Language), "position": i}
            for i, r in enumerate(_with_translations("languages"))
        ],
        using=using,
    )
    categories = {c.code: c for c in Category.objects.using(using).all()}
    service_types = _upsert(
        ServiceType,
        [
            {
                "code": r["code"],
                **_texts(r, ServiceType),
                "position": i,
                "category_id": categories[r["category"]].pk,
                "is_core": r["core"] == "yes",
                "ptv_service_class": r["ptv_service_class"],
                "koko_concept": r["koko_concept"],
                "ptv_general_description": r["ptv_general_description"],
            }
            for i, r in enumerate(_with_translations("service-types"))
        ],
        using=using,
    )
    situation_rows = _with_translations("life-situations")
    guides = {r["code"]: r for r in read_csv("life-situation-guides.csv")}
    situations = _upsert(
        LifeSituation,
        [
            {
                "code": r["code"],
                **_texts(r, LifeSituation),
                **_texts(guides[r["code"]], LifeSituation, "guide"),
                "position": i,
                "age_from_months": _optional_int(r["age_from_months"]),
                "age_to_months": _optional_int(r["age_to_months"]),
            }
            for i, r in enumerate(situation_rows)
        ],
        using=using,
    )
    for r in situation_rows:
        wanted = [service_types[code] for code in r["service_types"].split(";") if code]
        situations[r["code"]].service_types.set(wanted)
    # Written in bulk, without the signals the public cache follows: its answers are made anew.
    public_cache.changed()
