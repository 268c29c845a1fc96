"""Codes that search parameters and facets use, with their names, cached per process for a few minutes."""

from perhekeskus.catalog.models import Category, DeliveryMode, Language, LifeSituation, ServiceType
from perhekeskus.core.expiring import expiring
from perhekeskus.core.translation import language_map, translate_map
from perhekeskus.network.models import Municipality

TTL = 300
MODELS = {
    "municipality": Municipality,
    "service_type": ServiceType,
    "category": Category,
    "life_situation": LifeSituation,
    "delivery_mode": DeliveryMode,
    "language": Language,
}


@expiring(TTL)
def names(vocabulary: str) -> dict[str, dict[str, str]]:
    """code → {language: name} of one vocabulary."""
    return {row.code: language_map(row, "name") for row in MODELS[vocabulary].objects.all()}


@expiring(TTL)
def centres() -> dict[str, tuple[float, float]]:
    """code → (latitude, longitude) of the municipalities whose centre is known."""
    return {
        code: (latitude, longitude)
        for code, latitude, longitude in Municipality.objects.filter(
            latitude__isnull=False, longitude__isnull=False
        ).values_list("code", "latitude", "longitude")
    }


def known(vocabulary: str) -> set[str]:
    return set(names(vocabulary))


@expiring(TTL)
def names_in(vocabulary: str, language: str) -> dict[str, str]:
    """code → name in `language` (or the first language of the fallback order that has one)."""
    return {code: translate_map(texts, language) or code for code, texts in names(vocabulary).items()}


def name(vocabulary: str, code: str, language: str) -> str:
    return names_in(vocabulary, language).get(code, code)
