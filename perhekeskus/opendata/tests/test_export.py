import csv
import json

import pytest
from django.core.management import call_command

from perhekeskus.opendata.tests.conformance import errors

pytestmark = pytest.mark.django_db


def _package(tmp_path, file_format, language="fi"):
    call_command("export_hsds", str(tmp_path), "--format", file_format, "--language", language)
    return json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))


def _rows(tmp_path, resource) -> list[dict]:
    path = tmp_path / resource["path"]
    if resource["format"] == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {name: _value(value, types[name]) for name, value in row.items() if value != ""}
            for row in csv.DictReader(handle)
        ]


def _value(text, field_type):
    if field_type in ("number", "integer"):
        return float(text) if field_type == "number" else int(text)
    if field_type == "boolean":
        return text == "true"
    if field_type == "object":
        return json.loads(text)
    return text


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_export_is_a_data_package_of_valid_hsds_tables(tmp_path, network, file_format):
    package = _package(tmp_path, file_format)
    assert package["profile"] == ("tabular-data-package" if file_format == "csv" else "data-package")
    names = {r["name"] for r in package["resources"]}
    assert {
        "service",
        "organization",
        "location",
        "service_at_location",
        "schedule",
        "taxonomy_term",
    } <= names
    problems = []
    counts = {}
    for resource in package["resources"]:
        rows = _rows(tmp_path, resource)
        counts[resource["name"]] = len(rows)
        for row in rows:
            problems += [f"{resource['name']}: {e}" for e in errors(row, f"{resource['name']}.json")]
    assert problems == []
    assert counts["service"] == 6 and counts["organization"] == 4
    # Links hold: every service at a location points to an exported service and location.
    services = {
        r["id"] for r in _rows(tmp_path, next(r for r in package["resources"] if r["name"] == "service"))
    }
    places = _rows(tmp_path, next(r for r in package["resources"] if r["name"] == "service_at_location"))
    assert places and all(p["service_id"] in services for p in places)


@pytest.mark.parametrize("language", ["ru", "ar", "se"])
def test_an_export_in_another_language_is_valid_and_carries_its_texts(tmp_path, network, language):
    """A service's name in the export's language where written, in its fallback language elsewhere."""
    from perhekeskus.catalog.models import Service

    Service.objects.filter(pk=network["cafe"].pk).update(**{f"name_{language}": "Песя / عش / Beassi"})
    package = _package(tmp_path, "csv", language)
    problems = []
    for resource in package["resources"]:
        for row in _rows(tmp_path, resource):
            problems += [f"{resource['name']}: {e}" for e in errors(row, f"{resource['name']}.json")]
    assert problems == []
    rows = _rows(tmp_path, next(r for r in package["resources"] if r["name"] == "service"))
    names = {row["id"]: row["name"] for row in rows}
    assert names[str(network["cafe"].pk)] == "Песя / عش / Beassi"
    assert len(names) == 6 and all(names.values())


def test_confidential_places_are_exported_without_address_or_position(tmp_path, network):
    package = _package(tmp_path, "csv")
    by_name = {r["name"]: r for r in package["resources"]}
    locations = _rows(tmp_path, by_name["location"])
    shelter = next(row for row in locations if row["name"] == "Turvakoti")
    assert "latitude" not in shelter and "longitude" not in shelter
    addresses = _rows(tmp_path, by_name["address"])
    assert all(a["location_id"] != shelter["id"] for a in addresses)


def test_export_refuses_a_file_as_directory(tmp_path, network):
    from django.core.management.base import CommandError

    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(CommandError, match="is a file"):
        call_command("export_hsds", str(target))
