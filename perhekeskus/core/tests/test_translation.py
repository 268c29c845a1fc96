from django.utils import translation

from perhekeskus.catalog.models import Category, DeliveryMode, Language, LifeSituation, ServiceType
from perhekeskus.core.translation import language_map, translate
from perhekeskus.network.models import Organization, ProviderKind


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


def test_reference_terms_have_the_nine_languages_of_the_site(db):
    clinic = ServiceType.objects.get(code="child-health-clinic")
    names = language_map(clinic, "name")
    assert (names["fi"], names["sv"], names["en"]) == (
        "Lastenneuvola",
        "Barnrådgivning",
        "Child health clinic",
    )
    assert (names["ru"], names["et"]) == ("Детская консультация", "Lastenõuandla")
    assert set(names) == {"fi", "sv", "en", "ru", "uk", "ar", "so", "fa", "et"}
    for model in (ServiceType, LifeSituation, DeliveryMode, Category, Language, ProviderKind):
        for term in model.objects.all():
            assert all(getattr(term, f"name_{code}") for code in names), (model.__name__, term.code)


def test_a_workspace_address_in_a_public_only_language_is_the_english_page(client, db):
    response = client.get("/ru/workspace/sign-in/?next=/workspace/")
    assert response.status_code == 302 and response["Location"] == "/en/workspace/sign-in/?next=/workspace/"
    assert client.get("/sv/workspace/sign-in/").status_code == 200
    assert client.get("/ru/").status_code == 200  # the public site stays in Russian


def test_content_falls_back_towards_english_for_the_new_languages(db):
    organization = Organization(name_fi="Järjestö", name_sv="Förening", name_en="Association")
    for language, expected in (("fi", "Järjestö"), ("sv", "Förening"), ("en", "Association"),
                               ("ru", "Association"), ("ar", "Association"), ("so", "Association")):  # fmt: skip
        with translation.override(language):
            assert translate(organization, "name") == expected, language
    organization.name_en = ""
    with translation.override("ar"):
        assert translate(organization, "name") == "Järjestö"
