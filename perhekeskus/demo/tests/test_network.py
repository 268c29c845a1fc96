from django.core.management import call_command
from django.db.models import Count, Q
from django.test import TestCase, override_settings

from perhekeskus.catalog.models import Delivery, DeliveryMode, Location, Schedule, Service, ServiceType
from perhekeskus.core.models import ChangeRecord
from perhekeskus.demo.catalog import load_demo
from perhekeskus.network.models import FamilyCentre, Municipality, Network, Organization

NORTH_KARELIA = {"167", "276", "426", "422", "260", "541", "309", "146", "176", "607", "848", "090", "707"}


def _types_reaching(code: str) -> set[str]:
    return set(
        ServiceType.objects.filter(
            services__deliveries__municipalities__code=code, services__status="active"
        ).values_list("code", flat=True)
    )


class DemoNetworkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.result = load_demo()

    def test_network_is_north_karelia_and_labelled_as_sample_data(self):
        network = Network.objects.get(slug="siun-sote")
        assert network.is_sample_data
        assert set(network.municipalities.values_list("code", flat=True)) == NORTH_KARELIA

    def test_every_municipality_has_a_family_centre_with_local_emphasis(self):
        centres = FamilyCentre.objects.filter(municipality__code__in=NORTH_KARELIA)
        assert centres.count() == 13
        for centre in centres:
            assert centre.description_fi and centre.local_emphasis_fi, centre

    def test_network_is_large_enough(self):
        assert Service.objects.count() >= 250
        assert Delivery.objects.count() >= 300

    def test_every_service_type_appears(self):
        used = set(ServiceType.objects.filter(services__isnull=False).values_list("code", flat=True))
        assert used == set(ServiceType.objects.values_list("code", flat=True))

    def test_every_core_type_reaches_joensuu_and_lieksa(self):
        core = set(ServiceType.objects.filter(is_core=True).values_list("code", flat=True))
        assert core - _types_reaching("167") == set()
        assert core - _types_reaching("422") == set()

    def test_some_smaller_municipalities_lack_core_services(self):
        core = set(ServiceType.objects.filter(is_core=True).values_list("code", flat=True))
        gaps = {code: core - _types_reaching(code) for code in NORTH_KARELIA}
        assert any(gaps.values())
        assert not gaps["167"] and not gaps["422"]

    def test_every_delivery_mode_is_used(self):
        assert not DeliveryMode.objects.annotate(n=Count("deliveries")).filter(n=0).exists()

    def test_core_services_have_names_in_three_languages_and_others_partly(self):
        core = Service.objects.filter(service_types__is_core=True).distinct()
        assert core.count() > 100
        assert list(core.filter(Q(name_sv="") | Q(name_en="")).values_list("name_fi", flat=True)) == []
        share = Service.objects.exclude(name_sv="", name_en="").count() / Service.objects.count()
        assert 0.3 < share < 1.0

    def test_schedules_look_like_opening_hours(self):
        assert Schedule.objects.filter(by_appointment=True).exists()
        assert Schedule.objects.filter(rules__closes_next_day=True).exists()
        assert Schedule.objects.filter(exceptions__isnull=False).exists()

    def test_the_shelter_is_confidential(self):
        shelter = Location.objects.get(
            confidential=True, deliveries__service__service_types__code="domestic-violence-support"
        )
        assert shelter.public_street_address == ""

    def test_the_shelter_page_shows_no_address(self):
        shelter = Location.objects.get(confidential=True)
        service = Service.objects.filter(deliveries__location=shelter).first()
        html = self.client.get(f"/services/{service.pk}/").content.decode()
        assert service.name_fi in html
        for secret in (
            shelter.street_address_fi,
            shelter.postal_code,
            str(shelter.latitude),
            str(shelter.longitude),
        ):
            assert secret not in html

    def test_every_municipality_has_its_children_from_the_saved_answer(self):
        rows = Municipality.objects.filter(code__in=NORTH_KARELIA)
        assert {(m.population_year, m.population_source) for m in rows} == {
            (2024, "Tilastokeskus, taulukko 11re (esimerkkiluvut)")
        }
        assert all(0 < m.children_under_7 < m.children < m.population for m in rows)
        lieksa = rows.get(code="422")
        assert (lieksa.children, lieksa.children_under_7) == (1205, 372)

    def test_loading_again_keeps_figures_imported_for_real_or_entered_by_hand(self):
        real = {"children": 13000, "children_under_7": 4200, "population_year": 2025}
        Municipality.objects.filter(code="167").update(
            **real, population_source="Tilastokeskus, taulukko 11re"
        )
        Municipality.objects.filter(code="276").update(**real, population_source="")
        load_demo()
        for code in ("167", "276"):
            assert Municipality.objects.values(*real).get(code=code) == real
        assert Municipality.objects.get(code="422").population_source.endswith("(esimerkkiluvut)")

    def test_all_demo_rows_pass_validation(self):
        for model in (Organization, Location, Service, Municipality):
            for row in model.objects.all():
                row.full_clean()

    def test_loading_is_recorded_in_the_change_history(self):
        assert ChangeRecord.objects.filter(source="load_demo", action="created").count() >= (
            Service.objects.count() + Delivery.objects.count()
        )

    def test_loading_again_changes_nothing(self):
        before = {
            model: sorted(model.objects.values_list("pk", "modified_at"))
            for model in (Organization, Location, Service, Delivery, Schedule)
        }
        records = ChangeRecord.objects.count()
        result = load_demo()
        assert result["changes"] == {}
        assert ChangeRecord.objects.count() == records
        for model, rows in before.items():
            assert sorted(model.objects.values_list("pk", "modified_at")) == rows, model

    def test_command_prints_counts_and_how_to_sign_in(self):
        from io import StringIO

        out = StringIO()
        call_command("load_demo", stdout=out)
        text = out.getvalue()
        assert "none (already up to date)" in text
        assert "admin" in text and "http://127.0.0.1:8000/admin/" in text
        assert Municipality.objects.filter(network__slug="siun-sote").count() == 13

    @override_settings(SITE_URL="http://127.0.0.1:8080/")
    def test_command_prints_the_addresses_of_the_site_url(self):
        from io import StringIO

        out = StringIO()
        call_command("load_demo", stdout=out)
        text = out.getvalue()
        assert "http://127.0.0.1:8080/workspace/" in text and "http://127.0.0.1:8080/admin/" in text
        assert ":8000" not in text
