"""What a search hit shows, the same in the search API and on the public pages."""

from django.urls import reverse
from django.utils import translation

from perhekeskus.search import codes
from perhekeskus.search.selectors import Hit


class HitPresenter:
    """A hit shown in `language`. Texts stay language maps ({"fi": ..., "sv": ...}): a page marks a text
    shown in another language than its own, the API gives the text alone (core.translation)."""

    def __init__(self, hit: Hit, language: str) -> None:
        data = hit.data
        self.language = language
        self.id: str = data["id"]
        self.name: dict[str, str] = data["name"]
        self.summary: dict[str, str] = data["summary"]
        self.organization: dict = data["organization"]  # {"id": ..., "name": {language map}}
        self.service_types: list[str] = data["service_types"]
        self.categories: list[str] = data["categories"]
        self.municipalities: list[str] = data["municipalities"]
        self.delivery_modes: list[str] = data["delivery_modes"]
        self.is_free = hit.is_free
        self.distance_km = hit.distance_km
        self.score = round(hit.score, 6) if hit.score is not None else None

    @property
    def path(self) -> str:
        """The service page in the hit's language (each language has its own address)."""
        with translation.override(self.language):
            return reverse("service", args=[self.id])

    @property
    def organization_path(self) -> str:
        with translation.override(self.language):
            return reverse("organization", args=[self.organization["id"]])

    @property
    def municipality_names(self) -> list[str]:
        return [codes.name("municipality", code, self.language) for code in self.municipalities]

    @property
    def delivery_mode_names(self) -> list[str]:
        return [codes.name("delivery_mode", code, self.language) for code in self.delivery_modes]
