"""Validation against the Open Referral HSDS 3.1 JSON Schemas (copied unchanged into opendata/schemas/)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        contents.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
        resources.append((path.name, Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    schema = _registry().contents(schema_name)
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def errors(instance: dict, schema_name: str) -> list[str]:
    """What is wrong with `instance` as an HSDS `schema_name` (e.g. "service.json"); empty if nothing."""
    validator = _validator(schema_name)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
