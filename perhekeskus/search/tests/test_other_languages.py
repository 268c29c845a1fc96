"""Search in the public site's six further languages (issue 25, part 4): each language's words are
analysed (Snowball for Russian, Arabic, Persian and Estonian, the Ukrainian dictionary's base forms,
Somali light stems), letters written several ways read as one, and a query is read by its script."""

import pytest

from perhekeskus.catalog.models import Service, ServiceType
from perhekeskus.search import analysis, indexing, morphology

pytestmark = pytest.mark.django_db


def _terms(text: str, language: str) -> set[str]:
    return set(analysis.text_terms(text, language))


def _query_terms(text: str) -> set[str]:
    return {t for word in analysis.query_words(text) for t in analysis.query_alternatives(word)[0]}


@pytest.mark.parametrize(
    ("written", "language", "typed"),
    [
        ("Группа для беременных", "ru", "беременным"),  # Russian: an inflected form
        ("Ёлка для детей", "ru", "елка"),  # ё is typed as е
        ("Допомога дітям", "uk", "дитина"),  # Ukrainian: the base form of a suppletive plural
        ("Для сім'ї", "uk", "сім’я"),  # the apostrophe typed another way
        ("Для сім'ї", "uk", "сім´я"),  # … or as an acute accent
        ("Lastele astma ravi", "et", "astma"),  # a word as written in Estonian text
        ("Ilmo iyo hooyo", "so", "ilmo"),  # … and in Somali
        ("مساعدة الأطفال", "ar", "للاطفال"),  # Arabic: article and preposition, hamza left out
        ("مُسَاعَدَة", "ar", "مساعده"),  # vowel marks; ta marbuta typed as he
        ("کمک به کودکان", "fa", "كودك"),  # Persian: plural; Arabic kaf typed for Persian kaf
        ("بچه‌ها", "fa", "بچه"),  # the zero-width non-joiner
        ("Lasteaed ja kool", "et", "koolis"),  # Estonian: an inflected form
        ("Rasedus", "et", "rase"),
        ("Xannaanada carruurta", "so", "caruur"),  # Somali: the article, and a doubled letter
        ("Hooyooyinka", "so", "hooyo"),  # a plural with its article
        ("Qoysaska", "so", "qoys"),  # a plural repeating the last consonant
    ],
)
def test_a_word_finds_its_other_forms_in_its_language(written, language, typed):
    assert _terms(written, language) & _query_terms(typed), (written, typed)


def test_the_script_of_a_word_tells_which_languages_read_it():
    assert morphology.script_of("дети") == morphology.CYRILLIC
    assert morphology.script_of("الأطفال") == morphology.ARABIC
    assert morphology.script_of("lapsi") == morphology.LATIN
    # Estonian and Somali stems are marked with their language: Finnish "lasta" (a child) is no "las",
    # English "peer" no "per" (of "per week").
    assert morphology.somali_stem("lasta") == "las"
    assert "las" not in _query_terms("lasta") and "zzlsolas" in _query_terms("lasta")
    assert "per" not in _query_terms("peer") and "per" in _terms("5 € per kerta", "en")
    assert "zzlsocarur" in _query_terms("carruurta")


def test_digits_of_arabic_script_are_digits():
    assert analysis.query_words("٨١٧٠٠ ۸۱۷۰۰") == ["81700", "81700"]


def test_unknown_ukrainian_words_stay_as_written_rather_than_a_guess():
    assert morphology.ukrainian_lemmas("лієкса") == ("лієкса",)
    assert morphology.ukrainian_lemmas("дітей") == ("дитина",)


def test_a_family_finds_a_service_by_its_name_in_each_language(client, network):
    cafe = network["cafe"]
    Service.objects.filter(pk=cafe.pk).update(
        name_ru="Семейное кафе Гнездо",
        name_uk="Сімейне кафе для дітей",
        name_ar="مقهى العائلات للأطفال",
        name_fa="کافه خانواده برای کودکان",
        name_et="Perekohvik lastele",
        name_so="Maqaaxida qoysaska",
    )
    indexing.index_services([cafe.pk])
    for language, query in (
        ("ru", "гнезда"),
        ("uk", "дитина"),
        ("ar", "أطفال"),
        ("fa", "كودك"),
        ("et", "perekohvikus"),
        ("so", "qoyska"),
    ):
        found = client.get("/api/v1/search", {"q": query, "lang": language}).json()
        assert str(cafe.pk) in {result["id"] for result in found["results"]}, language
        page = client.get(f"/{language}/search/", {"q": query}).content.decode()
        assert f"/{language}/services/{cafe.pk}/" in page, language


def test_a_service_type_is_found_by_its_name_in_each_language(client, network):
    """The reference data names every type in the nine languages; a family types the name inflected."""
    assert not ServiceType.objects.filter(name_ru="").exists()
    for language in ("ru", "uk", "ar", "fa", "so", "et"):
        assert not ServiceType.objects.filter(**{f"name_{language}": ""}).exists(), language
    cafe = network["cafe"]
    for language, query in (
        ("ru", "семейном кафе"),
        ("uk", "сімейного кафе"),
        ("ar", "مقهى العائلة"),
        ("fa", "کافه خانواده"),
        ("et", "perekohvikusse"),
        ("so", "makhaayadda qoyska"),
    ):
        found = client.get("/api/v1/search", {"q": query, "lang": language}).json()
        assert str(cafe.pk) in {result["id"] for result in found["results"]}, (language, query)


def test_the_search_api_answers_in_the_nine_languages_and_refuses_others(client, network):
    found = client.get("/api/v1/search", {"q": "", "lang": "ar"})
    assert found.status_code == 200
    refused = client.get("/api/v1/search", {"q": "", "lang": "de"})
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["lang"]


def test_a_real_russian_or_arabic_word_that_finds_nothing_is_not_corrected(client, network):
    """ "Did you mean" reads the word lists of the script's languages: "гнездышко" is a Russian word
    (no typo of the café's "гнездо"), "العاملات" (working women) an Arabic one, not "العائلات"
    (families); "гнездл" is a typo and is corrected."""
    cafe = network["cafe"]
    Service.objects.filter(pk=cafe.pk).update(name_ru="Семейное кафе Гнездо", name_ar="مقهى العائلات عش")
    indexing.index_services([cafe.pk])
    for query in ("гнездышко", "العاملات"):
        assert client.get("/api/v1/search", {"q": query}).json()["suggestion"] is None, query
    assert client.get("/api/v1/search", {"q": "гнездл"}).json()["suggestion"] == "гнездо"
