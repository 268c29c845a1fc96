from django.utils import translation

from perhekeskus.catalog.models import ServiceType
from perhekeskus.core.translation import language_map, translate
from perhekeskus.network.models import Organization


def test_text_is_read_in_the_active_language():
    org = Organization(name_fi="Perhetalo", name_sv="Familjehuset", name_en="Family house")
    with translation.override("sv"):
        assert org.name == "Familjehuset"
    with translation.override("en"):
        assert org.name == "Family house"


def test_missing_translation_falls_back_to_finnish_then_swedish():
    org = Organization(name_fi="Perhetalo", name_sv="", name_en="")
    assert translate(org, "name", "en") == "Perhetalo"
    org_without_finnish = Organization(name_fi="", name_sv="Familjehuset", name_en="Family house")
    assert translate(org_without_finnish, "name", "fi") == "Familjehuset"


def test_unsupported_language_reads_finnish():
    org = Organization(name_fi="Perhetalo", name_en="Family house")
    with translation.override("de"):
        assert org.name == "Perhetalo"


def test_language_map_holds_only_languages_with_text():
    org = Organization(name_fi="Perhetalo", name_sv="", name_en="Family house")
    assert language_map(org, "name") == {"fi": "Perhetalo", "en": "Family house"}


def test_reference_terms_have_all_three_languages(db):
    clinic = ServiceType.objects.get(code="child-health-clinic")
    assert language_map(clinic, "name") == {
        "fi": "Lastenneuvola",
        "sv": "Barnrådgivning",
        "en": "Child health clinic",
    }
