"""Reads of the catalogue for public pages: only listed services, with everything a page shows prefetched."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Count, Prefetch, Q, QuerySet

from perhekeskus.catalog.models import (
    Contact,
    Delivery,
    Language,
    LifeSituation,
    Location,
    OpeningRule,
    Schedule,
    ScheduleException,
    Service,
    ServiceType,
)
from perhekeskus.core import public_cache
from perhekeskus.core.models import Publication
from perhekeskus.core.translation import EXTENDED_LANGUAGES, PLAIN_FINNISH
from perhekeskus.core.written_queries import WrittenQuery, prefetched
from perhekeskus.network.models import Municipality, Network, Organization, PostalCode

LISTED_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)
# The one definition of what the public sees: published services of published organisations that are
# active or temporarily closed.
LISTED = Q(
    status__in=LISTED_STATUSES,
    publication=Publication.PUBLISHED,
    organization__publication=Publication.PUBLISHED,
)
# Search also leaves out services unreviewed for too long (catalog.freshness); their pages stay.
SEARCHABLE = LISTED & Q(hidden_from_search_at__isnull=True)


def listed_services() -> QuerySet[Service]:
    """Services the public may see."""
    return Service.objects.filter(LISTED)


def searchable_services() -> QuerySet[Service]:
    return Service.objects.filter(SEARCHABLE)


def listed_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(publication=Publication.PUBLISHED)


def networks_with_municipalities() -> QuerySet[Network]:
    """Networks and their municipalities with the number of listed services reaching each."""
    municipalities = Municipality.objects.select_related("family_centre").annotate(
        service_count=Count(
            "deliveries__service",
            filter=Q(deliveries__service__in=listed_services()),
            distinct=True,
        )
    )

    return Network.objects.prefetch_related(Prefetch("municipalities", queryset=municipalities))


def services_reaching_code(municipality_code: str) -> QuerySet[Service]:
    """Services (of any status, listed or not) with a delivery that reaches the municipality, as pks."""
    return Service.objects.filter(deliveries__municipalities__code=municipality_code).values("pk")


def services_reaching(municipality: Municipality) -> QuerySet[Service]:
    """Listed services with a delivery that reaches the municipality, with their types and organisation."""
    return (
        listed_services()
        .filter(deliveries__municipalities=municipality)
        .distinct()
        .select_related("organization")
        .prefetch_related(
            "service_types__category",
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.filter(municipalities=municipality).select_related("mode"),
                to_attr="deliveries_here",
            ),
        )
        .order_by("name_fi")
    )


def services_of(organization: Organization) -> QuerySet[Service]:
    return listed_services().filter(organization=organization).order_by("name_fi")


# The order in which a service's page (and its HSDS record) lists its deliveries.
PAGE_ORDER_OF_DELIVERIES = ("mode__position", "location__name_fi")


def _deliveries_with_hours() -> QuerySet[Delivery]:
    """A service's deliveries in the order its page lists them, with their mode, place and hours."""
    return (
        Delivery.objects.select_related("mode", "location__municipality")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.prefetch_related("rules", "exceptions"))
        )
        .order_by(*PAGE_ORDER_OF_DELIVERIES)
    )


def services_with_details() -> QuerySet[Service]:
    """Listed services with everything an HSDS service shows, prefetched (a service page reads its
    codes otherwise: service_for_page)."""
    return (
        listed_services()
        .select_related("organization__kind", "organization__municipality")
        .prefetch_related(
            Prefetch("service_types", queryset=ServiceType.objects.select_related("category")),
            "life_situations",
            "languages",
            "service_areas",
            "contacts",
            Prefetch("deliveries", queryset=_deliveries_with_hours().prefetch_related("municipalities")),
        )
    )


def service_for_page(pk) -> Service | None:
    """A listed service with everything its page shows: its organisation, contacts and deliveries
    (each with its mode, place and schedules, the schedules with their rules and exceptions), read as
    prefetch_related would, by queries written once (core.written_queries) and left out when there is
    nothing for them to find. Its types (with their categories), life situations, languages and areas,
    and each delivery's municipalities, are lists (`type_list`, `life_situation_list`,
    `language_list`, `area_list`; a delivery's `municipality_list`) in the order of their tables, of
    the code tables kept in the process: one query of the codes instead of five joins."""
    using = router.db_for_read(Service)
    found = _PAGE_SERVICE.rows(pk, using)
    if not found:
        return None
    [service] = found
    prefetched(service, "contacts", _PAGE_CONTACTS.rows(service.pk, using))
    deliveries = _PAGE_DELIVERIES.rows(service.pk, using)
    prefetched(service, "deliveries", deliveries)
    schedules = _PAGE_SCHEDULES.rows(service.pk, using) if deliveries else []
    _give(deliveries, "schedules", schedules, "delivery_id")
    rules = _PAGE_RULES.rows(service.pk, using) if schedules else []
    exceptions = _PAGE_EXCEPTIONS.rows(service.pk, using) if schedules else []
    _give(schedules, "rules", rules, "schedule_id")
    _give(schedules, "exceptions", exceptions, "schedule_id")
    chosen: dict[tuple[str, object], set] = defaultdict(set)
    for relation, code_id, owner_id in _codes_of(service.pk):
        chosen[relation, owner_id].add(code_id)
    tables = code_tables(*_CODE_TABLE_ROWS)
    if any(
        pk not in tables[_CODE_TABLES[relation]] for (relation, _owner), ids in chosen.items() for pk in ids
    ):
        tables = code_tables(*_CODE_TABLE_ROWS, fresh=True)  # a code newer than the kept tables

    def listed(relation: str, owner_id=None) -> list:
        return tables[_CODE_TABLES[relation]].of(chosen[relation, owner_id])

    for relation, attribute in _SERVICE_CODES.items():
        setattr(service, attribute, listed(relation))
    for delivery in deliveries:
        delivery.municipality_list = listed("delivery_municipalities", delivery.pk)
    return service


def _give(owners: list, related_name: str, rows: list, owner_key: str) -> None:
    """Give each owner its rows (in their order) as prefetch_related would."""
    of_owner = defaultdict(list)
    for row in rows:
        of_owner[getattr(row, owner_key)].append(row)
    for owner in owners:
        prefetched(owner, related_name, of_owner[owner.pk])


# A service page's queries, each of the service's key (service_for_page). The deliveries in the order
# the page lists them; the rest in their models' order.
_PAGE_SERVICE = WrittenQuery(lambda pk: listed_services().select_related("organization").filter(pk=pk))
_PAGE_CONTACTS = WrittenQuery(lambda pk: Contact.objects.filter(service_id=pk))
_PAGE_DELIVERIES = WrittenQuery(
    lambda pk: (
        Delivery.objects.select_related("mode", "location__municipality")
        .filter(service_id=pk)
        .order_by(*PAGE_ORDER_OF_DELIVERIES)
    )
)
_PAGE_SCHEDULES = WrittenQuery(lambda pk: Schedule.objects.filter(delivery__service_id=pk))
_PAGE_RULES = WrittenQuery(lambda pk: OpeningRule.objects.filter(schedule__delivery__service_id=pk))
_PAGE_EXCEPTIONS = WrittenQuery(
    lambda pk: ScheduleException.objects.filter(schedule__delivery__service_id=pk)
)


# A service's many-to-many relations to code tables, with the attribute service_for_page gives.
_SERVICE_CODES = {
    "service_types": "type_list",
    "life_situations": "life_situation_list",
    "languages": "language_list",
    "service_areas": "area_list",
}
# The code table of each relation (code_tables).
_CODE_TABLES = {
    "service_types": "service_types",
    "life_situations": "life_situations",
    "languages": "languages",
    "service_areas": "municipalities",
    "delivery_municipalities": "municipalities",
}


def _codes_of(service_id) -> list[tuple[str, object, object]]:
    """(relation, id of the code, id of the delivery or None) of each of the service's codes and of its
    deliveries' municipalities, in one query."""
    connection = connections[router.db_for_read(Service)]
    sql, relations = _codes_sql(connection)
    service_id = Service._meta.pk.get_db_prep_value(service_id, connection)
    params = [value for relation in relations for value in (relation, service_id)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # SQLite gives the ids as text. Every code table's key is a UUID, as the delivery's (core.BaseModel).
    to_id = Delivery._meta.pk.to_python
    return [(relation, to_id(code), owner and to_id(owner)) for relation, code, owner in rows]


def _codes_sql(connection) -> tuple[str, list[str]]:
    """_codes_of's SQL, and the relation of each part, written once a database kind from the models:
    what a union of querysets would ask, without compiling them again for every page (1–2 ms)."""
    if connection.vendor not in _written_codes_sql:
        _written_codes_sql[connection.vendor] = _write_codes_sql(connection.ops.quote_name)
    return _written_codes_sql[connection.vendor]


_written_codes_sql: dict[str, tuple[str, list[str]]] = {}


def _write_codes_sql(quote) -> tuple[str, list[str]]:
    delivery = Delivery._meta.get_field("municipalities")
    # The deliveries' first: PostgreSQL takes the type of a union's column from its first typed value.
    parts = [
        f"SELECT %s, m.{quote(delivery.m2m_reverse_name())}, m.{quote(delivery.m2m_column_name())}"
        f" FROM {quote(delivery.remote_field.through._meta.db_table)} m"
        f" JOIN {quote(Delivery._meta.db_table)} d ON d.{quote(Delivery._meta.pk.column)} = m.{quote(delivery.m2m_column_name())}"
        f" WHERE d.{quote(Delivery._meta.get_field('service').column)} = %s"
    ]
    for name in _SERVICE_CODES:
        field = Service._meta.get_field(name)
        parts.append(
            f"SELECT %s, {quote(field.m2m_reverse_name())}, NULL"
            f" FROM {quote(field.remote_field.through._meta.db_table)} WHERE {quote(field.m2m_column_name())} = %s"
        )
    return " UNION ALL ".join(parts), ["delivery_municipalities", *_SERVICE_CODES]


class CodeTable:
    """A code table's rows in table order, and the rows of some ids in that order."""

    def __init__(self, rows: list):
        self.rows = rows
        self._position = {row.pk: position for position, row in enumerate(rows)}

    def __contains__(self, pk) -> bool:
        return pk in self._position

    def of(self, ids) -> list:
        """The rows of these ids; an id the table lacks (a code deleted since it was read) is left out."""
        return [
            self.rows[position]
            for position in sorted(self._position[pk] for pk in ids if pk in self._position)
        ]


def code_tables(*names: str, fresh: bool = False) -> dict[str, CodeTable]:
    """These code tables (_CODE_TABLE_ROWS) in table order, each kept in the process for the public
    generation (core.public_cache.in_process: a change of the catalogue or the network moves it on).
    `fresh`: read now. No names: all of them."""
    names = names or tuple(_CODE_TABLE_ROWS)
    kept = public_cache.in_process(
        {f"code table {name}": _code_table_reader(name) for name in names}, fresh=fresh
    )
    return {name: kept[f"code table {name}"] for name in names}


def _code_table_reader(name: str):
    return lambda: CodeTable(list(_CODE_TABLE_ROWS[name]()))


# Each code table's rows, from the primary database: a lagging replica's rows must not be kept under
# the new generation.
_CODE_TABLE_ROWS = {
    "service_types": lambda: ServiceType.objects.using(DEFAULT_DB_ALIAS).select_related("category"),
    "life_situations": lambda: LifeSituation.objects.using(DEFAULT_DB_ALIAS).all(),
    "languages": lambda: Language.objects.using(DEFAULT_DB_ALIAS).all(),
    "municipalities": lambda: Municipality.objects.using(DEFAULT_DB_ALIAS).all(),
}


MEETING_PLACE_CATEGORY = "meeting-place"
FAMILY_CENTRE_MODE = "family-centre-building"


def meeting_places(limit: int, municipality: Municipality | None = None) -> list[Location]:
    """Public places where families meet: family centre buildings and places of meeting-place services,
    by municipality (or in one), each with its listed services there (`meeting_services`)."""
    deliveries = Delivery.objects.filter(service__in=listed_services(), location__confidential=False).filter(
        Q(mode__code=FAMILY_CENTRE_MODE) | Q(service__service_types__category__code=MEETING_PLACE_CATEGORY)
    )
    if municipality is not None:
        deliveries = deliveries.filter(location__municipality=municipality)
    places = list(
        Location.objects.filter(pk__in=deliveries.values("location"))
        .select_related("municipality")
        .order_by("municipality__name_fi", "name_fi")[:limit]
    )
    meeting_deliveries = deliveries.filter(location__in=places)
    services = (
        listed_services()
        .filter(pk__in=meeting_deliveries.values("service"))
        .order_by("name_fi")
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.filter(pk__in=meeting_deliveries.values("pk")).only(
                    "id", "service_id", "location_id"
                ),
            )
        )
    )
    by_place: dict = {place.pk: [] for place in places}
    for service in services:
        for delivery in service.deliveries.all():
            if delivery.location_id in by_place and service not in by_place[delivery.location_id]:
                by_place[delivery.location_id].append(service)
    for place in places:
        place.meeting_services = by_place[place.pk]
    return places


def services_for_list(ids: list[str]) -> list[Service]:
    """Listed services with these ids, in the given order (ids of services no longer listed are left out)."""
    found = {
        str(service.pk): service
        for service in listed_services()
        .filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.select_related("mode", "location").prefetch_related(
                    "municipalities"
                ),
            )
        )
    }
    return [found[i] for i in ids if i in found]


def services_to_contact(ids: list[str], with_hours: bool) -> dict[str, Service]:
    """Listed services with these ids, by id: their ways of contact and, `with_hours`, their deliveries
    (with their mode) and schedules (rules and exceptions prefetched) for when they open next (four
    queries more)."""
    services = listed_services().filter(pk__in=ids)
    if with_hours:
        services = services.prefetch_related(
            Prefetch("deliveries", queryset=Delivery.objects.select_related("mode")),
            Prefetch(
                "deliveries__schedules", queryset=Schedule.objects.prefetch_related("rules", "exceptions")
            ),
        )
    return {str(service.pk): service for service in services}


# The services a family has one of, by where it lives ("which neuvola is mine?"), in the order a
# family meets them.
OWN_SERVICE_TYPES = ("maternity-clinic", "child-health-clinic", "school-health-care", "family-counselling")


@dataclass(frozen=True)
class OwnService:
    """The places of one kind of service for a postal code: those whose area includes it (`by_area`),
    else the places of that kind in its municipality."""

    service_type: ServiceType
    deliveries: list[Delivery]
    by_area: bool


def own_services(postal_code: PostalCode) -> list[OwnService]:
    """Per kind of OWN_SERVICE_TYPES: the listed services' places serving the postal code's area, or,
    where no place names an area including it, the places reaching its municipality (those of a
    place before those at home or online). Kinds nobody offers there are left out."""
    found = []
    places = (
        Delivery.objects.filter(service__in=listed_services())
        .select_related("service__organization", "location", "mode")
        .order_by("service__name_fi", "location__name_fi")
    )
    for service_type in ServiceType.objects.filter(code__in=OWN_SERVICE_TYPES):
        of_kind = places.filter(service__service_types=service_type)
        in_area = list(of_kind.filter(postal_codes=postal_code).distinct())
        if in_area:
            found.append(OwnService(service_type, in_area, by_area=True))
            continue
        in_municipality = list(of_kind.filter(municipalities=postal_code.municipality_id).distinct())
        at_a_place = [d for d in in_municipality if d.location_id is not None]
        if in_municipality:
            found.append(OwnService(service_type, at_a_place or in_municipality, by_area=False))
    return sorted(found, key=lambda own: OWN_SERVICE_TYPES.index(own.service_type.code))


# --- What changed in a service, as a family following it cares -------------------------------------

# Fields of a service only its keepers see: a change to them is no news to a family.
INTERNAL_SERVICE_FIELDS = {
    "organization", "last_reviewed_at", "last_reviewed_by", "review_interval_months", "review_reminded_for",
    "hidden_from_search_at", "owner", "ptv_id", "accepts_referrals", "contact_answer_days", "publication",
    "asks_if_correct",
}  # fmt: skip
CONTACT_FIELDS = {"phone", "email", "website", "eservice_url", "how_to_get", "access_method"}


def _service_parts(fields) -> set[str]:
    suffixes = tuple(f"_{code}" for code in (*EXTENDED_LANGUAGES, PLAIN_FINNISH))
    names = {field.rsplit("_", 1)[0] if field.endswith(suffixes) else field for field in fields}
    # Taken off the site or put back: news only of a service the public no longer sees.
    parts = {"publication"} if "publication" in names else set()
    names -= INTERNAL_SERVICE_FIELDS
    if "status" in names:
        parts.add("status")
    if names & CONTACT_FIELDS:
        parts.add("contact")
    if names - CONTACT_FIELDS - {"status"}:
        parts.add("details")
    return parts


def changes_of_services(service_ids, after, before) -> dict:
    """What changed in each of these services between the two moments, by part: "status" (closed,
    ended), "contact" (phone, e-mail, web, how to get it), "details" (its other texts and facts),
    "places" (where and how it is offered, the places' addresses), "hours" (opening hours) and
    "publication" (published, taken off the site). Read from the change history, so a place or hours
    deleted count too."""
    from django.contrib.contenttypes.models import ContentType

    from perhekeskus.core.models import ChangeRecord

    ids = {str(pk) for pk in service_ids}
    types = ContentType.objects.get_for_models(Service, Delivery, Schedule, Location)
    delivery_service = {
        str(pk): str(service)
        for pk, service in Delivery.objects.filter(service_id__in=ids).values_list("pk", "service_id")
    }
    schedule_delivery = {
        str(pk): str(delivery)
        for pk, delivery in Schedule.objects.filter(delivery__service_id__in=ids).values_list(
            "pk", "delivery_id"
        )
    }
    location_services: dict[str, set[str]] = {}
    for location, service in Delivery.objects.filter(service_id__in=ids, location__isnull=False).values_list(
        "location_id", "service_id"
    ):
        location_services.setdefault(str(location), set()).add(str(service))
    found: dict[str, set[str]] = {}

    def was(record, field: str) -> str:
        """The row's value of `field` as recorded (a deleted row is no longer in its table)."""
        value = record.changes.get(field)
        return str(value.get("old") or value.get("new") or "") if isinstance(value, dict) else ""

    # The rows of these services as they are now, and any deleted row (a deleted place or hours are
    # known only by what their record says they belonged to).
    known = ids | set(delivery_service) | set(schedule_delivery) | set(location_services)
    records = ChangeRecord.objects.filter(
        Q(object_id__in=known) | Q(action=ChangeRecord.Action.DELETED),
        changed_at__gt=after,
        changed_at__lte=before,
        content_type__in=types.values(),
    ).only("content_type_id", "object_id", "changes")
    for record in records:
        pk = str(record.object_id)
        if record.content_type_id == types[Service].pk:
            if pk in ids:
                found.setdefault(pk, set()).update(_service_parts(record.changes))
        elif record.content_type_id == types[Delivery].pk:
            service = delivery_service.get(pk) or was(record, "service")
            if service in ids:
                found.setdefault(service, set()).add("places")
        elif record.content_type_id == types[Schedule].pk:
            delivery = schedule_delivery.get(pk) or was(record, "delivery")
            service = delivery_service.get(delivery)
            if service in ids:
                found.setdefault(service, set()).add("hours")
        else:
            for service in location_services.get(pk, ()):
                found.setdefault(service, set()).add("places")
    return {service: parts for service, parts in found.items() if parts}


def services_published_between(after, before) -> QuerySet[Service]:
    """Services that became public between the two moments: published themselves, or with their
    organisation (read from the change history)."""
    from django.contrib.contenttypes.models import ContentType

    from perhekeskus.core.models import ChangeRecord

    published = ChangeRecord.objects.filter(
        changed_at__gt=after, changed_at__lte=before, changes__publication__new=Publication.PUBLISHED
    )
    types = ContentType.objects.get_for_models(Service, Organization)
    return Service.objects.filter(
        Q(pk__in=published.filter(content_type=types[Service]).values("object_id"))
        | Q(organization__in=published.filter(content_type=types[Organization]).values("object_id"))
    )
