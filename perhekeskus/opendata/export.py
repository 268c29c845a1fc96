"""The network as an HSDS 3.1 data package: one table per HSDS object type, described by
`datapackage.json` (Frictionless tabular data package), as CSV files or as JSON arrays.

The tables are the API's objects (hsds.py) taken apart: each nested object becomes a row of its own
table with the id of its parent, which is how HSDS's tabular form links them. Our extension object
(`perhekeskus`) travels as a JSON text column.
"""

import csv
import json
from collections import defaultdict
from pathlib import Path

from perhekeskus.opendata import hsds, selectors

SCHEMAS = Path(__file__).with_name("schemas")
# HSDS tables, in an order where a row's parents come before it.
TABLES = (
    "organization",
    "organization_identifier",
    "taxonomy",
    "taxonomy_term",
    "location",
    "address",
    "accessibility",
    "service",
    "service_area",
    "language",
    "cost_option",
    "contact",
    "service_at_location",
    "schedule",
    "phone",
    "attribute",
)
# Nested lists and the table their items go to.
CHILDREN = {
    "organization_identifiers": "organization_identifier",
    "addresses": "address",
    "accessibility": "accessibility",
    "service_areas": "service_area",
    "languages": "language",
    "cost_options": "cost_option",
    "contacts": "contact",
    "schedules": "schedule",
    "phones": "phone",
    "attributes": "attribute",
}
# Nested single objects that are rows of their own tables elsewhere (left out of the parent's row).
REFERENCES = {
    "location",
    "organization",
    "service",
    "taxonomy_term",
    "taxonomy_detail",
    "service_at_locations",
    "services",
}
TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean"}


def fields_of(table: str) -> list[dict]:
    """The scalar fields of an HSDS table, in the schema's order, with Frictionless types."""
    schema = json.loads((SCHEMAS / f"{table}.json").read_text(encoding="utf-8"))
    fields = []
    for name, spec in schema["properties"].items():
        kind = spec.get("type")
        if kind in TYPES:
            field_type = "datetime" if spec.get("format") == "date-time" else TYPES[kind]
            fields.append({"name": name, "type": field_type})
    return [*fields, {"name": "perhekeskus", "type": "object"}]


def tables(language: str) -> dict[str, list[dict]]:
    """Every public row of the network as HSDS tables."""
    rows: dict[str, dict[str, dict]] = defaultdict(dict)

    def add(table: str, obj: dict, parent: tuple[str, str] | None = None) -> None:
        row = {}
        for key, value in obj.items():
            if key in CHILDREN and isinstance(value, list):
                for child in value:
                    add(CHILDREN[key], child, (table, obj["id"]))
            elif key in REFERENCES:
                continue
            else:
                row[key] = value
        if table == "attribute" and "taxonomy_term" in obj:
            row.setdefault("taxonomy_term_id", obj["taxonomy_term"]["id"])
        rows[table].setdefault(row["id"], row)

    for organization in selectors.organizations():
        add("organization", hsds.organization(organization, language))
    for vocabulary in hsds.TAXONOMIES:
        add("taxonomy", hsds.taxonomy(vocabulary, language))
    for term in selectors.taxonomy_terms():
        add("taxonomy_term", hsds.taxonomy_term(term, language))
    for service in selectors.services():
        add("service", hsds.service(service, language))
    for delivery in selectors.deliveries_at_places():
        place = hsds.service_at_location(delivery, language)
        add("location", place["location"])
        add("service_at_location", place)
    return {table: list(rows[table].values()) for table in TABLES}


def write(directory: Path, *, file_format: str, language: str) -> dict[str, int]:
    """Write the package into `directory`; returns the number of rows per table."""
    directory.mkdir(parents=True, exist_ok=True)
    resources, counts = [], {}
    for table, table_rows in tables(language).items():
        fields = fields_of(table)
        names = [f["name"] for f in fields]
        path = f"{table}.{file_format}"
        if file_format == "csv":
            with (directory / path).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
                writer.writeheader()
                for row in table_rows:
                    writer.writerow({name: _cell(row.get(name)) for name in names})
        else:
            kept = [{name: row[name] for name in names if name in row} for row in table_rows]
            (directory / path).write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
        resources.append(
            {
                "name": table,
                "path": path,
                "profile": "tabular-data-resource" if file_format == "csv" else "data-resource",
                "format": file_format,
                "mediatype": "text/csv" if file_format == "csv" else "application/json",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
        counts[table] = len(table_rows)
    package = {
        "name": "perhekeskus-hsds",
        "title": "Perhekeskus: family centre services as Open Referral HSDS 3.1",
        "profile": "tabular-data-package" if file_format == "csv" else "data-package",
        "version": hsds.HSDS_VERSION,
        "language": language,
        "resources": resources,
    }
    (directory / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return counts


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
