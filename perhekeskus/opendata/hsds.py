"""Our catalogue as Open Referral HSDS 3.1 objects.

HSDS fields keep their HSDS meaning; what HSDS has no field for travels in an extra `perhekeskus`
object (extensions never replace an HSDS field). Texts are in one language, chosen by the caller,
with the usual fallback (fi → sv → en). Ids of objects we have no row for (taxonomies, phones,
service areas, attributes) are UUIDv5 derived from what they describe, so they stay the same.
A confidential location never shows its address or position.
"""

import datetime
import uuid

from django.utils import translation
from django.utils.text import capfirst

from perhekeskus.catalog.models import Category, DeliveryMode, LifeSituation, Service, ServiceType
from perhekeskus.core.translation import translate

HSDS_VERSION = "3.1"
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
# Namespace of our derived ids (a fixed random UUID: changing it changes every derived id).
NAMESPACE = uuid.UUID("5d0e1c1e-3f0a-4c8e-9a51-5c1b7d8e2f41")

# Our vocabularies as HSDS taxonomies: model, name and description per language.
TAXONOMIES = {
    "category": (Category, "Perhekeskuksen palvelualueet", "Service areas of the family centre model"),
    "service_type": (ServiceType, "Perhekeskuksen palvelutyypit", "Service types of the family centre"),
    "life_situation": (LifeSituation, "Elämäntilanteet", "Life situations families start from"),
    "delivery_mode": (DeliveryMode, "Palvelun toteutustavat", "Where or how a service is delivered"),
}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def taxonomy_id(vocabulary: str) -> str:
    return derived_id("taxonomy", vocabulary)


def _datetime(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _put(target: dict, **values) -> dict:
    """Set the values that are not empty: HSDS types its optional fields, and null is no string."""
    for key, value in values.items():
        if value not in (None, "", []):
            target[key] = value
    return target


def taxonomy(vocabulary: str, language: str) -> dict:
    _model, name_fi, name_en = TAXONOMIES[vocabulary]
    name = name_fi if language == "fi" else name_en
    return {
        "id": taxonomy_id(vocabulary),
        "name": name,
        "description": name,
        "version": "1",
        "perhekeskus": {"code": vocabulary},
    }


def vocabulary_with_id(taxonomy: uuid.UUID | str) -> str | None:
    """Which of our vocabularies has this HSDS taxonomy id."""
    return next((v for v in TAXONOMIES if taxonomy_id(v) == str(taxonomy)), None)


def vocabulary_of(term) -> str:
    for vocabulary, (model, _fi, _en) in TAXONOMIES.items():
        if isinstance(term, model):
            return vocabulary
    raise ValueError(f"not a taxonomy term: {term!r}")


def taxonomy_term(term, language: str, *, with_taxonomy: bool = False) -> dict:
    vocabulary = vocabulary_of(term)
    name = translate(term, "name", language)
    found = {
        "id": str(term.pk),
        "code": term.code,
        "name": name,
        "description": translate(term, "guide", language) if vocabulary == "life_situation" else name,
        "taxonomy": vocabulary,
        "taxonomy_id": taxonomy_id(vocabulary),
        "language": language,
    }
    if vocabulary == "service_type":
        found["parent_id"] = str(term.category_id)
    if with_taxonomy:
        found["taxonomy_detail"] = taxonomy(vocabulary, language)
    return found


def _attribute(link_id: str, entity: str, term, language: str) -> dict:
    return {
        "id": derived_id("attribute", link_id, term.pk),
        "link_id": link_id,
        "link_type": vocabulary_of(term),
        "link_entity": entity,
        "taxonomy_term_id": str(term.pk),
        "taxonomy_term": taxonomy_term(term, language),
    }


def phone(number: str, owner: str, owner_id: str) -> dict:
    return {"id": derived_id("phone", owner, owner_id, number), f"{owner}_id": owner_id, "number": number}


def organization(org, language: str, *, services: list | None = None) -> dict:
    found = {
        "id": str(org.pk),
        "name": translate(org, "name", language),
        # HSDS requires a description; an organisation without one is described by its kind.
        "description": translate(org, "description", language) or translate(org.kind, "name", language),
    }
    _put(
        found,
        email=org.email,
        website=org.website,
        parent_organization_id=str(org.parent_id) if org.parent_id else None,
    )
    if org.phone:
        found["phones"] = [phone(org.phone, "organization", str(org.pk))]
    if org.business_id:
        found["organization_identifiers"] = [
            {
                "id": derived_id("organization_identifier", org.pk, org.business_id),
                "organization_id": str(org.pk),
                "identifier_scheme": "FI-YTJ",
                "identifier_type": "Y-tunnus (Finnish business ID)",
                "identifier": org.business_id,
            }
        ]
    found["perhekeskus"] = _put(
        {"kind": org.kind.code},
        municipality_code=org.municipality.code if org.municipality_id else None,
        ptv_id=f"ptv:{org.ptv_id}" if org.ptv_id else None,
    )
    if services is not None:
        found["services"] = services
    return found


def location(place, language: str) -> dict:
    """A place; a confidential one only by name and municipality, never its address or position."""
    found = {"id": str(place.pk), "location_type": "physical", "organization_id": str(place.organization_id)}
    _put(found, name=translate(place, "name", language))
    if not place.confidential:
        _put(found, latitude=place.latitude, longitude=place.longitude)
        if place.street_address_fi:
            found["addresses"] = [
                {
                    "id": derived_id("address", place.pk),
                    "location_id": str(place.pk),
                    "address_1": translate(place, "street_address", language),
                    "city": place.post_office or place.municipality.name_fi,
                    "state_province": translate(place.municipality, "name", language),
                    "postal_code": place.postal_code,
                    "country": "FI",
                    "address_type": "physical",
                }
            ]
        accessibility = translate(place, "accessibility", language)
        entrance = translate(place, "entrance", language)
        if accessibility or entrance:
            found["accessibility"] = [
                _put(
                    {"id": derived_id("accessibility", place.pk), "location_id": str(place.pk)},
                    description=accessibility,
                    details=entrance,
                )
            ]
    found["perhekeskus"] = _put(
        {"municipality_code": place.municipality.code, "confidential": place.confidential},
        ptv_id=f"ptv:{place.ptv_id}" if place.ptv_id else None,
    )
    return found


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def schedules(
    schedule,
    language: str,
    *,
    service_id: str,
    location_id: str | None,
    service_at_location_id: str | None = None,
) -> list[dict]:
    """A schedule's weekly rules as HSDS schedules (one per rule: HSDS has one opening time each);
    a schedule without rules (by appointment) as one described schedule. Hours at a place name the
    service at location too: a service may be at one place in two ways (a clinic and a group)."""
    base = {"service_id": service_id}
    _put(base, location_id=location_id, service_at_location_id=service_at_location_id)
    _put(
        base,
        valid_from=schedule.valid_from.isoformat() if schedule.valid_from else None,
        valid_to=schedule.valid_to.isoformat() if schedule.valid_to else None,
        description=translate(schedule, "description", language),
        attending_type="appointment" if schedule.by_appointment else None,
    )
    extension = {
        "closed_on_public_holidays": schedule.closed_on_public_holidays,
        "exceptions": [
            _put(
                {"date": e.date.isoformat(), "closed": e.closed},
                opens_at=_time(e.opens) if e.opens else None,
                closes_at=_time(e.closes) if e.closes else None,
                reason=translate(e, "reason", language),
            )
            for e in schedule.exceptions.all()
        ],
    }
    rules = list(schedule.rules.all())
    if not rules:
        return [{"id": derived_id("schedule", schedule.pk), **base, "perhekeskus": extension}]
    return [
        {
            "id": str(rule.pk),
            **base,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": WEEKDAYS[rule.weekday],
            "opens_at": _time(rule.opens),
            "closes_at": _time(rule.closes),
            "perhekeskus": {**extension, "closes_next_day": rule.closes_next_day},
        }
        for rule in rules
    ]


def service_area(
    service_id: str, municipality, language: str, *, service_at_location_id: str | None = None
) -> dict:
    found = {
        "id": derived_id("service_area", service_id, service_at_location_id or "", municipality.code),
        "service_id": service_id,
        "name": translate(municipality, "name", language),
        "extent_type": "municipality",
        "uri": f"http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/{municipality.code}",
        "perhekeskus": {"municipality_code": municipality.code},
    }
    if service_at_location_id:
        found["service_at_location_id"] = service_at_location_id
    return found


def postal_code_area(delivery, language: str) -> dict | None:
    """The area a place serves by postal codes ("your child health clinic"), as a service area of its
    service at location: HSDS has no extent type for postal codes, so they are the text extent, and a
    list in our extension."""
    codes = sorted(code.code for code in delivery.postal_codes.all())
    if not codes:
        return None
    service_id = str(delivery.service_id)
    return {
        "id": derived_id("service_area", service_id, str(delivery.pk), "postal-codes"),
        "service_id": service_id,
        "service_at_location_id": str(delivery.pk),
        "name": translate(delivery, "area_name", language) or " ".join(codes),
        "extent_type": "text",
        "extent": " ".join(codes),
        "perhekeskus": {"postal_codes": codes},
    }


def service_at_location(delivery, language: str, *, with_service: dict | None = None) -> dict:
    service_id = str(delivery.service_id)
    found = {
        "id": str(delivery.pk),
        "service_id": service_id,
        "location_id": str(delivery.location_id),
        "location": location(delivery.location, language),
    }
    _put(
        found,
        description=translate(delivery, "note", language),
        service_areas=[
            *(
                service_area(service_id, m, language, service_at_location_id=str(delivery.pk))
                for m in delivery.municipalities.all()
            ),
            *filter(None, [postal_code_area(delivery, language)]),
        ],
        schedules=[
            row
            for s in delivery.schedules.all()
            for row in schedules(
                s,
                language,
                service_id=service_id,
                location_id=str(delivery.location_id),
                service_at_location_id=str(delivery.pk),
            )
        ],
    )
    found["attributes"] = [_attribute(str(delivery.pk), "service_at_location", delivery.mode, language)]
    if with_service is not None:
        found["service"] = with_service
    return found


def interpretation_services(svc: Service, language: str) -> str | None:
    """HSDS's free text about interpretation, in `language`: whether an interpreter is available and at
    what cost, then the service's own note. None (the field left out: HSDS types it as a string) when
    the service has not said."""
    if not svc.interpretation:
        return None
    with translation.override(language):
        said = f"{capfirst(svc.get_interpretation_display())}."
    note = translate(svc, "interpretation_note", language)
    return f"{said} {note}" if note else said


def _age_years(months: int | None) -> float | None:
    return None if months is None else round(months / 12, 2)


def service(svc: Service, language: str, *, full: bool = False) -> dict:
    """A service; `full` nests its organisation and places (service_at_locations)."""
    service_id = str(svc.pk)
    deliveries = list(svc.deliveries.all())
    found = {
        "id": service_id,
        "organization_id": str(svc.organization_id),
        "name": translate(svc, "name", language),
        "status": svc.status,
        "last_modified": _datetime(svc.modified_at),
    }
    _put(
        found,
        description=translate(svc, "description", language) or translate(svc, "summary", language),
        url=svc.website,
        email=svc.email,
        application_process=translate(svc, "how_to_get", language) or svc.get_access_method_display(),
        fees_description=None if svc.is_free else translate(svc, "fee_description", language),
        interpretation_services=interpretation_services(svc, language),
        minimum_age=_age_years(svc.age_min_months),
        maximum_age=_age_years(svc.age_max_months),
        assured_date=svc.last_reviewed_at.isoformat() if svc.last_reviewed_at else None,
    )
    if svc.phone:
        found["phones"] = [phone(svc.phone, "service", service_id)]
    # Hours of deliveries without a place (by phone, online…), each marked with its delivery.
    without_place = [d for d in deliveries if d.location_id is None]
    _put(
        found,
        schedules=[
            {
                **row,
                "perhekeskus": {**row["perhekeskus"], "delivery_mode": d.mode.code, "delivery_id": str(d.pk)},
            }
            for d in without_place
            for s in d.schedules.all()
            for row in schedules(s, language, service_id=service_id, location_id=None)
        ],
    )
    municipalities = {m.code: m for d in deliveries for m in d.municipalities.all()} or {
        m.code: m for m in svc.service_areas.all()
    }
    _put(
        found,
        service_areas=[service_area(service_id, m, language) for m in municipalities.values()],
        languages=[
            {
                "id": derived_id("language", service_id, lang.code),
                "service_id": service_id,
                "name": translate(lang, "name", language),
                "code": lang.code,
            }
            for lang in svc.languages.all()
        ],
        contacts=[
            _put(
                {"id": str(contact.pk), "service_id": service_id, "name": contact.name},
                title=translate(contact, "title", language),
                email=contact.email,
                phones=[phone(contact.phone, "contact", str(contact.pk))] if contact.phone else None,
            )
            for contact in svc.contacts.all()
        ],
        cost_options=[
            {
                "id": derived_id("cost_option", service_id),
                "service_id": service_id,
                "option": "free",
                "amount": 0,
            }
        ]
        if svc.is_free
        else None,
    )
    terms = [
        *svc.service_types.all(),
        *{t.category_id: t.category for t in svc.service_types.all()}.values(),
        *svc.life_situations.all(),
        *{d.mode_id: d.mode for d in deliveries}.values(),
    ]
    found["attributes"] = [_attribute(service_id, "service", term, language) for term in terms]
    found["perhekeskus"] = _put(
        {"access_method": svc.access_method, "is_free": svc.is_free},
        summary=translate(svc, "summary", language),
        age_min_months=svc.age_min_months,
        age_max_months=svc.age_max_months,
        eservice_url=svc.eservice_url,
        delivery_modes=sorted({d.mode.code for d in deliveries}),
        # HSDS has no object for a delivery without a place: each one, so that two of one mode (day
        # care and round-the-clock care, each with its hours) stay two.
        deliveries_without_location=[
            _put(
                {
                    "id": str(d.pk),
                    "delivery_mode": d.mode.code,
                    "municipality_codes": sorted(m.code for m in d.municipalities.all()),
                },
                note=translate(d, "note", language),
            )
            for d in without_place
        ],
        municipality_codes=sorted(municipalities),
        ptv_id=f"ptv:{svc.ptv_id}" if svc.ptv_id else None,
        # The choice behind interpretation_services: none, free or fee (left out when not stated).
        interpretation=svc.interpretation,
        interpretation_note=translate(svc, "interpretation_note", language),
    )
    if full:
        found["organization"] = organization(svc.organization, language)
        found["service_at_locations"] = [
            service_at_location(d, language) for d in deliveries if d.location_id is not None
        ]
    return found
