"""A synthetic network over the real municipality list, for benchmarks (`manage.py generate_network`).

Rows are written in bulk; each organisation, location, service, delivery and schedule still gets its
"created" change record, like every other write.
"""

import datetime
import hashlib
import random
from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from perhekeskus.catalog.models import (
    Delivery,
    DeliveryMode,
    Language,
    LifeSituation,
    Location,
    OpeningRule,
    Schedule,
    Service,
    ServiceType,
)
from perhekeskus.core import history
from perhekeskus.core.models import ChangeRecord
from perhekeskus.core.validators import business_id_check_digit, in_finland
from perhekeskus.network.models import Municipality, Network, Organization, PostalCode, ProviderKind

SOURCE = "generate_network"
BATCH = 2000

AREA_WORDS = [
    "keskusta",
    "pohjoinen",
    "etelä",
    "itä",
    "länsi",
    "kirkonkylä",
    "asema",
    "ranta",
    "mäki",
    "kylä",
]
STREETS = [
    "Koulukatu",
    "Kirkkokatu",
    "Torikatu",
    "Rantatie",
    "Asematie",
    "Puistokatu",
    "Koivukuja",
    "Myllytie",
]
ORG_FORMS = {
    "ngo": ["ry", "yhdistys ry", "perhepalvelut ry"],
    "parish": ["seurakunta", "ortodoksinen seurakunta"],
    "company": ["Oy", "Perhepalvelu Oy", "Terapia Oy"],
    "municipality": ["kunta"],
    "wellbeing-services-county": ["hyvinvointialue"],
    "state": ["valtio"],
}
# Generic sentences, as real listings have them; what a service is comes from its type's name.
SUMMARIES = [
    "{type} alueen perheille ({place}).",
    "{type}: tukea ja neuvontaa arjen tilanteisiin.",
    "{type} – {place}, ajanvarauksella tai ilman.",
    "{type} lapsille, nuorille ja heidän vanhemmilleen.",
]
DESCRIPTIONS = [
    "Palvelussa työskentelee moniammatillinen tiimi, joka tekee yhteistyötä muiden palvelujen kanssa.",
    "Voit ottaa yhteyttä itse tai työntekijän ohjaamana. Palvelu on luottamuksellista.",
    "Toiminta on avointa kaikille alueen asukkaille.",
    "Tapaamiset järjestetään toimipisteessä tai etäyhteydellä asiakkaan toiveen mukaan.",
    "Lisätietoja saat puhelimitse arkisin.",
    "Palvelua kehitetään yhdessä asiakkaiden kanssa.",
]


def _point_for(municipality: Municipality) -> tuple[float, float]:
    if municipality.latitude is not None:
        return municipality.latitude, municipality.longitude
    # A stable point inside Finland for municipalities without a centre point in the reference data.
    rng = random.Random(hashlib.sha256(municipality.code.encode()).digest())
    while True:
        lat, lon = rng.uniform(60.3, 68.5), rng.uniform(22.0, 29.5)
        if in_finland(lat, lon):
            return lat, lon


def _business_id(rng: random.Random) -> str:
    while True:
        digits = f"{rng.randrange(10**6, 10**7):07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"


def _links(pairs, key) -> dict:
    """Related codes by row id, as a history snapshot lists a many-to-many relation or child rows."""
    grouped = defaultdict(list)
    for obj, related in pairs:
        grouped[obj.pk].append(key(related))
    return {pk: sorted(values, key=str) for pk, values in grouped.items()}


def _bulk(
    model, objects: list, changed_at: datetime.datetime, relations: dict[str, dict] | None = None
) -> None:
    """Insert `objects` and their "created" change records: the snapshot of each unsaved row plus its
    relations (`relations`: name → row id → related values)."""
    content_type = ContentType.objects.get_for_model(model)
    relations = relations or {}
    records = [
        ChangeRecord(
            content_type=content_type,
            object_id=obj.pk,
            object_repr=str(obj.pk) if isinstance(obj, (Delivery, Schedule)) else str(obj)[:300],
            action=ChangeRecord.Action.CREATED,
            source=SOURCE,
            changed_at=changed_at,
            changes=history.diff(
                None,
                {**history.snapshot(obj), **{name: rows.get(obj.pk, []) for name, rows in relations.items()}},
            ),
        )
        for obj in objects
    ]
    model.objects.bulk_create(objects, batch_size=BATCH)
    ChangeRecord.objects.bulk_create(records, batch_size=BATCH)


# Not stated most often, as in real listings; an interpreter free of charge the most common answer.
INTERPRETATION = ("", "", "", "free", "free", "fee", "none")


@transaction.atomic
def generate_network(
    *, municipalities: int, services: int, deliveries: int | None = None, seed: int = 1, replace: bool = False
) -> dict[str, Any]:
    rng = random.Random(seed)
    # Interpretation from a sequence of its own, so that the rest of a seed's network stays as it was.
    interpreting = random.Random(f"interpretation:{seed}")
    now = datetime.datetime.now(tz=datetime.UTC)
    slug = f"synthetic-{seed}"
    existing = Network.objects.filter(slug=slug).first()
    if existing is not None:
        if not replace:
            raise ValueError(f"The synthetic network '{slug}' exists; use another seed or replace it.")
        _delete_network(existing)
    deliveries = deliveries if deliveries is not None else round(services * 1.6)

    areas = list(Municipality.objects.order_by("code"))
    if not 1 <= municipalities <= len(areas):
        raise ValueError(f"--municipalities must be between 1 and {len(areas)}.")
    areas = rng.sample(areas, municipalities)
    postal_codes = defaultdict(list)
    for code, municipality_id in PostalCode.objects.values_list("code", "municipality_id"):
        postal_codes[municipality_id].append(code)

    network = Network.objects.create(
        slug=slug,
        name_fi=f"Synteettinen verkosto {seed}",
        name_en=f"Synthetic network {seed}",
        description_fi="Koneellisesti tuotettu aineisto suorituskykymittauksiin.",
        is_sample_data=True,
    )
    kinds = list(ProviderKind.objects.all())
    types = list(ServiceType.objects.select_related("category"))
    situations = list(LifeSituation.objects.all())
    modes = list(DeliveryMode.objects.all())
    languages = {lang.code: lang for lang in Language.objects.all()}
    extra_languages = [languages[c] for c in ("sv", "en", "ru", "uk", "ar", "so") if c in languages]

    organizations = []
    for index in range(max(municipalities, services // 25)):
        kind = rng.choice(kinds)
        area = areas[index % len(areas)]
        form = rng.choice(ORG_FORMS.get(kind.code, ["ry"]))
        organizations.append(
            Organization(
                kind=kind,
                municipality=area,
                name_fi=f"{area.name_fi}n {rng.choice(AREA_WORDS)} {form} {index + 1}",
                business_id=_business_id(rng),
                description_fi=rng.choice(DESCRIPTIONS),
            )
        )
    _bulk(Organization, organizations, now)
    Organization.networks.through.objects.bulk_create(
        [Organization.networks.through(organization_id=o.pk, network_id=network.pk) for o in organizations],
        batch_size=BATCH,
    )
    Municipality.objects.filter(pk__in=[a.pk for a in areas], network__isnull=True).update(network=network)

    locations_by_org = defaultdict(list)
    locations = []
    for index in range(max(len(organizations), services // 8)):
        organization = organizations[index % len(organizations)]
        area = organization.municipality
        lat, lon = _point_for(area)
        lat, lon = round(lat + rng.uniform(-0.05, 0.05), 5), round(lon + rng.uniform(-0.08, 0.08), 5)
        if not in_finland(lat, lon):  # near a border the jitter may step over it
            lat, lon = _point_for(area)
        location = Location(
            organization=organization,
            municipality=area,
            name_fi=f"{area.name_fi} {rng.choice(AREA_WORDS)} toimipiste {index + 1}",
            street_address_fi=f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
            postal_code=rng.choice(postal_codes[area.pk]) if postal_codes[area.pk] else "",
            latitude=lat,
            longitude=lon,
        )
        if not location.postal_code:
            location.street_address_fi = ""
        locations.append(location)
        locations_by_org[organization.pk].append(location)
    _bulk(Location, locations, now)

    service_rows, type_links, situation_links, language_links, area_links = [], [], [], [], []
    for index in range(services):
        organization = organizations[index % len(organizations)]
        area = organization.municipality
        chosen_types = rng.sample(types, rng.choice((1, 1, 1, 2)))
        main = chosen_types[0]
        low = rng.choice((None, 0, 0, 12, 36, 84, 156))
        high = None if low is None else min(low + rng.choice((12, 48, 84, 120, 200)), 360)
        translated = rng.random() < 0.3
        service = Service(
            organization=organization,
            name_fi=f"{main.name_fi}, {area.name_fi} {rng.choice(AREA_WORDS)} {index + 1}",
            name_sv=f"{main.name_sv}, {area.name_sv}" if translated else "",
            name_en=f"{main.name_en}, {area.name_fi}" if translated else "",
            summary_fi=rng.choice(SUMMARIES).format(type=main.name_fi, place=area.name_fi),
            description_fi=" ".join(rng.sample(DESCRIPTIONS, 2)),
            age_min_months=low,
            age_max_months=high,
            for_expecting_parents=main.code in ("maternity-clinic", "antenatal-family-training"),
            for_parents=rng.random() < 0.4,
            is_free=rng.random() < 0.85,
            access_method=rng.choice(Service.AccessMethod.values),
            status=Service.Status.ACTIVE if rng.random() < 0.95 else Service.Status.TEMPORARILY_CLOSED,
            interpretation=interpreting.choice(INTERPRETATION),
        )
        if not service.is_free:
            service.fee_description_fi = "Asiakasmaksu hyvinvointialueen hinnaston mukaan."
        service_rows.append(service)
        type_links += [(service, t) for t in chosen_types]
        situation_links += [(service, s) for s in rng.sample(situations, rng.choice((0, 1, 2)))]
        language_links.append((service, languages["fi"]))
        if rng.random() < 0.25:
            language_links.append((service, rng.choice(extra_languages)))
        area_links.append((service, area))
    _bulk(
        Service,
        service_rows,
        now,
        {
            "service_types": _links(type_links, lambda t: t.code),
            "life_situations": _links(situation_links, lambda t: t.code),
            "languages": _links(language_links, lambda t: t.code),
            "service_areas": _links(area_links, lambda m: m.code),
            "contacts": {},
        },
    )
    for through, column, links in (
        (Service.service_types.through, "servicetype_id", type_links),
        (Service.life_situations.through, "lifesituation_id", situation_links),
        (Service.languages.through, "language_id", language_links),
        (Service.service_areas.through, "municipality_id", area_links),
    ):
        through.objects.bulk_create(
            [through(service_id=s.pk, **{column: o.pk}) for s, o in links], batch_size=BATCH
        )

    delivery_rows, reach_links = [], []
    for index in range(deliveries):
        service = (
            service_rows[index % len(service_rows)] if index < len(service_rows) else rng.choice(service_rows)
        )
        mode = rng.choice(modes)
        own = locations_by_org[service.organization_id]
        location = rng.choice(own) if (mode.requires_location or rng.random() < 0.3) else None
        delivery_rows.append(Delivery(service=service, mode=mode, location=location))
        reached = {location.municipality if location else service.organization.municipality}
        if rng.random() < 0.2:
            reached.add(rng.choice(areas))
        reach_links += [(delivery_rows[-1], m) for m in reached]
    _bulk(Delivery, delivery_rows, now, {"municipalities": _links(reach_links, lambda m: m.code)})
    Delivery.municipalities.through.objects.bulk_create(
        [Delivery.municipalities.through(delivery_id=d.pk, municipality_id=m.pk) for d, m in reach_links],
        batch_size=BATCH,
    )

    schedules, rules = [], []
    for delivery in delivery_rows:
        if rng.random() > 0.6:
            continue
        schedule = Schedule(delivery=delivery, by_appointment=delivery.service.access_method == "appointment")
        schedules.append(schedule)
        opens = datetime.time(rng.choice((8, 9, 10, 12, 17)), rng.choice((0, 30)))
        closes = datetime.time(min(opens.hour + rng.choice((2, 4, 7, 8)), 23), opens.minute)
        for weekday in rng.choice(((0, 1, 2, 3, 4), (1,), (2, 4), (0, 2), (5,))):
            rules.append(OpeningRule(schedule=schedule, weekday=weekday, opens=opens, closes=closes))
    _bulk(
        Schedule,
        schedules,
        now,
        {"rules": _links([(r.schedule, r) for r in rules], lambda r: r.as_history()), "exceptions": {}},
    )
    OpeningRule.objects.bulk_create(rules, batch_size=BATCH)

    # Bulk inserts send no signals: index the new services here.
    from perhekeskus.search.indexing import index_services, refresh_statistics

    index_services([service.pk for service in service_rows])
    transaction.on_commit(refresh_statistics)
    return {
        "network": network,
        "municipalities": len(areas),
        "organizations": len(organizations),
        "locations": len(locations),
        "services": len(service_rows),
        "deliveries": len(delivery_rows),
        "schedules": len(schedules),
    }


def _delete_network(network: Network) -> None:
    """Delete a synthetic network in bulk, with a "deleted" record for each tracked row."""
    organizations = Organization.objects.filter(networks=network)
    services = Service.objects.filter(organization__in=organizations)
    now = timezone.now()
    for model, rows in (
        (Schedule, Schedule.objects.filter(delivery__service__in=services)),
        (Delivery, Delivery.objects.filter(service__in=services)),
        (Service, services),
        (Location, Location.objects.filter(organization__in=organizations)),
        (Organization, organizations),
    ):
        content_type = ContentType.objects.get_for_model(model)
        ChangeRecord.objects.bulk_create(
            [
                ChangeRecord(
                    content_type=content_type,
                    object_id=pk,
                    object_repr=str(pk),
                    action=ChangeRecord.Action.DELETED,
                    source=SOURCE,
                    changed_at=now,
                )
                for pk in rows.values_list("pk", flat=True).iterator()
            ],
            batch_size=BATCH,
        )
    OpeningRule.objects.filter(schedule__delivery__service__in=services).delete()
    Schedule.objects.filter(delivery__service__in=services).delete()
    Delivery.objects.filter(service__in=services).delete()
    services.delete()
    Location.objects.filter(organization__in=organizations).delete()
    organizations.delete()
    Municipality.objects.filter(network=network).update(network=None)
    network.delete()
