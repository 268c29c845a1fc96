import csv
import io
import re

from perhekeskus.catalog import coverage
from perhekeskus.catalog.models import ServiceType
from perhekeskus.conftest import sign_in_with_both_factors
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


def test_each_cell_tells_local_from_regional_remote_and_missing(small_network):
    from perhekeskus.core.validators import distance_km

    matrix = coverage.coverage(small_network["network"])
    lieksa, joensuu = small_network["lieksa"], small_network["joensuu"]
    # Lieksa's clinic is in Lieksa's family centre building: local.
    assert matrix.cell("422", "child-health-clinic").state == coverage.LOCAL
    # The family counselling serves Lieksa from Joensuu only: regional, with its place and distance.
    counselling = matrix.cell("422", "family-counselling")
    assert counselling.state == coverage.REGIONAL
    assert counselling.nearest.location.municipality == joensuu
    straight = distance_km(lieksa.latitude, lieksa.longitude, joensuu.latitude, joensuu.longitude)
    assert counselling.nearest.road_km == round(1.3 * straight)
    assert 90 <= counselling.nearest.road_km <= 120  # Lieksa–Joensuu is about 100 km by road
    # For Joensuu itself the same counselling is local.
    assert matrix.cell("167", "family-counselling").state == coverage.LOCAL
    # The parenting support is online only; Nurmes has no clinic at all.
    assert matrix.cell("422", "parenting-support").state == coverage.REMOTE
    assert matrix.cell("541", "child-health-clinic").state == coverage.MISSING
    core_total = len(matrix.types)
    assert matrix.states("422") == {"local": 1, "regional": 1, "remote": 1, "missing": core_total - 3}
    assert matrix.states("541") == {"local": 0, "regional": 0, "remote": 1, "missing": core_total - 1}


def test_home_visits_from_elsewhere_are_given_in_the_municipality(small_network):
    from perhekeskus.catalog.tests import factories

    county = small_network["services"]["counselling"].organization
    visits = factories.service(organization=county, name_fi="Perhetyö kotona", types=("family-work",))
    factories.delivery(service_obj=visits, mode="home-visit", municipalities=[small_network["nurmes"]])
    cell = coverage.coverage(small_network["network"]).cell("541", "family-work")
    assert cell.state == coverage.LOCAL and cell.modes == {"home-visit"}


def test_the_report_names_every_core_service_with_its_state(small_network):
    from django.utils import translation

    with translation.override("fi"):
        data = report.report_data(small_network["lieksa"])
    assert [row["type"].code for row in data["core_rows"]] == [t.code for t in data["core_types"]]
    core_total = data["core_total"]
    assert data["core_summary"] == (f"1 kunnassa, 1 alueellisesti, 1 vain etänä, {core_total - 3} puuttuu")
    rows = {row["type"].code: row["cell"] for row in data["core_rows"]}
    assert rows["family-counselling"].state_name == "alueellisesti"
    with translation.override("fi"):
        page = report.render_html(small_network["lieksa"], "fi", for_print=False)
    for service_type in data["core_types"]:
        assert service_type.name_fi in page
    assert "lähin Perheneuvola" not in page  # the nearest is a place, not a service
    assert f"noin {rows['family-counselling'].nearest.road_km} km" in page


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
    assert counselling[5] == "alueellisesti"
    assert counselling[6].endswith(", Joensuu") and 90 <= int(counselling[7]) <= 120
    assert counselling[8] == "Hyvinvointialue"
    assert counselling[10] == "Perheneuvola"
    assert by_key["167", "family-counselling"][5:8] == ["kunnassa", "", ""]
    assert by_key["541", "parenting-support"][5] == "vain etänä"
    assert by_key["541", "family-counselling"][5] == "puuttuu"


def test_a_spreadsheet_does_not_run_a_service_name(small_network):
    service = small_network["services"]["counselling"]
    service.name_fi = '=HYPERLINK("http://evil")'
    service.save(update_fields=["name_fi"])
    text = report.coverage_csv(small_network["network"], "fi").removeprefix("\ufeff")
    services = [row[10] for row in csv.reader(io.StringIO(text), delimiter=";") if "HYPERLINK" in row[10]]
    assert services and all(cell.startswith("'=HYPERLINK") for cell in services)


def test_the_matrix_groups_types_by_category_and_names_each_provider_kind_apart(client, small_network):
    sign_in_with_both_factors(client, small_network["coordinator"])
    for prefix, kinds in (("", ("H", "K", "J", "S", "Y", "V")), ("/sv", ("V", "K", "O", "Förs", "Ftg", "S"))):
        page = client.get(f"{prefix}/workspace/insights/{small_network['network'].slug}/").content.decode()
        legend = page.split("<table", 1)[0]
        shown = re.findall(r'<abbr title="[^"]+">([^<]+)</abbr> =', legend)
        # In Swedish "Församling" and "Företag" both begin with F: each kind has a short form of its own.
        assert sorted(shown) == sorted(kinds) and len(set(shown)) == len(shown)
        categories = re.findall(r'<th scope="colgroup" colspan="\d+">([^<]+)</th>', page)
        assert len(categories) == len(set(categories)) >= 3
