"""A place's area by postal codes goes out in HSDS as a service area of its service at location, in the
API and in the export, and conforms to the schema."""

import json

import pytest
from django.core.management import call_command

from perhekeskus.opendata.tests.conformance import errors
from perhekeskus.web.tests.test_own_services import clinics  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_api_gives_a_places_postal_codes_as_its_service_area(client, clinics):  # noqa: F811
    centre = clinics["centre"]
    body = client.get(f"/api/hsds/service_at_locations/{centre.pk}", HTTP_ACCEPT_LANGUAGE="fi").json()
    assert errors(body, "service_at_location.json") == []
    areas = [a for a in body["service_areas"] if a.get("extent_type") == "text"]
    assert len(areas) == 1
    assert areas[0]["extent"] == "80100 80110 80130"
    assert areas[0]["name"] == "Keskusta, Niinivaara"
    assert areas[0]["perhekeskus"]["postal_codes"] == ["80100", "80110", "80130"]
    # The municipality it reaches is there as before; a place without an area has no postal codes.
    assert any(a.get("extent_type") == "municipality" for a in body["service_areas"])
    other = client.get(f"/api/hsds/services/{clinics['lieksa'].pk}", {"full": "true"}).json()
    assert "postal_codes" not in json.dumps(other)


def test_the_export_carries_the_area(tmp_path, clinics):  # noqa: F811
    call_command("export_hsds", str(tmp_path), "--format", "json")
    rows = json.loads((tmp_path / "service_area.json").read_text(encoding="utf-8"))
    by_place = {row.get("service_at_location_id"): row for row in rows if row.get("extent_type") == "text"}
    assert by_place[str(clinics["rantakyla"].pk)]["extent"] == "80100 80160 80170"
    assert all(errors(row, "service_area.json") == [] for row in rows)
