import csv
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from perhekeskus.catalog.models import Category, DeliveryMode, Language, LifeSituation, ServiceType
from perhekeskus.catalog.reference import COPIED_FILES, DATA_DIR, load_reference_data
from perhekeskus.network.models import Municipality, PostalCode, ProviderKind

pytestmark = pytest.mark.django_db


def _rows(name):
    with open(DATA_DIR / name, encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize(
    ("model", "file"),
    [
        (Category, "categories.csv"),
        (ServiceType, "service-types.csv"),
        (LifeSituation, "life-situations.csv"),
        (DeliveryMode, "delivery-modes.csv"),
        (ProviderKind, "provider-kinds.csv"),
        (Language, "languages.csv"),
        (Municipality, "municipalities.csv"),
        (PostalCode, "postal-codes.csv"),
    ],
)
def test_every_reference_row_is_in_the_database(model, file):
    codes = {row["code"] for row in _rows(file)}
    assert set(model.objects.values_list("code", flat=True)) == codes


def _reference_folder(root) -> Path:
    """A reference data folder (taxonomy/, areas/) holding the same files as the repository's copies."""
    for copy, original in COPIED_FILES.items():
        path = root / original
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA_DIR / copy, path)
    return root


def test_the_reference_data_check_passes_when_the_copies_match(tmp_path):
    out = StringIO()
    call_command("check_reference_data", str(_reference_folder(tmp_path)), stdout=out)
    assert f"The 6 copied reference files match {tmp_path}." in out.getvalue()


def test_the_reference_data_check_names_every_changed_and_missing_file(tmp_path):
    folder = _reference_folder(tmp_path)
    (folder / "taxonomy" / "categories.csv").write_text("code\nnew\n", encoding="utf-8")
    (folder / "areas" / "north-karelia.csv").unlink()
    with pytest.raises(CommandError) as error:
        call_command("check_reference_data", str(folder))
    assert str(error.value).splitlines()[1:] == [
        f"{DATA_DIR / 'categories.csv'} differs from {folder / 'taxonomy' / 'categories.csv'}",
        f"{folder / 'areas' / 'north-karelia.csv'} is missing",
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [("", "Name the reference data folder"), ("no-such-folder", "Reference data folder not found: 'no-such")],
)
def test_the_reference_data_check_refuses_a_folder_that_is_not_there(source, message):
    with pytest.raises(CommandError, match=message):
        call_command("check_reference_data", source)


def test_north_karelian_municipalities_have_population_and_centre():
    lieksa = Municipality.objects.get(code="422")
    assert (lieksa.name_fi, lieksa.population) == ("Lieksa", 10049)
    assert (lieksa.latitude, lieksa.longitude) == (63.317, 30.017)
    assert Municipality.objects.filter(population__isnull=False).count() == 13


def test_merged_municipality_is_left_out_and_its_postal_codes_moved():
    assert not Municipality.objects.filter(code="911").exists()
    assert PostalCode.objects.get(code="75700").municipality.code == "541"


def test_service_types_carry_category_core_flag_and_ptv_codes():
    clinic = ServiceType.objects.get(code="maternity-clinic")
    assert clinic.category.code == "promotion"
    assert clinic.is_core
    assert (clinic.ptv_service_class, clinic.ptv_general_description) == ("P5.2", "SOTE-0026")
    assert not ServiceType.objects.get(code="family-cafe").is_core


def test_life_situations_link_the_service_types_that_usually_help():
    baby = LifeSituation.objects.get(code="baby")
    assert (baby.age_from_months, baby.age_to_months) == (0, 12)
    assert "child-health-clinic" in set(baby.service_types.values_list("code", flat=True))


def test_loading_again_changes_nothing():
    before = {m.code: (m.pk, m.modified_at) for m in ServiceType.objects.all()}
    load_reference_data()
    call_command("load_reference_data", verbosity=0)
    assert {m.code: (m.pk, m.modified_at) for m in ServiceType.objects.all()} == before
    assert PostalCode.objects.count() == len(_rows("postal-codes.csv"))


def test_loading_restores_a_changed_name():
    ServiceType.objects.filter(code="speech-therapy").update(name_fi="Puhe")
    load_reference_data()
    assert ServiceType.objects.get(code="speech-therapy").name_fi == "Puheterapia"
