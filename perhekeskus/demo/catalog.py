"""The demo network (North Karelia) loaded through the service layer, so it is validated and recorded.

Ids are derived from the demo data's keys (uuid5), so loading twice finds the same rows and, when the
data has not changed, writes nothing.
"""

import datetime
import uuid
from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import (
    Delivery,
    DeliveryMode,
    Language,
    LifeSituation,
    Location,
    Schedule,
    Service,
    ServiceType,
)
from perhekeskus.core.models import ChangeRecord, Publication
from perhekeskus.core.translation import CONTENT_LANGUAGES, languages_of
from perhekeskus.demo import network as network_data
from perhekeskus.network import services as network_services
from perhekeskus.network.models import (
    FamilyCentre,
    Municipality,
    Network,
    Organization,
    PostalCode,
    ProviderKind,
)
from perhekeskus.opendata.importers import population

SOURCE = "load_demo"
# The numbers of children come as an answer of Statistics Finland's table 11re would, through the same
# import; the numbers themselves are invented, and their source says so. Figures imported for real or
# entered by hand are kept: `make serve-prod` loads the demo on a site that may have them.
POPULATION_ANSWER = network_data.NORTH_KARELIA / "population-11re.json"
POPULATION_SOURCE = f"{population.SOURCE} (esimerkkiluvut)"
DEMO_NAMESPACE = uuid.UUID("3f0c6a53-5d0e-4a8e-9a55-1b0f4e1c2d77")


def demo_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


def _translated(prefix: str, texts: Mapping[str, str] | None, model=None) -> dict[str, str]:
    """`<prefix>_<language>` of the texts, for each language `model`'s field has (Finnish, Swedish
    and English when no model is named)."""
    texts = texts or {}
    languages = languages_of(model, prefix) if model is not None else CONTENT_LANGUAGES
    extra = sorted(set(texts) - set(languages))
    if extra:  # never dropped without a word
        raise ValueError(f"{prefix} is kept in {', '.join(languages)} only, not in {', '.join(extra)}")
    return {f"{prefix}_{code}": texts.get(code) or "" for code in languages}


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _existing(model, pk: uuid.UUID):
    return model.objects.filter(pk=pk).first() or model(id=pk)


def _sync(model, lookup: dict[str, Any], values: dict[str, Any]):
    """Get or create the row matching `lookup` and write `values` only when they differ."""
    row = model.objects.filter(**lookup).first() or model(**lookup)
    if row._state.adding or any(getattr(row, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
    return row


class _Lookup:
    """Reference rows by code, loaded once."""

    def __init__(self) -> None:
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.kinds = {k.code: k for k in ProviderKind.objects.all()}
        self.service_types = {t.code: t for t in ServiceType.objects.all()}
        self.life_situations = {s.code: s for s in LifeSituation.objects.all()}
        self.modes = {m.code: m for m in DeliveryMode.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}

    def municipality_list(self, codes) -> list[Municipality]:
        return [self.municipalities[code] for code in codes]


@transaction.atomic
def load_demo() -> dict[str, Any]:
    """Load or refresh the demo network; returns counts of rows and of changes made."""
    started = datetime.datetime.now(tz=datetime.UTC)
    data = network_data.build()
    ref = _Lookup()
    network = _load_network(data, ref)
    _load_children(list(data["family_centres"]))
    organizations = _load_organizations(data, ref, network)
    locations = _load_locations(data, ref, organizations)
    counts = Counter()
    for row in data["services"]:
        _load_service(row, ref, organizations, locations, counts)
    changes = Counter(
        ChangeRecord.objects.filter(source=SOURCE, changed_at__gte=started).values_list("action", flat=True)
    )
    return {
        "network": network,
        "organizations": len(organizations),
        "locations": len(locations),
        "services": len(data["services"]),
        "deliveries": counts["deliveries"],
        "schedules": counts["schedules"],
        "changes": dict(changes),
    }


def _load_network(data: dict, ref: _Lookup) -> Network:
    row = data["network"]
    network, _ = Network.objects.update_or_create(
        slug=row["key"],
        defaults={
            **_translated("name", row["name"]),
            **_translated("description", row["description"]),
            "is_sample_data": True,
        },
    )
    codes = list(data["family_centres"])
    Municipality.objects.filter(code__in=codes).exclude(network=network).update(network=network)
    for code, centre in data["family_centres"].items():
        _sync(
            FamilyCentre,
            {"municipality": ref.municipalities[code]},
            {
                "network": network,
                **_translated("name", centre["name"]),
                **_translated("description", centre["description"]),
                **_translated("local_emphasis", centre.get("local_emphasis")),
            },
        )
    return network


def _load_children(codes: list[str]) -> None:
    empty_or_demo = Municipality.objects.filter(code__in=codes).filter(
        Q(children__isnull=True, children_under_7__isnull=True) | Q(population_source=POPULATION_SOURCE)
    )
    only = set(empty_or_demo.values_list("code", flat=True))
    if only:
        population.run(population.read_file(POPULATION_ANSWER), source=POPULATION_SOURCE, only=only)


def _load_organizations(data: dict, ref: _Lookup, network: Network) -> dict[str, Organization]:
    organizations: dict[str, Organization] = {}
    for row in data["organizations"]:  # parents come before their children in the data
        organizations[row["key"]] = network_services.organization_save(
            actor=None,
            organization=_existing(Organization, demo_id("organization", row["key"])),
            values={
                "kind": ref.kinds[row["kind"]],
                "municipality": ref.municipalities[row["municipality"]] if row.get("municipality") else None,
                "parent": organizations[row["parent"]] if row.get("parent") else None,
                **_translated("name", row["name"]),
                **_translated("description", row.get("description")),
                "business_id": row.get("business_id") or "",
                "website": row.get("website") or "",
                "email": row.get("email") or "",
                "phone": row.get("phone") or "",
            },
            networks=[network],
            source=SOURCE,
        )
    return organizations


def _load_locations(data: dict, ref: _Lookup, organizations: dict) -> dict[str, Location]:
    locations = {}
    for row in data["locations"]:
        locations[row["key"]] = catalog_services.location_save(
            actor=None,
            location=_existing(Location, demo_id("location", row["key"])),
            values={
                "organization": organizations[row["organization"]],
                "municipality": ref.municipalities[row["municipality"]],
                **_translated("name", row["name"]),
                **_translated("street_address", row.get("street_address")),
                "postal_code": row.get("postal_code") or "",
                "post_office": row.get("post_office") or "",
                "latitude": row.get("latitude"),
                "longitude": row.get("longitude"),
                **_translated("accessibility", row.get("accessibility")),
                **_translated("entrance", row.get("entrance")),
                "confidential": bool(row.get("confidential")),
            },
            source=SOURCE,
        )
    return locations


def _load_service(row: dict, ref: _Lookup, organizations: dict, locations: dict, counts: Counter) -> None:
    service = catalog_services.service_save(
        actor=None,
        service=_existing(Service, demo_id("service", row["key"])),
        values={
            "organization": organizations[row["organization"]],
            **_translated("name", row["name"], Service),
            **_translated("summary", row.get("summary"), Service),
            **_translated("description", row.get("description")),
            "age_min_months": row.get("age_min_months"),
            "age_max_months": row.get("age_max_months"),
            "for_expecting_parents": bool(row.get("for_expecting_parents")),
            "for_parents": bool(row.get("for_parents")),
            "for_whole_family": bool(row.get("for_whole_family")),
            "for_professionals": bool(row.get("for_professionals")),
            "is_free": row.get("is_free", True),
            **_translated("fee_description", row.get("fee_description")),
            "access_method": row.get("access_method", Service.AccessMethod.APPOINTMENT),
            **_translated("how_to_get", row.get("how_to_get"), Service),
            "phone": row.get("phone") or "",
            "email": row.get("email") or "",
            "website": row.get("website") or "",
            "eservice_url": row.get("eservice_url") or "",
            # The demo data writes HSDS's "temporarily closed" with a hyphen, like its other codes.
            "status": row.get("status", "active").replace("-", " "),
            "publication": row.get("publication", Publication.PUBLISHED),
            "accepts_referrals": row.get("accepts_referrals", False),
            "accepts_contact_requests": row.get("accepts_contact_requests", False),
            "interpretation": row.get("interpretation", ""),
            **_translated("interpretation_note", row.get("interpretation_note")),
            "contact_answer_days": row.get("contact_answer_days"),
        },
        service_types=[ref.service_types[code] for code in row["service_types"]],
        life_situations=[ref.life_situations[code] for code in row.get("life_situations", [])],
        languages=[ref.languages[code] for code in row.get("languages", ["fi"])],
        service_areas=ref.municipality_list(row.get("service_areas", [])),
        contacts=[
            {
                "name": contact["name"],
                **_translated("title", contact.get("title")),
                "phone": contact.get("phone") or "",
                "email": contact.get("email") or "",
            }
            for contact in row.get("contacts", [])
        ],
        source=SOURCE,
    )
    for index, delivery_row in enumerate(row.get("deliveries", [])):
        delivery_key = f"{row['key']}/{index}"
        postal_codes = list(PostalCode.objects.filter(code__in=delivery_row.get("postal_codes", [])))
        if len(postal_codes) != len(set(delivery_row.get("postal_codes", []))):
            raise ValueError(f"{delivery_key}: an unknown postal code in {delivery_row['postal_codes']}")
        delivery = catalog_services.delivery_save(
            actor=None,
            delivery=_existing(Delivery, demo_id("delivery", delivery_key)),
            values={
                "service": service,
                "mode": ref.modes[delivery_row["mode"]],
                "location": locations[delivery_row["location"]] if delivery_row.get("location") else None,
                **_translated("note", delivery_row.get("note")),
                **_translated("area_name", delivery_row.get("area_name")),
            },
            municipalities=ref.municipality_list(delivery_row.get("municipalities", [])),
            postal_codes=postal_codes,
            source=SOURCE,
        )
        counts["deliveries"] += 1
        for schedule_index, schedule_row in enumerate(delivery_row.get("schedules", [])):
            _load_schedule(schedule_row, delivery, f"{delivery_key}/{schedule_index}")
            counts["schedules"] += 1


def _load_schedule(row: dict, delivery: Delivery, key: str) -> None:
    catalog_services.schedule_save(
        actor=None,
        schedule=_existing(Schedule, demo_id("schedule", key)),
        values={
            "delivery": delivery,
            "valid_from": _date(row.get("valid_from")),
            "valid_to": _date(row.get("valid_to")),
            "by_appointment": bool(row.get("by_appointment")),
            "closed_on_public_holidays": row.get("closed_on_public_holidays", True),
            **_translated("description", row.get("description")),
        },
        rules=[
            {
                "weekday": weekday,
                "opens": _time(rule["opens"]),
                "closes": _time(rule["closes"]),
                "closes_next_day": bool(rule.get("closes_next_day")),
            }
            for rule in row.get("rules", [])
            for weekday in rule["weekdays"]
        ],
        exceptions=[
            {
                "date": _date(exception["date"]),
                "closed": exception.get("closed", True),
                "opens": _time(exception.get("opens")),
                "closes": _time(exception.get("closes")),
                **_translated("reason", exception.get("reason")),
            }
            for exception in row.get("exceptions", [])
        ],
        source=SOURCE,
    )
