import datetime
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from perhekeskus.catalog.models import Delivery, Location, Service
from perhekeskus.network.models import Organization
from perhekeskus.opendata.importers import base

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parent.parent / "schemas" / "examples"


def _import(path, *args) -> str:
    from io import StringIO

    out = StringIO()
    if "--source" not in args:
        args = (*args, "--source", "tests")
    call_command("import_hsds", str(path), *args, stdout=out)
    return out.getvalue()


def _facts() -> dict:
    """What a family sees of each service, comparable across databases."""
    facts = {}
    for service in Service.objects.prefetch_related(
        "service_types", "deliveries__municipalities", "deliveries__mode"
    ):
        facts[str(service.pk)] = (
            service.name_fi,
            service.status,
            service.organization.name_fi,
            service.is_free,
            service.age_min_months,
            service.age_max_months,
            sorted(t.code for t in service.service_types.all()),
            sorted({m.code for d in service.deliveries.all() for m in d.municipalities.all()}),
            sorted({d.mode.code for d in service.deliveries.all()}),
            sorted(
                (d.location_id and str(d.location_id), r.weekday, str(r.opens), str(r.closes))
                for d in service.deliveries.all()
                for s in d.schedules.all()
                for r in s.rules.all()
            ),
        )
    return facts


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_round_trip_keeps_what_hsds_can_express_and_a_second_run_changes_nothing(
    tmp_path, network, file_format
):
    call_command("export_hsds", str(tmp_path), "--format", file_format)
    before = _facts()
    listed = {k: v for k, v in before.items() if v[1] in ("active", "temporarily closed")}
    Delivery.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    out = _import(tmp_path / "datapackage.json", "--source", "roundtrip")
    assert "rejected 0" in out
    assert _facts() == listed
    assert "created 0, updated 0" in _import(tmp_path, "--source", "roundtrip")
    assert Location.objects.get(name_fi="Turvakoti").confidential


def test_dry_run_reports_and_changes_nothing(tmp_path, network):
    call_command("export_hsds", str(tmp_path))
    Service.objects.filter(pk=network["cafe"].pk).update(name_fi="Muutettu")
    out = _import(tmp_path, "--dry-run", "--source", "x")
    assert out.startswith("Dry run, nothing saved:") and "updated" in out
    assert Service.objects.get(pk=network["cafe"].pk).name_fi == "Muutettu"


def test_hsds_examples_are_read_and_what_cannot_be_used_is_rejected_with_reasons(network):
    out = _import(EXAMPLES / "organization_full.json")
    assert "created 1" in out  # the organisation
    assert "no service type of ours" in out
    assert "no Finnish municipality" in out
    assert "created 0" in _import(EXAMPLES / "base.json") and "rejected 0" in _import(EXAMPLES / "base.json")
    assert "no Finnish municipality" in _import(EXAMPLES / "location.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('"just a string"', "expected HSDS objects"),
        ('{"id": "not-a-uuid", "name": "x", "status": "active"}', "is not a UUID"),
        ('{"foo": 1}', "is no HSDS service, organization or location"),
    ],
)
def test_malformed_files_change_nothing(tmp_path, network, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    count = Service.objects.count()
    with pytest.raises(CommandError, match=message):
        _import(bad)
    assert Service.objects.count() == count


def test_files_that_are_not_text_or_name_missing_tables_are_refused(tmp_path, network):
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "Äiti"}'.encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        _import(latin)
    package = tmp_path / "package"
    package.mkdir()
    (package / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "service", "path": "service.csv"}]})
    )
    with pytest.raises(CommandError, match=r"service\.csv named in datapackage\.json does not exist"):
        _import(package)
    (package / "datapackage.json").write_text(json.dumps({"resources": "all of them"}))
    with pytest.raises(CommandError, match="no list of resources"):
        _import(package)


def test_a_byte_order_mark_is_fine(tmp_path, network):
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + (EXAMPLES / "base.json").read_bytes())
    assert "rejected 0" in _import(with_bom)


def test_a_package_with_a_broken_table_changes_nothing(tmp_path, network):
    call_command("export_hsds", str(tmp_path))
    Organization.objects.filter(pk=network["cafe"].organization_id).update(name_fi="Vanha nimi")
    rows = (tmp_path / "service.csv").read_text().splitlines()
    (tmp_path / "service.csv").write_text("\n".join([*rows, rows[-1] + ",extra,cells"]) + "\n")
    with pytest.raises(CommandError, match="more cells than columns"):
        _import(tmp_path)
    assert Organization.objects.get(pk=network["cafe"].organization_id).name_fi == "Vanha nimi"
    with pytest.raises(CommandError, match="does not exist"):
        _import(tmp_path / "nothing-here")


def test_two_deliveries_of_one_kind_stay_two_with_their_own_hours(tmp_path, network):
    """Day care and round-the-clock care of one service (no place, same mode), and a clinic and a group
    of one service at the same place: HSDS alone cannot tell them apart; our extension and the
    schedules' service_at_location_id do."""
    from perhekeskus.catalog import services as catalog_services
    from perhekeskus.catalog.tests import factories

    joensuu, lieksa = factories.municipality("167"), factories.municipality("422")
    care = factories.service(types=("early-childhood-education",), name_fi="Varhaiskasvatus")
    clinic_at = network["maternity"].deliveries.exclude(location=None).first()
    for mode, reached, hours in (
        ("early-childhood-education", [joensuu], (datetime.time(6, 30), datetime.time(17), False)),
        ("early-childhood-education", [joensuu, lieksa], (datetime.time(0), datetime.time(0), True)),
    ):
        delivery = factories.delivery(service_obj=care, mode=mode, municipalities=reached)
        catalog_services.schedule_save(
            actor=None,
            values={"delivery": delivery},
            rules=[{"weekday": 0, "opens": hours[0], "closes": hours[1], "closes_next_day": hours[2]}],
        )
    group = factories.delivery(
        service_obj=clinic_at.service, mode="family-centre-building", at=clinic_at.location
    )
    catalog_services.schedule_save(
        actor=None,
        values={"delivery": group},
        rules=[{"weekday": 4, "opens": datetime.time(13), "closes": datetime.time(14)}],
    )
    call_command("export_hsds", str(tmp_path))
    before = _facts()
    Delivery.objects.all().delete()
    Service.objects.all().delete()
    assert "rejected 0" in _import(tmp_path)
    assert _facts() == {k: v for k, v in before.items() if v[1] in ("active", "temporarily closed")}
    reached = sorted(
        sorted(m.code for m in d.municipalities.all())
        for d in Service.objects.get(pk=care.pk).deliveries.all()
    )
    assert reached == [["167"], ["167", "422"]]


def test_the_brake_refuses_to_drop_much_of_a_source_without_force(tmp_path, network):
    call_command("export_hsds", str(tmp_path))
    Delivery.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    _import(tmp_path, "--source", "kunta")
    smaller = tmp_path.parent / "smaller"
    shutil.copytree(tmp_path, smaller)
    package = json.loads((smaller / "datapackage.json").read_text())
    for resource in package["resources"]:
        if resource["name"] in ("service", "service_at_location"):
            lines = (smaller / resource["path"]).read_text().splitlines()
            (smaller / resource["path"]).write_text("\n".join(lines[:2]) + "\n")  # header and one row
    with pytest.raises(CommandError, match="more than 20%"):
        _import(smaller, "--source", "kunta")
    assert Service.objects.filter(status="active").count() == 6
    out = _import(smaller, "--source", "kunta", "--force")
    assert "deleted" in out and Service.objects.filter(status="active").count() == 1
    assert base.DELETE_BRAKE == 0.2


def test_the_brake_counts_each_kind_on_its_own(tmp_path, network):
    """A package whose service table comes empty drops every service, however many places it still has."""
    call_command("export_hsds", str(tmp_path))
    Delivery.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    _import(tmp_path, "--source", "kunta")
    package = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in package["resources"]:
        if resource["name"] in ("service", "service_at_location"):
            header = (tmp_path / resource["path"]).read_text().splitlines()[0]
            (tmp_path / resource["path"]).write_text(header + "\n")
    with pytest.raises(CommandError, match=r"would delete \d+ of the \d+ (delivery|service) records"):
        _import(tmp_path, "--source", "kunta")
    assert Service.objects.filter(status="active").count() == 6


def test_a_place_once_confidential_stays_so_and_keeps_its_address(tmp_path, network):
    shelter = Location.objects.get(name_fi="Turvakoti")
    call_command("export_hsds", str(tmp_path))
    _import(tmp_path)  # our own export leaves the address out: keep what we hold
    shelter.refresh_from_db()
    assert shelter.confidential and shelter.postal_code == "80100" and shelter.latitude == 62.601
    plain = tmp_path / "plain.json"
    plain.write_text(
        json.dumps(
            {
                "id": str(shelter.pk),
                "location_type": "physical",
                "name": "Turvakoti",
                "organization_id": str(shelter.organization_id),
                "addresses": [{"address_1": "Pielisentie 5", "postal_code": "80100", "city": "Joensuu"}],
            }
        )
    )
    _import(plain, "--source", "another")  # no extension: never made public
    shelter.refresh_from_db()
    assert shelter.confidential


def test_ids_in_other_spellings_are_the_same_ids(tmp_path, network):
    call_command("export_hsds", str(tmp_path), "--format", "json")
    import re

    uuid_text = re.compile(r'"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"')
    for name in ("service", "service_at_location", "location", "organization"):
        path = tmp_path / f"{name}.json"
        path.write_text(uuid_text.sub(lambda m: f'"{m.group(1).upper()}"', path.read_text()))
    out = _import(tmp_path)
    assert "deleted 0" in out and Service.objects.filter(status="active").count() == 6


@pytest.mark.parametrize(
    "change",
    [
        {"attributes": "x"},
        {"phones": 5},
        {"name": 5},
        {"minimum_age": float("nan")},
        {"perhekeskus": "x"},
        {"service_at_locations": 5},
        {"service_at_locations": [{"id": "0b5c6a6e-3b1f-4d1e-9b7e-2f0f6f7f9a02", "attributes": "x"}]},
    ],
)
def test_wrong_types_are_refused_or_rejected_never_a_traceback(tmp_path, network, change):
    service = {
        "id": "0b5c6a6e-3b1f-4d1e-9b7e-2f0f6f7f9a01",
        "name": "Uusi",
        "status": "active",
        "organization_id": str(network["cafe"].organization_id),
        "attributes": [{"taxonomy_term": {"code": "family-cafe", "taxonomy": "service_type"}}],
        **change,
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(service))
    count = Service.objects.count()
    try:
        out = _import(path)
    except CommandError as error:
        assert "Nothing imported" in str(error)
        assert Service.objects.count() == count
    else:
        assert "rejected 1" in out  # the record with the wrong type, and only it
        assert Service.objects.count() == count + (
            "service_at_locations" in change and change != {"service_at_locations": 5}
        )


def test_a_dropped_place_still_in_use_is_kept(tmp_path, network):
    from perhekeskus.catalog.tests import factories

    call_command("export_hsds", str(tmp_path), "--format", "json")
    Delivery.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    _import(tmp_path, "--source", "feed")
    place = Location.objects.get(name_fi="Perhetalo")
    factories.delivery(service_obj=factories.service(types=("family-club",)), mode="provider-site", at=place)
    for name in ("location", "service_at_location"):
        path = tmp_path / f"{name}.json"
        rows = [r for r in json.loads(path.read_text()) if str(place.pk) not in json.dumps(r)]
        path.write_text(json.dumps(rows))
    out = _import(tmp_path, "--source", "feed", "--force")
    assert "kept, still in use" in out
    assert Location.objects.filter(pk=place.pk).exists()
