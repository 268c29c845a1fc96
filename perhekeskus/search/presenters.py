"""What a search hit shows, the same in the search API and on the public pages."""

import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from perhekeskus.core.validators import distance_km
from perhekeskus.search import codes
from perhekeskus.search.indexing import INTERPRETER_AVAILABLE
from perhekeskus.search.selectors import Hit, SearchResult


@dataclass(frozen=True)
class Near:
    """Where the family is, for each hit's nearest place: the municipalities it chose (or named in the
    words, or has remembered), and the points distances are measured from: the position searched, else
    the centres of those municipalities."""

    municipalities: frozenset[str]
    points: tuple[tuple[float, float], ...]

    @classmethod
    def of(cls, result: SearchResult) -> "Near | None":
        """The family's place in a search; None when it gave no municipality or position."""
        chosen = result.preferred_municipalities
        if result.position is not None:
            points = (result.position,)
        elif chosen:
            centres = codes.centres()
            points = tuple(centres[code] for code in chosen if code in centres)
        else:
            return None
        return cls(frozenset(chosen), points)


# Any service id: the address of one service page per language is reversed once and the id replaced
# (reverse() for each of a page of hits cost about a millisecond of every search); an organisation's too.
_SOME_ID = "00000000-0000-0000-0000-000000000000"


@functools.cache
def _path(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name, args=[_SOME_ID])


@dataclass(frozen=True)
class NearestPlace:
    name: dict[str, str]  # a language map
    municipality: str  # code
    # From the position searched, else from the nearest centre of the chosen municipalities; None when
    # the place has no public position (or the municipalities no centre).
    distance_km: float | None
    # In one of the family's municipalities.
    in_chosen: bool


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
        # Documents indexed before places were added have none until they are indexed again.
        self.places: list[dict] = data.get("places", [])
        # "" (not stated), "none", "free" or "fee"; not in documents written before it was kept.
        self.interpretation: str = data.get("interpretation", "")
        self.is_free = hit.is_free
        self.distance_km = hit.distance_km
        self.score = round(hit.score, 6) if hit.score is not None else None

    @property
    def path(self) -> str:
        """The service page in the hit's language (each language has its own address)."""
        return _path("service", self.language).replace(_SOME_ID, self.id)

    @property
    def interpreter_available(self) -> bool:
        return self.interpretation in INTERPRETER_AVAILABLE

    @property
    def organization_path(self) -> str:
        return _path("organization", self.language).replace(_SOME_ID, self.organization["id"])

    @property
    def municipality_names(self) -> list[str]:
        return [codes.name("municipality", code, self.language) for code in self.municipalities]

    @property
    def delivery_mode_names(self) -> list[str]:
        return [codes.name("delivery_mode", code, self.language) for code in self.delivery_modes]

    def nearest_place(self, near: Near | None) -> NearestPlace | None:
        """The public place of the service nearest to the family: one in its municipality if there is
        one, the nearest of them when their positions tell; else the nearest elsewhere. None without a
        family's place, or when no place can be told near."""
        if near is None:
            return None

        def distance(place: dict) -> float | None:
            if place["point"] is None or not near.points:
                return None
            return min(distance_km(*point, *place["point"]) for point in near.points)

        in_chosen = [place for place in self.places if place["municipality"] in near.municipalities]
        measured = [(distance(place), place) for place in in_chosen or self.places]
        if not in_chosen:
            measured = [(km, place) for km, place in measured if km is not None]
        if not measured:
            return None
        # Places without a position come last, in their stored order (by municipality and name).
        km, best = min(measured, key=lambda pair: (pair[0] is None, pair[0] or 0.0))
        return NearestPlace(
            name=best["name"],
            municipality=best["municipality"],
            distance_km=None if km is None else round(km, 1),
            in_chosen=bool(in_chosen),
        )
