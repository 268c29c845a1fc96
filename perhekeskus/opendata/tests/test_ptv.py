"""PTV import: saved answers (the PTV samples in tests/data/ptv and a Joensuu listing in the v11 shape) and
the Open API over real HTTP from a local server."""

import datetime
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from perhekeskus.catalog.models import Delivery, Location, Schedule, Service
from perhekeskus.core.history import ChangeRecord
from perhekeskus.network.models import Organization
from perhekeskus.opendata.importers import base, ptv_mapping
from perhekeskus.opendata.tests import ptv_data as data
from perhekeskus.opendata.tests.conformance import errors
from perhekeskus.search.services import search_without_log

pytestmark = pytest.mark.django_db
# Answers in the PTV Open API v11 shape, kept with the tests (their source: data/ptv/README.md).
SAMPLES = Path(__file__).resolve().parent / "data" / "ptv"


def _import(*args) -> str:
    out = StringIO()
    call_command("import_ptv", *args, stdout=out)
    return out.getvalue()


def _from_files(directory: Path, *args) -> str:
    return _import("--municipality", "167", "--from-file", str(directory), *args)


def _summary(output: str) -> str:
    return output.strip().splitlines()[-1]


def _state() -> tuple:
    return (
        sorted(Service.objects.values_list("ptv_id", "name_fi", "status")),
        Location.objects.count(),
        Delivery.objects.count(),
        Organization.objects.count(),
        ChangeRecord.objects.count(),
    )


# --- the PTV samples -------------------------------------------------------------------------------


def test_ptv_samples_are_read_and_only_family_services_are_taken(tmp_path):
    output = _import("--municipality", "297", "--from-file", str(SAMPLES), "--verbosity", "2")
    # A dentist (P5.10) and basic education (P6) are no family centre services.
    assert (
        "skipped service 0008afc0-182c-4580-ba73-7472287f4d63 (Hammaslääkäri): not a family centre service"
        in output
    )
    assert "(Perusopetus): not a family centre service (service classes and KOKO concepts: P6)" in output
    assert _summary(output).startswith("created 0, updated 0, unchanged 0, deleted 0, rejected 0, skipped 2")
    assert not Service.objects.exists()


KUOPIO_ORG = "75c2ec6f-1127-41ce-a71d-4c7077366757"
KUOPIO_PLACE = "bf64185c-dd2c-4291-af54-998b23347265"


def _kuopio_service(directory: Path) -> Path:
    """A family service of the organisation in the sample page of its channels, saved beside it."""
    organization = data.organization(KUOPIO_ORG, {"fi": "Kuopion perheneuvola"}, "Organization", "")
    organization["municipality"] = {"code": "297", "name": data.texts(fi="Kuopio")}
    service = data.service(
        data.FAMILY_COUNSELLING,
        {"fi": "Perheneuvonta"},
        classes=[data.service_class("P3.7", "Kasvatus- ja perheneuvonta")],
        organization=KUOPIO_ORG,
        channels=[data.link_to_channel(KUOPIO_PLACE, "One organization location")],
        areas=("297",),
    )
    directory.mkdir()
    (directory / "service.json").write_text(json.dumps(service), encoding="utf-8")
    (directory / "organization.json").write_text(json.dumps(organization), encoding="utf-8")
    return directory


def test_a_sample_location_named_only_in_english_is_rejected_with_the_reason(tmp_path):
    page = SAMPLES / "organization_service_channels_page.json"
    output = _import("--municipality", "297", "--from-file", str(page), str(_kuopio_service(tmp_path / "s")))
    assert (
        f"rejected location {KUOPIO_PLACE} (One organization location): no Finnish name (PTV gives it in en)"
        in output
    )
    assert (
        f"rejected service channel {KUOPIO_PLACE} of service {data.FAMILY_COUNSELLING}: its location"
        in output
    )
    assert _summary(output).startswith("created 2, updated 0, unchanged 0, deleted 0, rejected 2")


def test_a_sample_location_in_kuopio_comes_in_with_its_coordinates_converted(tmp_path):
    """The sample page (with a duplicate item and a template item), its place given a Finnish name."""
    page = json.loads((SAMPLES / "organization_service_channels_page.json").read_text(encoding="utf-8-sig"))
    for item in page["itemList"]:
        if item["id"] == KUOPIO_PLACE:
            item["serviceChannelNames"].append({"language": "fi", "value": "Perheneuvola", "type": "Name"})
    (tmp_path / "page.json").write_text(json.dumps(page), encoding="utf-8")
    output = _import(
        "--municipality",
        "297",
        "--from-file",
        str(tmp_path / "page.json"),
        str(_kuopio_service(tmp_path / "s")),
    )
    assert _summary(output).startswith("created 4, updated 0, unchanged 0, deleted 0, rejected 0")
    place = Location.objects.get(ptv_id=KUOPIO_PLACE)
    assert (place.name_fi, place.name_en, place.street_address_fi, place.postal_code) == (
        "Perheneuvola", "One organization location", "Asemakatu 44", "70110"
    )  # fmt: skip
    assert place.municipality.code == "297" and place.post_office == "KUOPIO"
    # N 6974202.909 E 534246.773 (ETRS-TM35FIN) is Asemakatu 44 in Kuopio.
    assert place.latitude == pytest.approx(62.8962, abs=1e-4)
    assert place.longitude == pytest.approx(27.6737, abs=1e-4)
    service = Service.objects.get(ptv_id=data.FAMILY_COUNSELLING)
    assert service.deliveries.get().location == place


def test_coordinates_are_converted_from_etrs_tm35fin():
    # Joensuu market square and the sample's Testikunta point (south-west Finland).
    assert ptv_mapping.etrs_to_wgs84("6944173.334", "641858.777") == pytest.approx(
        (62.601, 29.7636), abs=1e-5
    )
    assert ptv_mapping.etrs_to_wgs84(6730000, 258000) == pytest.approx((60.6324, 22.5744), abs=1e-4)
    with pytest.raises(base.Rejected, match="are not numbers"):
        ptv_mapping.etrs_to_wgs84("north", "600000")


# --- a Joensuu listing -----------------------------------------------------------------------------


def test_a_listing_comes_in_with_its_fields_and_every_rejection_has_its_reason(tmp_path):
    output = _from_files(data.write(tmp_path), "--verbosity", "2")
    assert _summary(output) == (
        "created 16, updated 0, unchanged 0, deleted 0, rejected 4, skipped 2 (PTV, Joensuu 167)."
    )
    assert f"rejected service {data.ORPHAN} (Perhetyö): its organization {data.UNKNOWN_ORG} is neither in the PTV data nor known here" in output  # fmt: skip
    assert f"rejected location {data.WRONG_POSTCODE} (Puheterapia Lieksa): postal_code:" in output
    assert f"rejected service channel {data.NATIONAL_CHAT} of service {data.SPEECH_THERAPY}: the channel is not in the PTV data" in output  # fmt: skip
    assert f"skipped service {data.LIBRARY} (Kirjastopalvelut): not a family centre service" in output
    assert "(Vapaaehtoistoiminta): service class P4.12 fits several service types" in output

    county = Organization.objects.get(ptv_id=data.SIUN_SOTE)
    assert (county.name_fi, county.name_sv, county.kind.code, county.business_id, county.website) == (
        "Pohjois-Karjalan hyvinvointialue", "Norra Karelens välfärdsområde", "wellbeing-services-county",
        "3221307-8", "https://www.siunsote.fi",
    )  # fmt: skip
    assert Organization.objects.get(ptv_id=data.MLL).kind.code == "ngo"

    clinic = Service.objects.get(ptv_id=data.CHILD_CLINIC)
    assert (clinic.name_fi, clinic.name_sv, clinic.organization) == (
        "Lastenneuvola",
        "Barnrådgivning",
        county,
    )
    assert clinic.summary_fi == "Lastenneuvola seuraa lapsen kasvua ja kehitystä."
    assert clinic.description_fi == "Lastenneuvolassa käydään lapsen syntymästä kouluikään."
    assert [t.code for t in clinic.service_types.all()] == ["child-health-clinic"]  # by KOKO p5037
    # The booking line's number, not the clinic's; the web page channel is the website.
    assert (clinic.phone, clinic.email, clinic.website) == (
        "+358133301000", "neuvola@example.fi", "https://www.example.fi/neuvolat"
    )  # fmt: skip
    assert sorted(lang.code for lang in clinic.languages.all()) == ["fi", "sv"]
    assert [m.code for m in clinic.service_areas.all()] == ["167"]
    assert clinic.is_free

    # A class given by name only; its name fits all three clinics equally.
    clinics = Service.objects.get(ptv_id=data.CLINICS)
    assert sorted(t.code for t in clinics.service_types.all()) == [
        "child-health-clinic", "family-planning-clinic", "maternity-clinic"
    ]  # fmt: skip
    cafe = Service.objects.get(ptv_id=data.FAMILY_CAFE)  # linked from the channel's side only
    assert [t.code for t in cafe.service_types.all()] == ["family-cafe"]
    assert (cafe.is_free, cafe.fee_description_fi, cafe.fee_description_sv) == (
        False,
        "Maksullinen",
        "Avgiftsbelagd",
    )
    assert cafe.organization.ptv_id.hex == data.MLL.replace("-", "")

    place = Location.objects.get(ptv_id=data.RANTAKYLA)
    assert (place.name_fi, place.name_sv, place.street_address_fi, place.postal_code, place.post_office) == (
        "Rantakylän neuvola", "Rantakylä rådgivning", "Rantakatu 5", "80160", "JOENSUU"
    )  # fmt: skip
    assert (place.latitude, place.longitude) == pytest.approx((62.618, 29.8135), abs=1e-5)
    assert place.accessibility_fi == "Esteetön sisäänkäynti pääovelta."
    assert place.organization == county and place.municipality.code == "167"

    at_clinic = clinic.deliveries.get(location=place)
    assert at_clinic.mode.code == "provider-site"
    weekly = at_clinic.schedules.get()
    assert weekly.description_fi == "Normaalit aukioloajat" and not weekly.by_appointment
    assert [(r.weekday, str(r.opens), str(r.closes)) for r in weekly.rules.all()] == [
        (day, "08:00:00", "16:00:00") for day in range(5)
    ]  # a range of days, Monday to Friday
    assert [(str(e.date), e.closed, e.reason_fi) for e in weekly.exceptions.all()] == [
        ("2026-12-24", True, "Joulu"), ("2026-12-25", True, "Joulu"), ("2026-12-26", True, "Joulu")
    ]  # fmt: skip
    by_phone = clinic.deliveries.get(mode__code="phone")
    assert by_phone.location is None and [m.code for m in by_phone.municipalities.all()] == ["167"]
    assert [(r.weekday, str(r.opens)) for r in by_phone.schedules.get().rules.all()] == [
        (0, "08:00:00"), (3, "12:00:00")
    ]  # fmt: skip
    counselling = Service.objects.get(ptv_id=data.FAMILY_COUNSELLING)
    assert counselling.eservice_url == "https://chat.example.fi/perheneuvola"
    assert sorted(d.mode.code for d in counselling.deliveries.all()) == ["online", "provider-site"]
    assert counselling.deliveries.get(mode__code="provider-site").schedules.get().by_appointment

    # Every write is in the history, under this source.
    assert ChangeRecord.objects.filter(object_id=str(clinic.pk), source="import:ptv:167").exists()


def test_imported_services_are_found_and_published_as_open_data(
    client, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows on commit
        _from_files(data.write(tmp_path))
    clinic = Service.objects.get(ptv_id=data.CHILD_CLINIC)
    found = search_without_log({"q": "lastenneuvolaan", "municipality": ["167"]}, with_facets=False)
    assert str(clinic.pk) in [hit.data["id"] for hit in found.hits]
    body = client.get(f"/api/hsds/services/{clinic.pk}").json()
    assert errors(body, "service.json") == []
    assert body["perhekeskus"]["ptv_id"] == f"ptv:{data.CHILD_CLINIC}"
    organization = client.get(f"/api/hsds/organizations/{clinic.organization_id}").json()
    assert organization["perhekeskus"]["ptv_id"] == f"ptv:{data.SIUN_SOTE}"
    place = Location.objects.get(ptv_id=data.RANTAKYLA)
    at_place = client.get(f"/api/hsds/service_at_locations/{clinic.deliveries.get(location=place).pk}").json()
    assert at_place["location"]["perhekeskus"]["ptv_id"] == f"ptv:{data.RANTAKYLA}"


def test_a_second_run_changes_nothing_and_a_changed_listing_is_updated(tmp_path):
    listing = data.joensuu()
    _from_files(data.write(tmp_path, listing))
    before = _state()
    assert _summary(_from_files(data.write(tmp_path, listing))).startswith(
        "created 0, updated 0, unchanged 16, deleted 0, rejected 4"
    )
    assert _state() == before

    listing["services"][0]["serviceNames"][0]["value"] = "Lastenneuvola Rantakylä"
    listing["channels"][0]["serviceHours"][0]["openingHour"][0]["to"] = "15:00:00"
    output = _from_files(data.write(tmp_path, listing))
    # The service; its two deliveries at Rantakylä whose hours changed.
    assert _summary(output).startswith("created 0, updated 3, unchanged 13")
    assert Service.objects.get(ptv_id=data.CHILD_CLINIC).name_fi == "Lastenneuvola Rantakylä"
    rules = Delivery.objects.filter(location__ptv_id=data.RANTAKYLA).first().schedules.get().rules.all()
    assert {str(r.closes) for r in rules} == {"15:00:00"}


def test_an_organisation_linked_to_ptv_by_hand_is_updated_not_duplicated(tmp_path):
    from perhekeskus.catalog.tests import factories

    ours = factories.organization(name_fi="Siun sote")
    ours.ptv_id = data.SIUN_SOTE
    ours.save()
    _from_files(data.write(tmp_path))
    ours.refresh_from_db()
    assert ours.name_fi == "Pohjois-Karjalan hyvinvointialue"
    assert (
        Organization.objects.filter(name_fi__in=["Siun sote", "Pohjois-Karjalan hyvinvointialue"]).count()
        == 1
    )


def test_a_dry_run_reports_and_saves_nothing(tmp_path):
    before = _state()
    output = _from_files(data.write(tmp_path), "--dry-run")
    assert _summary(output).startswith("Dry run, nothing saved: created 16,")
    assert _state() == before


def test_a_service_the_source_drops_becomes_inactive_and_the_brake_stops_mass_deletion(tmp_path):
    listing = data.joensuu()
    _from_files(data.write(tmp_path, listing))

    def without(*ids):
        return {**listing, "services": [s for s in listing["services"] if s["id"] not in ids]}

    output = _from_files(data.write(tmp_path, without(data.CLINICS)))
    assert "deleted 2" in _summary(output)  # its delivery; the service becomes inactive
    assert Service.objects.get(ptv_id=data.CLINICS).status == "inactive"
    assert Location.objects.filter(ptv_id=data.RANTAKYLA).exists()  # the child clinic is still there

    before = _state()
    with pytest.raises(CommandError, match=r"would delete 1 of the 4 service records .*more than 20%"):
        _from_files(data.write(tmp_path, without(data.CLINICS, data.FAMILY_CAFE)))
    assert _state() == before
    output = _from_files(data.write(tmp_path, without(data.CLINICS, data.FAMILY_CAFE)), "--force")
    assert "deleted 3" in _summary(output)  # the café's delivery and its place, now unused
    assert not Location.objects.filter(ptv_id=data.CAFE_PLACE).exists()
    assert Service.objects.filter(status="active").count() == 3


def test_hours_over_midnight_always_open_and_exceptional_hours(tmp_path):
    listing = data.joensuu()
    listing["channels"][0]["serviceHours"] = [
        data.hours(("Friday", "Saturday", "22:00:00", "04:00:00")),
        data.hours(("Sunday", "", "10:00:00", "12:00:00"), valid_from="2027-06-01", valid_to="2027-08-31"),
        data.hours(("Monday", "", "12:00:00", "14:00:00"), kind="Exceptional", valid_from="2026-12-31"),
    ]
    listing["channels"][1]["serviceHours"] = [{**data.hours(), "isAlwaysOpen": True}]
    _from_files(data.write(tmp_path, listing))
    at_clinic = Delivery.objects.get(service__ptv_id=data.CHILD_CLINIC, location__ptv_id=data.RANTAKYLA)
    regular, summer = at_clinic.schedules.order_by(F("valid_from").asc(nulls_first=True))
    assert [(r.weekday, str(r.opens), str(r.closes), r.closes_next_day) for r in regular.rules.all()] == [
        (4, "22:00:00", "04:00:00", True)
    ]
    assert [(str(e.date), e.closed, str(e.opens)) for e in regular.exceptions.all()] == [
        ("2026-12-31", False, "12:00:00")
    ]
    assert (summer.valid_from, summer.valid_to) == (datetime.date(2027, 6, 1), datetime.date(2027, 8, 31))
    by_phone = Delivery.objects.get(service__ptv_id=data.CHILD_CLINIC, mode__code="phone")
    assert by_phone.schedules.get().rules.count() == 7


def test_bad_hours_reject_the_delivery_with_the_reason(tmp_path):
    listing = data.joensuu()
    listing["channels"][1]["serviceHours"] = [data.hours(("Someday", "", "08:00:00", "12:00:00"))]
    output = _from_files(data.write(tmp_path, listing))
    assert f"rejected service channel {data.BOOKING_LINE} of service {data.CHILD_CLINIC}: 'Someday' is not a day of the week" in output  # fmt: skip
    assert not Delivery.objects.filter(mode__code="phone", service__ptv_id=data.CHILD_CLINIC).exists()
    assert Schedule.objects.filter(delivery__service__ptv_id=data.CHILD_CLINIC).count() == 1


def test_hours_dated_beyond_any_calendar_reject_the_channel_and_the_rest_come_in(tmp_path):
    """A date the calendar arithmetic cannot carry (9999-12-31 plus a day overflows) is bad input of one
    channel, as in the HSDS import: rejected with its reason, not a traceback that stops the run."""
    listing = data.joensuu()
    listing["channels"][1]["serviceHours"] = [
        data.hours(("Monday", "", "12:00:00", "14:00:00"), kind="Exceptional", valid_from="9999-12-31")
    ]
    output = _from_files(data.write(tmp_path, listing))
    assert f"rejected service channel {data.BOOKING_LINE} of service {data.CHILD_CLINIC}: a field has the wrong type" in output  # fmt: skip
    assert not Delivery.objects.filter(mode__code="phone", service__ptv_id=data.CHILD_CLINIC).exists()
    assert Delivery.objects.filter(
        service__ptv_id=data.CHILD_CLINIC, location__ptv_id=data.RANTAKYLA
    ).exists()


# --- bad input --------------------------------------------------------------------------------------


def test_an_unknown_municipality_code_is_refused(tmp_path):
    with pytest.raises(CommandError, match="'999' is no Finnish municipality code"):
        _import("--municipality", "999", "--from-file", str(data.write(tmp_path)))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "services.json is not valid JSON"),
        (b"\xff\xfe\x00", "services.json is not UTF-8 text"),
        (b'{"pageNumber": 1, "itemList": 5}', "itemList is not a list"),
        (b'{"itemList": ["a service"]}', "services.json item 1 is not a JSON object but str"),
        (
            b'{"itemList": [{"id": "1", "title": "x"}]}',
            "is no PTV v11 service, service channel or organization",
        ),
    ],
)
def test_a_malformed_file_changes_nothing(tmp_path, content, message):
    _from_files(data.write(tmp_path))
    before = _state()
    (tmp_path / "services.json").write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _from_files(tmp_path)
    assert _state() == before


def test_missing_paths_and_empty_directories_are_named(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        _from_files(tmp_path / "nothing-here.json")
    with pytest.raises(CommandError, match=r"holds no \.json files"):
        _from_files(tmp_path)


def test_an_item_whose_id_is_no_uuid_is_rejected_and_the_rest_come_in(tmp_path):
    listing = data.joensuu()
    listing["services"][0]["id"] = "lastenneuvola-1"
    output = _from_files(data.write(tmp_path, listing))
    assert "rejected service (services.json item 1): its id 'lastenneuvola-1' is not a UUID" in output
    assert Service.objects.filter(ptv_id=data.FAMILY_COUNSELLING).exists()


# --- the Open API over HTTP -------------------------------------------------------------------------


class _PTV(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, bytes]] = {}

    def do_GET(self):
        status, body = self.routes.get(self.path, (404, b'{"error": "not found"}'))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        # A body marked "cut" is announced longer than it is: the connection drops mid-answer.
        length = len(body) + (1000 if body.startswith(b"cut") else 0)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def ptv_server(settings):
    """A local PTV: routes are filled by the test."""
    routes: dict[str, tuple[int, bytes]] = {}
    handler = type("Handler", (_PTV,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PTV_API_URL = f"http://127.0.0.1:{server.server_port}/api/v11/"
    settings.PTV_TIMEOUT_SECONDS = 5
    yield routes
    server.shutdown()
    server.server_close()


def _serve(routes: dict, listing: dict) -> None:
    def body(value) -> tuple[int, bytes]:
        return 200, json.dumps(value).encode()

    services, channels = listing["services"], listing["channels"]
    base = "/api/v11/Service/list/area/Municipality/code/167"
    routes[f"{base}?page=1"] = body(data.page(services[:4], 1, 2))
    routes[f"{base}?page=2"] = body(data.page(services[4:], 2, 2))
    # The e-service chat is national: not in Joensuu's channel list, fetched by its id.
    chat = next(c for c in channels if c["id"] == data.CHAT)
    routes["/api/v11/ServiceChannel/list/area/Municipality/code/167?page=1"] = body(
        data.page([c for c in channels if c is not chat])
    )
    routes[f"/api/v11/ServiceChannel/{data.CHAT}"] = body(chat)
    for organization in listing["organizations"]:
        routes[f"/api/v11/Organization/{organization['id']}"] = body(organization)


def test_the_open_api_gives_the_same_result_as_saved_answers(ptv_server, tmp_path):
    _serve(ptv_server, data.joensuu())
    output = _import("--municipality", "167")
    assert _summary(output) == (
        "created 16, updated 0, unchanged 0, deleted 0, rejected 4, skipped 2 (PTV, Joensuu 167)."
    )
    assert Service.objects.get(ptv_id=data.FAMILY_COUNSELLING).deliveries.filter(mode__code="online").exists()
    assert _summary(_from_files(data.write(tmp_path))).startswith("created 0, updated 0, unchanged 16")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_ptv_is_a_clear_error(settings):
    settings.PTV_API_URL = f"http://127.0.0.1:{_closed_port()}/api/v11/"
    with pytest.raises(CommandError, match=r"Nothing imported: cannot reach PTV at http://127\.0\.0\.1:"):
        _import("--municipality", "167")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((500, b"oops"), "PTV answered 500 Internal Server Error to http://127.0.0.1"),
        ((200, b"<html>maintenance</html>"), "is not JSON"),
        ((200, b'["a list"]'), "is not a page of items"),
        ((404, b"{}"), "PTV answered 404 Not Found"),
        ((200, b"cut short"), "cannot reach PTV at .*IncompleteRead"),
    ],
)
def test_a_bad_answer_from_ptv_changes_nothing(ptv_server, answer, message):
    _serve(ptv_server, data.joensuu())
    _import("--municipality", "167")
    before = _state()
    ptv_server["/api/v11/ServiceChannel/list/area/Municipality/code/167?page=1"] = answer
    with pytest.raises(CommandError, match=message):
        _import("--municipality", "167")
    assert _state() == before


def test_an_organisation_ptv_no_longer_has_rejects_its_services(ptv_server):
    _serve(ptv_server, data.joensuu())
    del ptv_server[f"/api/v11/Organization/{data.MLL}"]
    output = _import("--municipality", "167")
    assert (
        f"(Perhekahvila Jokela): its organization {data.MLL} is neither in the PTV data nor known here"
        in output
    )
    assert Service.objects.filter(ptv_id=data.CHILD_CLINIC).exists()


def test_ptv_ids_survive_an_hsds_round_trip(tmp_path):
    _from_files(data.write(tmp_path / "ptv"))
    call_command("export_hsds", str(tmp_path / "hsds"), "--format", "json")
    for model in (Service, Location, Organization):
        model.objects.update(ptv_id=None)
    call_command("import_hsds", str(tmp_path / "hsds"), "--source", "round-trip", stdout=StringIO())
    assert str(Service.objects.get(name_fi="Lastenneuvola").ptv_id) == data.CHILD_CLINIC
    assert str(Location.objects.get(name_fi="Rantakylän neuvola").ptv_id) == data.RANTAKYLA
    assert str(Organization.objects.get(name_fi="MLL:n Joensuun yhdistys").ptv_id) == data.MLL


def test_a_service_whose_update_is_rejected_keeps_its_deliveries_and_places(tmp_path):
    listing = data.joensuu()
    _from_files(data.write(tmp_path, listing))
    Organization.objects.filter(ptv_id=data.MLL).update(ptv_id=None)  # no longer linked to PTV here
    without_mll = {**listing, "organizations": [o for o in listing["organizations"] if o["id"] != data.MLL]}
    output = _from_files(data.write(tmp_path, without_mll))
    assert (
        f"(Perhekahvila Jokela): its organization {data.MLL} is neither in the PTV data nor known here"
        in output
    )
    assert "deleted 0" in _summary(output)
    cafe = Service.objects.get(ptv_id=data.FAMILY_CAFE)
    assert cafe.status == "active" and cafe.deliveries.get().location.ptv_id.hex == data.CAFE_PLACE.replace(
        "-", ""
    )


def test_regular_hours_dated_in_the_past_are_open_ended_and_a_future_start_is_kept(tmp_path):
    listing = data.joensuu()
    listing["channels"][1]["serviceHours"] = [
        data.hours(("Monday", "", "08:00:00", "12:00:00"), valid_from="2020-03-04T00:00:00"),
        data.hours(("Monday", "", "09:00:00", "11:00:00"), valid_from="2099-01-01T00:00:00"),
    ]
    _from_files(data.write(tmp_path, listing))
    by_phone = Delivery.objects.get(service__ptv_id=data.CHILD_CLINIC, mode__code="phone")
    assert [(s.valid_from, s.valid_to) for s in by_phone.schedules.order_by(F("valid_from").asc(nulls_first=True))] == [
        (None, None), (datetime.date(2099, 1, 1), None)
    ]  # fmt: skip


def test_odd_link_shapes_are_ignored_not_a_traceback(tmp_path):
    listing = data.joensuu()
    listing["services"][0]["serviceChannels"].append({"serviceChannel": "abc"})
    listing["services"][0]["organizations"].insert(0, {"organization": "abc", "roleType": "Producer"})
    listing["channels"][4]["services"].append({"service": ["x"]})
    listing["channels"][4]["organizationId"] = ["not", "an", "id"]
    output = _from_files(data.write(tmp_path, listing))
    assert Service.objects.filter(ptv_id=data.CHILD_CLINIC).exists()
    assert "rejected 4" in _summary(output)


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("ptv.example/api/v11/", "PTV_API_URL gives no usable address"),
        ("http://127.0.0.1:notaport/api/v11/", "cannot reach PTV at .*nonnumeric port"),
    ],
)
def test_a_malformed_api_address_is_a_clear_error(settings, address, message):
    settings.PTV_API_URL = address
    with pytest.raises(CommandError, match=message):
        _import("--municipality", "167")


def test_parent_organisations_come_first_and_a_second_run_changes_nothing(ptv_server, tmp_path):
    listing = data.joensuu()
    parent = data.organization(
        "6e4a3c3a-0f52-4d2f-9a5e-6a0a8b3c1d03", {"fi": "Mannerheimin Lastensuojeluliitto"}, "Organization", ""
    )
    mll = next(o for o in listing["organizations"] if o["id"] == data.MLL)
    mll["parentOrganizationId"] = parent["id"]
    _serve(ptv_server, listing)
    ptv_server[f"/api/v11/Organization/{parent['id']}"] = (200, json.dumps(parent).encode())  # fetched too
    assert _summary(_import("--municipality", "167")).startswith("created 17,")
    child = Organization.objects.get(ptv_id=data.MLL)
    assert child.parent.name_fi == "Mannerheimin Lastensuojeluliitto"
    assert _summary(_import("--municipality", "167")).startswith("created 0, updated 0, unchanged 17,")

    # A parent PTV names but that is not to be had: the parent set here stays.
    del ptv_server[f"/api/v11/Organization/{parent['id']}"]
    _import("--municipality", "167")
    child.refresh_from_db()
    assert child.parent.name_fi == "Mannerheimin Lastensuojeluliitto"


def test_a_bad_web_address_is_left_out_not_the_record(tmp_path):
    listing = data.joensuu()
    listing["organizations"][0]["webPages"] = [{"url": "www.siunsote.fi", "language": "fi"}]
    listing["organizations"][1]["webPages"] = [{"url": "ei osoite", "language": "fi"}]
    listing["organizations"][1]["emails"] = [{"value": "mll(at)example.fi", "language": "fi"}]
    output = _from_files(data.write(tmp_path, listing))
    assert Organization.objects.get(ptv_id=data.SIUN_SOTE).website == "https://www.siunsote.fi"
    mll = Organization.objects.get(ptv_id=data.MLL)
    assert (mll.website, mll.email) == ("", "")
    assert f"note on organization {data.MLL}: left out the web address 'https://ei osoite'" in output
    assert f"note on organization {data.MLL}: left out the e-mail address 'mll(at)example.fi'" in output
    assert Service.objects.filter(ptv_id=data.FAMILY_CAFE).exists()


def test_round_the_clock_hours_over_a_range_of_days(tmp_path):
    listing = data.joensuu()
    listing["channels"][1]["serviceHours"] = [data.hours(("Monday", "Friday", "00:00:00", "00:00:00"))]
    _from_files(data.write(tmp_path, listing))
    by_phone = Delivery.objects.get(service__ptv_id=data.CHILD_CLINIC, mode__code="phone")
    assert [
        (r.weekday, str(r.opens), str(r.closes), r.closes_next_day)
        for r in by_phone.schedules.get().rules.all()
    ] == [(day, "00:00:00", "00:00:00", True) for day in range(5)]


def test_a_channel_missing_from_the_data_keeps_its_delivery(tmp_path):
    listing = data.joensuu()
    _from_files(data.write(tmp_path, listing))
    without_line = {**listing, "channels": [c for c in listing["channels"] if c["id"] != data.BOOKING_LINE]}
    output = _from_files(data.write(tmp_path, without_line))
    assert (
        f"rejected service channel {data.BOOKING_LINE} of service {data.CHILD_CLINIC}: the channel is not in the PTV data"
        in output
    )
    assert "deleted 0" in _summary(output)
    assert Delivery.objects.filter(service__ptv_id=data.CHILD_CLINIC, mode__code="phone").exists()


def test_municipalities_sharing_a_service_do_not_undo_each_other(tmp_path):
    """A county service in the listings of Joensuu (167) and Kontiolahti (276)."""
    listing = data.joensuu()
    clinic = listing["services"][0]
    clinic["areas"] = data.area("167", "276")
    _import("--municipality", "167", "--from-file", str(data.write(tmp_path / "a", listing)))
    _import(
        "--municipality",
        "276",
        "--from-file",
        str(data.write(tmp_path / "b", {**listing, "services": [clinic]})),
    )
    service = Service.objects.get(ptv_id=data.CHILD_CLINIC)
    assert sorted(m.code for m in service.service_areas.all()) == ["167", "276"]

    # It leaves Joensuu: Joensuu's run takes Joensuu off its areas; Kontiolahti's keeps it as it is.
    clinic["areas"] = data.area("276")
    others = [s for s in listing["services"] if s["id"] != data.CHILD_CLINIC]
    output = _import(
        "--municipality",
        "167",
        "--from-file",
        str(data.write(tmp_path / "a", {**listing, "services": others})),
    )
    assert "deleted 0" in _summary(output)
    service.refresh_from_db()
    assert service.status == "active" and [m.code for m in service.service_areas.all()] == ["276"]
    assert service.deliveries.count() == 2
    output = _import(
        "--municipality",
        "276",
        "--from-file",
        str(data.write(tmp_path / "b", {**listing, "services": [clinic]})),
    )
    assert "created 0, updated 0" in _summary(output)
    output = _import(
        "--municipality",
        "167",
        "--from-file",
        str(data.write(tmp_path / "a", {**listing, "services": others})),
    )
    assert "created 0, updated 0" in _summary(output) and "deleted 0" in _summary(output)

    # Gone from Kontiolahti too: now it is dropped.
    output = _import(
        "--municipality",
        "276",
        "--from-file",
        str(data.write(tmp_path / "b", {**listing, "services": []})),
        "--force",
    )
    service.refresh_from_db()
    assert service.status == "inactive" and not service.deliveries.exists()


def test_a_name_in_sami_comes_in_and_a_name_written_in_russian_here_stays(tmp_path):
    listing = data.joensuu()
    listing["services"][0]["serviceNames"] += data.texts(
        "Name", se="Mánáidráđđehus", smn="Pärnirääđiđemvuáđu"
    )
    _from_files(data.write(tmp_path, listing))
    clinic = Service.objects.get(ptv_id=data.CHILD_CLINIC)
    assert (clinic.name_fi, clinic.name_se, clinic.name_smn, clinic.name_sms) == (
        "Lastenneuvola", "Mánáidráđđehus", "Pärnirääđiđemvuáđu", ""
    )  # fmt: skip
    # An organisation wrote the name in Russian in the workspace: PTV has no Russian, the next import
    # leaves it as it is.
    Service.objects.filter(pk=clinic.pk).update(name_ru="Детская консультация")
    listing["services"][0]["serviceNames"][0]["value"] = "Lastenneuvola Rantakylä"
    _from_files(data.write(tmp_path, listing))
    clinic.refresh_from_db()
    assert (clinic.name_fi, clinic.name_ru, clinic.name_se) == (
        "Lastenneuvola Rantakylä", "Детская консультация", "Mánáidráđđehus"
    )  # fmt: skip
