"""Reads for open data: everything an HSDS object shows, prefetched, and the HSDS API's queries (its
filters, the search ranking, the places near a postcode)."""

import datetime
import uuid

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from perhekeskus.catalog.models import Delivery, Schedule, Service
from perhekeskus.catalog.selectors import listed_organizations, listed_services, services_with_details
from perhekeskus.core.translation import PUBLIC_LANGUAGES
from perhekeskus.core.validators import distance_km
from perhekeskus.network.models import Organization, PostalCode
from perhekeskus.opendata import hsds
from perhekeskus.search import selectors as search_selectors
from perhekeskus.search.analysis import normalize
from perhekeskus.search.query import Filters

SCHEDULES = Prefetch("schedules", queryset=Schedule.objects.prefetch_related("rules", "exceptions"))
# Ids are read and rows fetched this many at a time.
CHUNK = 500


def deliveries_at_places() -> QuerySet[Delivery]:
    """Deliveries at a place of listed services: HSDS's services at locations."""
    return (
        Delivery.objects.filter(service__in=listed_services(), location__isnull=False)
        .select_related("mode", "location__municipality")
        .prefetch_related("municipalities", "postal_codes", SCHEDULES)
        .order_by("pk")
    )


def services() -> QuerySet[Service]:
    # The areas of places by postal code, which only HSDS shows of a service (service pages need not).
    return services_with_details().prefetch_related("deliveries__postal_codes").order_by("pk")


def services_of(organization: Organization) -> QuerySet[Service]:
    return services().filter(organization=organization)


def services_by_pk(pks) -> dict:
    return {s.pk: s for s in services().filter(pk__in=pks)}


def organizations() -> QuerySet[Organization]:
    return listed_organizations().select_related("kind", "municipality").order_by("pk")


def taxonomy_terms() -> list:
    """The terms of every vocabulary that is an HSDS taxonomy."""
    terms = []
    for model, _fi, _en in hsds.TAXONOMIES.values():
        queryset = model.objects.all()
        if hasattr(model, "category"):
            queryset = queryset.select_related("category")
        terms.extend(queryset)
    return terms


def taxonomy_term(pk: uuid.UUID):
    """The term of any HSDS taxonomy with this id; None when there is none."""
    return next((t for t in taxonomy_terms() if str(t.pk) == str(pk)), None)


# --- the API's lists ---------------------------------------------------------------------------------


class Ranked:
    """The rows of `queryset` with these ids (best first), read a page at a time: a broad search
    can match tens of thousands of services, of which one page is shown."""

    def __init__(self, queryset, ids: list[str]) -> None:
        self.queryset = queryset
        allowed: set[str] = set()  # the ids the other parameters allow
        for start in range(0, len(ids), CHUNK):
            allowed |= {
                str(pk)
                for pk in queryset.filter(pk__in=ids[start : start + CHUNK]).values_list("pk", flat=True)
            }
        self.ids = [i for i in ids if i in allowed]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, page: slice) -> list:
        return self._rows(self.ids[page])

    def __iter__(self):
        for start in range(0, len(self.ids), CHUNK):
            yield from self._rows(self.ids[start : start + CHUNK])

    def _rows(self, ids: list[str]) -> list:
        position = {value: index for index, value in enumerate(ids)}
        return sorted(self.queryset.filter(pk__in=ids), key=lambda row: position[str(row.pk)])


def _term_condition(taxonomy_term_id: uuid.UUID | None, taxonomy_id: uuid.UUID | None) -> Q:
    """Services with the given taxonomy term, or with any term of the given taxonomy."""
    condition = Q()
    if taxonomy_term_id is not None:
        condition &= (
            Q(service_types=taxonomy_term_id)
            | Q(service_types__category=taxonomy_term_id)
            | Q(life_situations=taxonomy_term_id)
            | Q(deliveries__mode=taxonomy_term_id)
        )
    if taxonomy_id is not None:
        lookups = {
            "category": "service_types__category__isnull",
            "service_type": "service_types__isnull",
            "life_situation": "life_situations__isnull",
            "delivery_mode": "deliveries__mode__isnull",
        }
        vocabulary = hsds.vocabulary_with_id(taxonomy_id)
        condition &= Q(**{lookups[vocabulary]: False}) if vocabulary else Q(pk__in=[])
    return condition


def _service_ids_found(text: str) -> list[str]:
    """Service ids matching the text, best first (our Finnish-aware search)."""
    result = search_selectors.search(
        text=text,
        filters=Filters(),
        sort="relevance",
        page=1,
        page_size=10**6,
        now=timezone.now(),
        with_facets=False,
        ids_only=True,
    )
    return search_selectors.service_ids_of([hit.document_id for hit in result.hits])


def services_matching(
    *,
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime.datetime | None = None,
    search: str | None = None,
) -> QuerySet[Service] | Ranked:
    """Listed services by the API's filters; with `search`, ranked best first."""
    found = services()
    if condition := _term_condition(taxonomy_term_id, taxonomy_id):
        # Through many-to-many joins, as a subquery: no service twice, and no DISTINCT over every column.
        found = found.filter(pk__in=Service.objects.filter(condition).values("pk"))
    if organization_id:
        found = found.filter(organization_id=organization_id)
    if modified_after:
        found = found.filter(modified_at__gte=modified_after)
    if search:
        return Ranked(found, _service_ids_found(search))
    return found


def deliveries_near_postcode(
    deliveries: QuerySet[Delivery], postcode: str, proximity: float | None
) -> QuerySet[Delivery]:
    """Places serving the postcode's municipality; with `proximity` (metres), places within that
    distance of the postcode's centre: the mean of the public places we know there, else the
    centre of its municipality."""
    known = PostalCode.objects.select_related("municipality").filter(code=postcode).first()
    if known is None:
        return deliveries.none()
    if proximity is None:
        return deliveries.filter(municipalities=known.municipality).distinct()
    points = [
        (lat, lon)
        for lat, lon in Delivery.objects.filter(
            service__in=listed_services(),
            location__postal_code=postcode,
            location__confidential=False,
            location__latitude__isnull=False,
        ).values_list("location__latitude", "location__longitude")
    ]
    if points:
        centre = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    elif known.municipality.latitude is not None:
        centre = (known.municipality.latitude, known.municipality.longitude)
    else:
        return deliveries.none()
    near = [
        pk
        for pk, latitude, longitude in deliveries.filter(
            location__confidential=False, location__latitude__isnull=False
        ).values_list("pk", "location__latitude", "location__longitude")
        if distance_km(centre[0], centre[1], latitude, longitude) * 1000 <= proximity
    ]
    return deliveries.filter(pk__in=near)


def _delivery_ids_in_service_order(deliveries: QuerySet[Delivery], service_ids: list[str]) -> list[str]:
    """Ids of these deliveries, in the order of their services."""
    by_service: dict[str, list[str]] = {}
    for start in range(0, len(service_ids), CHUNK):
        for pk, service_id in deliveries.filter(
            service_id__in=service_ids[start : start + CHUNK]
        ).values_list("pk", "service_id"):
            by_service.setdefault(str(service_id), []).append(str(pk))
    return [pk for service_id in service_ids for pk in sorted(by_service.get(service_id, []))]


def deliveries_at_places_matching(
    *,
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime.datetime | None = None,
    postcode: str | None = None,
    proximity: float | None = None,
    search: str | None = None,
) -> QuerySet[Delivery] | Ranked:
    """Services at locations by the API's filters; with `search`, ranked as their services are."""
    deliveries = deliveries_at_places().filter(
        service__in=listed_services().filter(_term_condition(taxonomy_term_id, taxonomy_id))
    )
    if organization_id:
        deliveries = deliveries.filter(service__organization_id=organization_id)
    if modified_after:
        deliveries = deliveries.filter(
            Q(modified_at__gte=modified_after) | Q(service__modified_at__gte=modified_after)
        )
    if postcode:
        deliveries = deliveries_near_postcode(deliveries, postcode, proximity)
    if search:
        return Ranked(deliveries, _delivery_ids_in_service_order(deliveries, _service_ids_found(search)))
    return deliveries


def organizations_matching(
    *,
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    search: str | None = None,
) -> QuerySet[Organization] | list[Organization]:
    """Listed organisations with a listed service of the term or taxonomy, and a name with `search`."""
    found = organizations()
    if taxonomy_term_id or taxonomy_id:
        with_terms = listed_services().filter(_term_condition(taxonomy_term_id, taxonomy_id))
        found = found.filter(services__in=with_terms).distinct()
    if search:
        return list(
            found.filter(
                Q(name_fi__icontains=search) | Q(name_sv__icontains=search) | Q(name_en__icontains=search)
            )
        )
    return found


def taxonomies_matching(search: str | None = None) -> list[str]:
    """The vocabularies that are HSDS taxonomies, those with `search` in their names when given."""
    vocabularies = list(hsds.TAXONOMIES)
    if search:
        text = search.casefold()
        vocabularies = [
            v for v in vocabularies if text in v or any(text in n.casefold() for n in hsds.TAXONOMIES[v][1:])
        ]
    return vocabularies


def taxonomy_terms_matching(
    *,
    taxonomy_id: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    top_only: bool = False,
    search: str | None = None,
) -> list:
    """Terms of a taxonomy, under a parent, at the top only, or with `search` in their code or names."""
    terms = taxonomy_terms()
    if taxonomy_id:
        terms = [t for t in terms if hsds.taxonomy_id(hsds.vocabulary_of(t)) == str(taxonomy_id)]
    if parent_id:
        terms = [t for t in terms if str(getattr(t, "category_id", "")) == str(parent_id)]
    if top_only:
        terms = [t for t in terms if not hasattr(t, "category_id")]
    if search:
        # Written as the search writes words: "ёлка" is "елка", vowel marks and hamza forms as one.
        text = normalize(search)
        terms = [
            t
            for t in terms
            if text in t.code
            or any(text in normalize(getattr(t, f"name_{code}", "") or "") for code in PUBLIC_LANGUAGES)
        ]
    return terms
