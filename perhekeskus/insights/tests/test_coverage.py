import csv
import io

from perhekeskus.catalog import coverage
from perhekeskus.catalog.models import ServiceType
from perhekeskus.core.models import Publication
from perhekeskus.insights import report


def test_core_types_are_the_models_core_services(small_network):
    matrix = coverage.coverage(small_network["network"])
    assert {t.code for t in matrix.types} == set(
        ServiceType.objects.filter(is_core=True).values_list("code", flat=True)
    )
    assert [m.code for m in matrix.municipalities] == ["167", "422", "541"]  # Joensuu, Lieksa, Nurmes by name


def test_a_cell_tells_who_and_how_wherever_the_site_is(small_network):
    matrix = coverage.coverage(small_network["network"])
    # Lieksa's families reach the family counselling at Joensuu's site.
    counselling = matrix.cell("422", "family-counselling")
    assert counselling.available
    assert [s.name_fi for s in counselling.services] == ["Perheneuvola"]
    assert counselling.kinds == {"wellbeing-services-county"}
    assert counselling.modes == {"provider-site"}
    clinic = matrix.cell("422", "child-health-clinic")
    assert [s.name_fi for s in clinic.services] == ["Lieksan lastenneuvola"]
    assert clinic.modes == {"family-centre-building"}
    # Nurmes has no counselling and no clinic: gaps.
    assert not matrix.cell("541", "family-counselling").available
    assert not matrix.cell("541", "child-health-clinic").available


def test_an_online_service_for_the_network_counts_everywhere(small_network):
    matrix = coverage.coverage(small_network["network"])
    for code in ("167", "422", "541"):
        cell = matrix.cell(code, "parenting-support")
        assert cell.available
        assert cell.kinds == {"ngo"}
        assert cell.modes == {"online"}


def test_what_is_not_in_operation_or_not_public_is_a_gap(small_network):
    # Nurmes' maternity clinic is temporarily closed.
    assert not coverage.coverage(small_network["network"]).cell("541", "maternity-clinic").available
    helpline = small_network["services"]["helpline"]
    helpline.publication = Publication.DRAFT
    helpline.save(update_fields=["publication"])
    assert not coverage.coverage(small_network["network"]).cell("541", "parenting-support").available


def test_counts_gaps_and_figures_per_municipality(small_network):
    matrix = coverage.coverage(small_network["network"])
    core_total = ServiceType.objects.filter(is_core=True).count()
    assert matrix.covered("422") == 3  # clinic, counselling, parenting support
    assert matrix.covered("167") == 3
    assert matrix.covered("541") == 1
    assert len(matrix.gaps("541")) == core_total - 1
    # Lieksa: 3 services (clinic, counselling, helpline) for 10,049 residents and 2,000 children.
    lieksa = small_network["lieksa"]
    lieksa.refresh_from_db()
    figures = matrix.per_thousand(lieksa)
    assert figures == {"services": 3, "per_1000_children": 1.5, "per_1000_residents": round(3000 / 10049, 2)}
    # Nurmes' number of children is not known.
    assert matrix.per_thousand(small_network["nurmes"])["per_1000_children"] is None


def test_filters_by_category_and_provider_kind(small_network):
    early = coverage.coverage(small_network["network"], category="early-support")
    assert {t.category.code for t in early.types} == {"early-support"}
    assert early.covered("422") == 1  # family counselling
    ngo_only = coverage.coverage(small_network["network"], provider_kinds=["ngo"])
    assert ngo_only.covered("422") == 1  # parenting support online
    assert not ngo_only.cell("422", "family-counselling").available


def test_comparison_shows_local_emphases_and_what_is_missing(small_network):
    lieksa = coverage.compare(small_network["network"], small_network["lieksa"])
    assert lieksa.others == 2
    # The family counselling reaches Lieksa and Joensuu: one of the two others.
    assert ("family-counselling", 1) in [(t.code, n) for t, n in lieksa.emphases]
    nurmes = coverage.compare(small_network["network"], small_network["nurmes"])
    missing = {t.code: n for t, n in nurmes.missing}
    assert missing["child-health-clinic"] == 2
    assert missing["family-counselling"] == 2
    # The family café is Joensuu's own.
    joensuu = coverage.compare(small_network["network"], small_network["joensuu"])
    assert ("family-cafe", 0) in [(t.code, n) for t, n in joensuu.emphases]


def test_coverage_csv_has_a_row_per_municipality_and_core_type(small_network):
    text = report.coverage_csv(small_network["network"], "fi")
    assert text.startswith("\ufeff")  # opens as UTF-8 in a spreadsheet
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    core_total = ServiceType.objects.filter(is_core=True).count()
    assert len(rows) == 1 + 3 * core_total
    by_key = {(row[0], row[3]): row for row in rows[1:]}
    counselling = by_key["422", "family-counselling"]
    assert counselling[5] == "kyllä"
    assert counselling[6] == "Hyvinvointialue"
    assert counselling[8] == "Perheneuvola"
    assert by_key["541", "family-counselling"][5] == "ei"


def test_a_spreadsheet_does_not_run_a_service_name(small_network):
    service = small_network["services"]["counselling"]
    service.name_fi = '=HYPERLINK("http://evil")'
    service.save(update_fields=["name_fi"])
    text = report.coverage_csv(small_network["network"], "fi").removeprefix("\ufeff")
    services = [row[8] for row in csv.reader(io.StringIO(text), delimiter=";") if "HYPERLINK" in row[8]]
    assert services and all(cell.startswith("'=HYPERLINK") for cell in services)
