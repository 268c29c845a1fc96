"""The demo network as `make run` loads it."""

import re
from io import StringIO

from django.core.management import call_command
from django.db.models import Count, Q
from django.test import TestCase, override_settings

from perhekeskus.activities.models import Activity
from perhekeskus.catalog.models import Delivery, DeliveryMode, Location, Schedule, Service, ServiceType
from perhekeskus.core.models import ChangeRecord
from perhekeskus.demo.catalog import demo_id
from perhekeskus.network.models import FamilyCentre, Municipality, Network, Organization

NORTH_KARELIA = {"167", "276", "426", "422", "260", "541", "309", "146", "176", "607", "848", "090", "707"}


def _types_reaching(code: str) -> set[str]:
    return set(
        ServiceType.objects.filter(
            services__deliveries__municipalities__code=code, services__status="active"
        ).values_list("code", flat=True)
    )


class DemoNetworkTests(TestCase):
    """The demo as `make run` loads it (the command), loaded once for all these tests: a load takes
    twenty seconds."""

    @classmethod
    def setUpTestData(cls):
        out = StringIO()
        call_command("load_demo", stdout=out)
        cls.output = out.getvalue()

    def test_network_is_north_karelia_and_labelled_as_sample_data(self):
        network = Network.objects.get(slug="siun-sote")
        assert network.is_sample_data
        assert set(network.municipalities.values_list("code", flat=True)) == NORTH_KARELIA

    def test_every_municipality_has_a_family_centre_with_local_emphasis(self):
        centres = FamilyCentre.objects.filter(municipality__code__in=NORTH_KARELIA)
        assert centres.count() == 13
        for centre in centres:
            assert centre.description_fi and centre.local_emphasis_fi, centre

    def test_the_year_earlier_figures_add_up_like_real_ones(self):
        from perhekeskus.insights.models import FigureSnapshot

        snapshots = FigureSnapshot.objects.filter(is_sample_data=True)
        self.assertTrue(snapshots.exists())
        for snapshot in snapshots:
            figures = snapshot.figures
            self.assertEqual(figures["in_time"] + figures["never"] + figures["overdue"], figures["services"])
            self.assertTrue(all(value >= 0 for value in figures.values()), figures)

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

    def test_all_demo_rows_pass_validation(self):
        for model in (Organization, Location, Service, Municipality):
            for row in model.objects.all():
                row.full_clean()

    def test_loading_is_recorded_in_the_change_history(self):
        assert ChangeRecord.objects.filter(source="load_demo", action="created").count() >= (
            Service.objects.count() + Delivery.objects.count()
        )

    def test_the_first_load_prints_counts_and_how_to_sign_in(self):
        assert "Demo network 'Siun sote" in self.output and "none (already up to date)" not in self.output
        assert "admin" in self.output and "http://127.0.0.1:8000/admin/" in self.output

    @override_settings(SITE_URL="http://127.0.0.1:8080/")
    def test_loading_again_changes_nothing_and_keeps_figures_imported_for_real_or_entered_by_hand(self):
        real = {"children": 13000, "children_under_7": 4200, "population_year": 2025}
        Municipality.objects.filter(code="167").update(
            **real, population_source="Tilastokeskus, taulukko 11re"
        )
        Municipality.objects.filter(code="276").update(**real, population_source="")
        before = {
            model: sorted(model.objects.values_list("pk", "modified_at"))
            for model in (Organization, Location, Service, Delivery, Schedule, Activity)
        }
        records = ChangeRecord.objects.count()
        out = StringIO()
        call_command("load_demo", stdout=out)
        text = out.getvalue()
        assert "Changes: none (already up to date)" in text
        assert ChangeRecord.objects.count() == records
        for model, rows in before.items():
            assert sorted(model.objects.values_list("pk", "modified_at")) == rows, model
        for code in ("167", "276"):
            assert Municipality.objects.values(*real).get(code=code) == real
        assert Municipality.objects.get(code="422").population_source.endswith("(esimerkkiluvut)")
        assert Municipality.objects.filter(network__slug="siun-sote").count() == 13
        # The addresses printed are the site's (SITE_URL follows `make run`'s HOST and PORT).
        assert "http://127.0.0.1:8080/workspace/" in text and "http://127.0.0.1:8080/admin/" in text
        assert ":8000" not in text

    def test_every_municipality_has_recurring_activities(self):
        activities = Activity.objects.select_related("location__municipality")
        assert activities.count() >= 80
        assert len({a.location.municipality.code for a in activities}) == 13
        assert {a.repeat for a in activities} == {"none", "weekly", "fortnightly", "monthly"}
        for activity in activities:
            activity.full_clean()

    def test_activities_in_other_languages_and_services_with_interpreters_are_found(self):
        call_command("rebuild_search_index", verbosity=0)  # the test's transaction never commits
        held_in = {
            code
            for activity in Activity.objects.prefetch_related("languages")
            for code in activity.languages.values_list("code", flat=True)
        }
        assert {"fi", "sv", "en", "ru", "ar"} <= held_in
        arabic = Activity.objects.get(
            pk=demo_id("activity", "kotomaa-monikulttuurinen-perhekerho:arabiankielinen-perhekerho")
        )
        assert arabic.service.organization.name_fi.startswith("Monikulttuurinen perheyhdistys Kotomaa")
        assert arabic.location.municipality.name_fi == "Joensuu"
        calendar = self.client.get("/en/activities/", {"language": "ar"})
        assert calendar.status_code == 200
        assert {row.activity.pk for _day, rows in calendar.context["days"] for row in rows} == {arabic.pk}

        maternity = Service.objects.get(pk=demo_id("service", "joensuu-aitiysneuvola"))
        assert maternity.interpretation == "free"
        found = self.client.get(
            "/api/v1/search", {"interpreter": "true", "municipality": "167", "page_size": 100}
        ).json()
        assert str(maternity.pk) in {result["id"] for result in found["results"]}
        assert all(result["interpretation"] in ("free", "fee") for result in found["results"])
        guide = self.client.get("/en/guides/new-to-finland/", {"municipality": "167"}).content.decode()
        section = re.search(r'<section class="interpreters".*?</section>', guide, flags=re.S).group(0)
        linked = set(re.findall(r'<h3><a href="/en/services/([0-9a-f-]+)/"', section))
        # Joensuu's clinics, social guidance, family counselling, child welfare, the crisis service and
        # the guidance for immigrant families: all that the search finds, each linked.
        assert linked == {result["id"] for result in found["results"]} and len(linked) == 7
