"""Interpretation in the open data: HSDS 3.1's interpretation_services in the requested language, our
extension's code, the HSDS round trip, and imports that leave it alone when the source does not say."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Service
from perhekeskus.opendata.tests import ptv_data as data
from perhekeskus.opendata.tests.conformance import errors

pytestmark = pytest.mark.django_db
API = "/api/hsds"


@pytest.fixture
def interpreted(network):
    services.service_save(
        actor=None,
        service=network["maternity"],
        values={
            "interpretation": "free",
            "interpretation_note_fi": "Kerro tulkin tarpeesta, kun varaat ajan.",
            "interpretation_note_en": "Say that you need an interpreter when you book.",
        },
    )
    services.service_save(actor=None, service=network["speech"], values={"interpretation": "fee"})
    services.service_save(actor=None, service=network["cafe"], values={"interpretation": "none"})
    return network


def _service(client, service, language: str | None = None) -> dict:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(f"{API}/services/{service.pk}", **headers)
    assert response.status_code == 200
    return response.json()


def test_interpretation_services_tells_the_choice_and_the_note_in_the_requested_language(client, interpreted):
    english = _service(client, interpreted["maternity"], "en")
    assert english["interpretation_services"] == (
        "Interpreter available, free of charge. Say that you need an interpreter when you book."
    )
    assert english["perhekeskus"]["interpretation"] == "free"
    assert _service(client, interpreted["speech"], "en")["interpretation_services"] == (
        "Interpreter available, for a fee."
    )
    assert _service(client, interpreted["cafe"], "en")["interpretation_services"] == "No interpretation."
    finnish = _service(client, interpreted["maternity"])
    assert finnish["interpretation_services"] == (
        "Tulkki saatavilla, maksuton. Kerro tulkin tarpeesta, kun varaat ajan."
    )
    swedish = _service(client, interpreted["maternity"], "sv")
    assert swedish["interpretation_services"].startswith("Tolk tillgänglig, avgiftsfri. ")
    for body in (english, finnish, swedish):
        assert errors(body, "service.json") == []


def test_a_service_that_has_not_said_has_no_interpretation_services(client, interpreted):
    body = _service(client, interpreted["lieksa_clinic"], "en")
    assert "interpretation_services" not in body  # HSDS types it as a string: left out, not null
    assert "interpretation" not in body["perhekeskus"]
    assert errors(body, "service.json") == []


def test_the_export_carries_it_in_the_service_table(tmp_path, interpreted):
    call_command("export_hsds", str(tmp_path), "--format", "json", "--language", "en")
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "service")
    assert "interpretation_services" in {f["name"] for f in resource["schema"]["fields"]}
    rows = {row["id"]: row for row in json.loads((tmp_path / resource["path"]).read_text(encoding="utf-8"))}
    assert (
        rows[str(interpreted["speech"].pk)]["interpretation_services"] == "Interpreter available, for a fee."
    )
    assert "interpretation_services" not in rows[str(interpreted["lieksa_clinic"].pk)]


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_an_hsds_round_trip_keeps_the_choice_and_the_note(tmp_path, interpreted, file_format):
    call_command("export_hsds", str(tmp_path), "--format", file_format)
    Service.objects.filter(pk=interpreted["maternity"].pk).update(
        interpretation="", interpretation_note_fi=""
    )
    Service.objects.filter(pk=interpreted["cafe"].pk).update(interpretation="fee")
    call_command("import_hsds", str(tmp_path), "--source", "roundtrip", stdout=StringIO())
    maternity = Service.objects.get(pk=interpreted["maternity"].pk)
    assert (maternity.interpretation, maternity.interpretation_note_fi) == (
        "free",
        "Kerro tulkin tarpeesta, kun varaat ajan.",
    )
    assert Service.objects.get(pk=interpreted["cafe"].pk).interpretation == "none"
    assert Service.objects.get(pk=interpreted["lieksa_clinic"].pk).interpretation == ""


def test_hsds_free_text_without_our_code_is_not_read_into_a_choice(tmp_path, interpreted):
    call_command("export_hsds", str(tmp_path), "--format", "json")
    path = tmp_path / "service.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        row["interpretation_services"] = "Interpretation services are available in Urdu, Polish, and Slovak"
        row.get("perhekeskus", {}).pop("interpretation", None)
        row.get("perhekeskus", {}).pop("interpretation_note", None)
    path.write_text(json.dumps(rows), encoding="utf-8")
    Service.objects.filter(pk=interpreted["cafe"].pk).update(interpretation="fee")
    call_command("import_hsds", str(tmp_path), "--source", "roundtrip", stdout=StringIO())
    # What each service had stays: no choice is guessed from free text.
    assert Service.objects.get(pk=interpreted["cafe"].pk).interpretation == "fee"
    assert Service.objects.get(pk=interpreted["lieksa_clinic"].pk).interpretation == ""


def test_a_ptv_import_leaves_what_staff_said_about_interpretation(tmp_path):
    listing = data.joensuu()
    directory = data.write(tmp_path, listing)
    call_command("import_ptv", "--municipality", "167", "--from-file", str(directory), stdout=StringIO())
    clinic = Service.objects.get(ptv_id=data.CHILD_CLINIC)
    assert clinic.interpretation == ""  # PTV has no field for it: nothing is made up
    services.service_save(
        actor=None,
        service=clinic,
        values={"interpretation": "free", "interpretation_note_fi": "Tulkki varataan ajanvarauksessa."},
    )
    listing["services"][0]["serviceNames"][0]["value"] = "Lastenneuvola Rantakylä"
    call_command(
        "import_ptv",
        "--municipality",
        "167",
        "--from-file",
        str(data.write(tmp_path, listing)),
        stdout=StringIO(),
    )
    clinic = Service.objects.get(ptv_id=data.CHILD_CLINIC)
    assert clinic.name_fi == "Lastenneuvola Rantakylä"  # updated from PTV
    assert (clinic.interpretation, clinic.interpretation_note_fi) == (
        "free",
        "Tulkki varataan ajanvarauksessa.",
    )
