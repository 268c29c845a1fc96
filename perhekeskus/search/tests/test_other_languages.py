"""Texts written in the public site's other languages are found by search (the words as written, until
each language has its own analysis: issue 25, part 4)."""

import pytest

from perhekeskus.catalog.models import Service

pytestmark = pytest.mark.django_db


def test_a_family_finds_a_service_by_its_name_in_russian_or_arabic(client, network):
    from perhekeskus.search import indexing

    cafe = network["cafe"]
    Service.objects.filter(pk=cafe.pk).update(name_ru="Семейное кафе Гнездо", name_ar="مقهى العائلات عش")
    indexing.index_services([cafe.pk])
    for language, query in (("ru", "гнездо"), ("ar", "عش")):
        found = client.get("/api/v1/search", {"q": query}).json()
        assert str(cafe.pk) in {result["id"] for result in found["results"]}, language
        page = client.get(f"/{language}/search/", {"q": query}).content.decode()
        assert f"/{language}/services/{cafe.pk}/" in page, language
