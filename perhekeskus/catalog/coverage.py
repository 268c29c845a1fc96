"""Coverage of the family centre model: which service types reach each municipality's families, by
whom, how and where.

A service of the network's organisations is available to a municipality's families when it is public
and in operation (listed and active, not temporarily closed) and one of its deliveries reaches the
municipality (Delivery.municipalities). How near it is tells a committee what "available" means, so
each cell is in one of four states:
- local: delivered in the municipality (a place in it, or at home, in early childhood education or at
  school there);
- regional: only at places elsewhere (a clinic in Joensuu that also serves Lieksa), with the nearest
  one and an estimate of the road distance from the municipality's centre;
- remote only: online or by phone;
- missing.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.catalog.models import Category, Delivery, Location, Service, ServiceType
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core.validators import distance_km
from perhekeskus.network.models import Municipality, Network, ProviderKind

# "Local emphasis": a type this municipality has that at most this share of the others have, and
# "missing here": a type at least this share of the others have.
RARE_ELSEWHERE = 0.5


# Short names of the delivery modes, for the cells of the matrix (a narrow column: at most about a
# dozen letters in any language).
MODE_SHORT = {
    "provider-site": pgettext_lazy("way of delivery, short", "site"),
    "family-centre-building": pgettext_lazy("way of delivery, short", "family centre"),
    "home-visit": pgettext_lazy("way of delivery, short", "home"),
    "early-childhood-education": pgettext_lazy("way of delivery, short", "ECEC"),
    "school": pgettext_lazy("way of delivery, short", "school"),
    "online": pgettext_lazy("way of delivery, short", "online"),
    "phone": pgettext_lazy("way of delivery, short", "phone"),
}


LOCAL, REGIONAL, REMOTE, MISSING = "local", "regional", "remote", "missing"
STATES = (LOCAL, REGIONAL, REMOTE, MISSING)
STATE_NAMES = {
    LOCAL: _("in the municipality"),
    REGIONAL: _("regionally"),
    REMOTE: _("remote only"),
    MISSING: _("missing"),
}
REMOTE_MODES = frozenset({"online", "phone"})
# Straight-line distance times this is the usual rough estimate of the road distance in the
# countryside; shown as an estimate ("about 95 km"), never as a route.
ROAD_FACTOR = 1.3


@dataclass(frozen=True)
class Place:
    """A place elsewhere that serves the municipality, with the estimated road distance from the
    municipality's centre (None where either has no coordinates)."""

    location: Location
    road_km: int | None


@dataclass
class Cell:
    services: list[Service] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    local: bool = False
    remote: bool = False
    places_elsewhere: list[Place] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return bool(self.services)

    @property
    def state(self) -> str:
        if self.local:
            return LOCAL
        if self.places_elsewhere:
            return REGIONAL
        return REMOTE if self.remote else MISSING

    @property
    def state_name(self) -> str:
        return str(STATE_NAMES[self.state])

    @property
    def nearest(self) -> Place | None:
        """The nearest place elsewhere (those without a distance last)."""
        return min(
            self.places_elsewhere,
            key=lambda place: (place.road_km is None, place.road_km or 0, str(place.location.name)),
            default=None,
        )

    @property
    def kind_codes(self) -> list[str]:
        return sorted(self.kinds, key=kind_position)

    @property
    def mode_names(self) -> list[str]:
        order = list(MODE_SHORT)
        return [
            str(MODE_SHORT.get(code, code))
            for code in sorted(self.modes, key=lambda c: order.index(c) if c in order else len(order))
        ]


@dataclass
class Coverage:
    municipalities: list[Municipality]
    types: list[ServiceType]
    cells: dict[tuple[str, str], Cell]  # (municipality code, service type code) → cell
    # Distinct services per municipality (of the types in view).
    services: dict[str, set]

    def cell(self, municipality_code: str, type_code: str) -> Cell:
        return self.cells.get((municipality_code, type_code)) or Cell()

    def covered(self, municipality_code: str, types=None) -> int:
        return sum(1 for t in types or self.types if self.cell(municipality_code, t.code).available)

    def states(self, municipality_code: str, types=None) -> dict[str, int]:
        """How many of the types are local, regional, remote only and missing (every state named)."""
        found = Counter(self.cell(municipality_code, t.code).state for t in types or self.types)
        return {state: found[state] for state in STATES}

    def gaps(self, municipality_code: str) -> list[ServiceType]:
        return [t for t in self.types if not self.cell(municipality_code, t.code).available]

    def per_thousand(self, municipality: Municipality) -> dict:
        """Services of the types in view available per 1,000 children and residents."""
        return per_thousand(len(self.services.get(municipality.code, ())), municipality)

    def restricted(self, types: list[ServiceType]) -> "Coverage":
        """The same coverage over fewer service types (e.g. the model's core), without reading again."""
        codes = {t.code for t in types}
        cells = {key: cell for key, cell in self.cells.items() if key[1] in codes}
        services = defaultdict(set)
        for (municipality_code, _type_code), cell in cells.items():
            services[municipality_code].update(s.pk for s in cell.services)
        return Coverage(municipalities=self.municipalities, types=types, cells=cells, services=services)

    def by_category(self, municipality_code: str) -> list[tuple[Category, dict[str, int], int]]:
        """Per category: the core types in each state (as `states`) and the core types in all."""
        groups = defaultdict(list)
        for service_type in self.types:
            groups[service_type.category].append(service_type)
        return [
            (category, self.states(municipality_code, types), len(types))
            for category, types in sorted(groups.items(), key=lambda item: item[0].position)
        ]


def _available_services(network, municipalities, types, provider_kinds):
    services = (
        listed_services()
        .filter(
            organization__networks=network,
            status=Service.Status.ACTIVE,
            service_types__in=types,
            deliveries__municipalities__in=municipalities,
        )
        .distinct()
        .select_related("organization__kind")
        .prefetch_related(
            "service_types",
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.select_related("mode", "location__municipality").prefetch_related(
                    "municipalities"
                ),
            ),
        )
        .order_by("name_fi")
    )
    if provider_kinds:
        services = services.filter(organization__kind__code__in=provider_kinds)
    return services


def coverage(
    network: Network,
    *,
    core_only: bool = True,
    category: str | None = None,
    provider_kinds=(),
    municipalities=None,
) -> Coverage:
    """Municipalities of the network × service types (the model's core types by default)."""
    if municipalities is None:
        municipalities = list(network.municipalities.order_by("name_fi"))
    types = ServiceType.objects.select_related("category").order_by("category__position", "position", "code")
    if core_only:
        types = types.filter(is_core=True)
    if category:
        types = types.filter(category__code=category)
    types = list(types)
    in_view = {m.pk: m for m in municipalities}
    type_codes = {t.pk for t in types}
    cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
    per_municipality = defaultdict(set)
    for service in _available_services(network, municipalities, types, provider_kinds):
        service_types = [t for t in service.service_types.all() if t.pk in type_codes]
        for delivery in service.deliveries.all():
            for reached in delivery.municipalities.all():
                municipality = in_view.get(reached.pk)
                if municipality is None:
                    continue
                per_municipality[municipality.code].add(service.pk)
                place = _place_elsewhere(delivery, municipality)
                for service_type in service_types:
                    cell = cells[(municipality.code, service_type.code)]
                    if service not in cell.services:
                        cell.services.append(service)
                    cell.kinds.add(service.organization.kind.code)
                    cell.modes.add(delivery.mode.code)
                    if delivery.mode.code in REMOTE_MODES:
                        cell.remote = True
                    elif place is None:
                        cell.local = True
                    elif place not in cell.places_elsewhere:
                        cell.places_elsewhere.append(place)
    return Coverage(municipalities=municipalities, types=types, cells=dict(cells), services=per_municipality)


def _place_elsewhere(delivery: Delivery, municipality: Municipality) -> Place | None:
    """The delivery's place when it is in another municipality; None when the delivery happens in
    `municipality` (a place there, or at home, in early childhood education or at school there)."""
    location = delivery.location
    if location is None or location.municipality_id == municipality.pk:
        return None
    known = None not in (location.latitude, location.longitude, municipality.latitude, municipality.longitude)
    road_km = (
        round(
            ROAD_FACTOR
            * distance_km(
                municipality.latitude, municipality.longitude, location.latitude, location.longitude
            )
        )
        if known
        else None
    )
    return Place(location=location, road_km=road_km)


def per_thousand(count: int, municipality: Municipality) -> dict:
    """`count` services per 1,000 children (where the municipality's number is known) and per 1,000
    residents."""
    return {
        "services": count,
        "per_1000_children": round(count * 1000 / municipality.children, 2)
        if municipality.children
        else None,
        "per_1000_residents": round(count * 1000 / municipality.population, 2)
        if municipality.population
        else None,
    }


@dataclass
class Comparison:
    """One municipality against the network's others, over all service types."""

    municipality: Municipality
    others: int
    # (service type, how many of the others have it)
    emphases: list[tuple[ServiceType, int]]
    missing: list[tuple[ServiceType, int]]


def compare(network: Network, municipality: Municipality, everything: Coverage | None = None) -> Comparison:
    """`everything`: the network's coverage over all service types, when already computed."""
    everything = everything or coverage(network, core_only=False)
    others = [m for m in everything.municipalities if m.pk != municipality.pk]
    emphases, missing = [], []
    for service_type in everything.types:
        elsewhere = sum(1 for m in others if everything.cell(m.code, service_type.code).available)
        here = everything.cell(municipality.code, service_type.code).available
        if here and others and elsewhere <= RARE_ELSEWHERE * len(others):
            emphases.append((service_type, elsewhere))
        elif not here and others and elsewhere >= RARE_ELSEWHERE * len(others):
            missing.append((service_type, elsewhere))
    return Comparison(
        municipality=municipality,
        others=len(others),
        emphases=sorted(emphases, key=lambda item: item[1]),
        missing=sorted(missing, key=lambda item: -item[1]),
    )


# The kinds in the order of the model's reference data (provider-kinds.csv); others after, by code.
KIND_ORDER = ("wellbeing-services-county", "municipality", "ngo", "parish")
# Who provides, in a matrix cell: short forms chosen per language so that no two kinds share one
# (in Swedish both "Församling" and "Företag" begin with F).
KIND_SHORT = {
    "wellbeing-services-county": pgettext_lazy("provider kind, short", "W"),
    "municipality": pgettext_lazy("provider kind, short", "M"),
    "ngo": pgettext_lazy("provider kind, short", "N"),
    "parish": pgettext_lazy("provider kind, short", "P"),
    "state": pgettext_lazy("provider kind, short", "S"),
    "company": pgettext_lazy("provider kind, short", "C"),
}


def kind_short(kind: ProviderKind) -> str:
    return str(KIND_SHORT.get(kind.code) or str(kind.name)[:1].upper())


def kind_position(code: str) -> tuple[int, str]:
    return (KIND_ORDER.index(code) if code in KIND_ORDER else len(KIND_ORDER), code)


def provider_kinds() -> list[ProviderKind]:
    return sorted(ProviderKind.objects.all(), key=lambda kind: kind_position(kind.code))
