"""PTV's answers (ptv_client.py) as our records: a municipality's listing from the Finnish Service
Catalogue (PTV), Open API v11.

PTV holds all of a municipality's services (waste management, libraries, …); we take the family
services: those whose KOKO concepts or PTV service classes map to our service types (service-types.csv),
with the service channels that serve them and the organisations behind them.

- A service location channel becomes a location (ETRS-TM35FIN coordinates converted to WGS84) and a
  delivery at it, with its hours; a phone channel becomes a phone delivery, an e-service channel an
  online delivery; a web page channel gives the service its website.
- Records keep their PTV ids (`ptv_id`; shown as `ptv:<uuid>` in the HSDS API), so a second run finds
  them and reports them unchanged, and an organisation someone linked to PTV by hand is updated, not
  duplicated.
- The safety every import shares (base.py): all or nothing, a dry run, a report with the reason for
  every rejection, and a brake on deleting what this source sent before.
"""

import csv
import datetime
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from pyproj import Transformer

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, DeliveryMode, Location, Service, ServiceType
from perhekeskus.core.history import ChangeRecord
from perhekeskus.core.translation import languages_of
from perhekeskus.core.validators import normalize_phone, web_address_validator
from perhekeskus.network.models import Municipality, Organization, PostalCode, ProviderKind
from perhekeskus.network.services import organization_save
from perhekeskus.opendata import hsds
from perhekeskus.opendata.importers.base import (
    Rejected,
    Report,
    Writer,
    check_brake,
    ids_created,
    iso_date,
    uuid_text,
)
from perhekeskus.opendata.importers.ptv_client import Bundle, Links, dict_or_empty, dicts_in
from perhekeskus.search.analysis import text_terms

LANGUAGES = ("fi", "sv", "en")
# All the languages PTV has texts in: with Northern, Inari and Skolt Sámi, which a service's name,
# summary and "how to get it" keep (core.translation.EXTENDED_LANGUAGES).
PTV_LANGUAGES = (*LANGUAGES, "se", "smn", "sms")
SERVICE_CLASSES = Path(settings.BASE_DIR) / "perhekeskus" / "reference_data" / "ptv-service-classes.csv"
# PTV organisation types (code list OrganizationTypeEnum) → our provider kinds.
KINDS = {
    "SotePublic": "wellbeing-services-county",
    "Region": "wellbeing-services-county",
    "Municipality": "municipality",
    "RegionalOrganization": "municipality",
    "State": "state",
    "Company": "company",
    "SotePrivate": "company",
    "Organization": "ngo",
}
FREE_CHARGE_TYPES = (None, "", "Free", "FreeOfCharge")
# PTV's own words for a charged service, when it says nothing more of the fee.
CHARGED = {"fi": "Maksullinen", "sv": "Avgiftsbelagd", "en": "Chargeable"}
# API v11 writes the hour types DaysOfTheWeek / Exceptional / OverMidnight; code lists Standard / Exception.
EXCEPTION_HOUR_TYPES = ("Exceptional", "Exception")
# v11 writes Nationwide / NationwideExceptAlandIslands; older answers WholeCountry.
NATIONWIDE = ("Nationwide", "NationwideExceptAlandIslands", "WholeCountry")
SOURCE_PREFIX = "import:ptv:"
CHANNEL_TYPES = ("ServiceLocation", "Phone", "EChannel", "WebPage", "PrintableForm")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Words every other type name shares: a match on them alone says nothing.
GENERIC_TERMS = frozenset(
    {"palvelu", "lapsi", "perhe", "lapsiperhe", "nuori", "tuki", "toiminta", "keskus", "service", "family"}
)
_etrs_to_wgs84 = Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


def _texts(values, kind: str | None = None, languages=LANGUAGES) -> dict[str, str]:
    """PTV's localised texts ([{language, value, type}]) of one type, in `languages` (Finnish, Swedish
    and English; PTV_LANGUAGES for the texts kept in Sámi too)."""
    found = {}
    for entry in values if isinstance(values, list) else []:
        if not isinstance(entry, dict) or entry.get("language") not in languages:
            continue
        if kind is not None and entry.get("type") != kind:
            continue
        value = entry.get("value")
        if isinstance(value, str) and value.strip() and entry["language"] not in found:
            found[entry["language"]] = value.strip()
    return found


def _localised(prefix: str, texts: dict[str, str], limit: int | None = None, model=None) -> dict[str, str]:
    """The `<prefix>_<language>` values of PTV's languages that the field has (Finnish, Swedish and
    English; the Sámi languages where `model` has columns for them). A language PTV does not have
    (an organisation's Russian) is left as it is."""
    languages = (
        [code for code in languages_of(model, prefix) if code in PTV_LANGUAGES] if model else LANGUAGES
    )
    return {
        f"{prefix}_{lang}": (texts.get(lang, "")[:limit] if limit else texts.get(lang, ""))
        for lang in languages
    }


@lru_cache(maxsize=1)
def service_class_codes() -> dict[str, str]:
    """PTV service class names (fi, sv, en; folded) → codes, for answers that name a class without code."""
    with SERVICE_CLASSES.open(encoding="utf-8") as handle:
        return {
            row[f"name_{lang}"].casefold(): row["code"]
            for row in csv.DictReader(handle)
            for lang in LANGUAGES
            if row[f"name_{lang}"]
        }


def _class_code(entry: dict) -> str | None:
    for value in (entry.get("code"), entry.get("uri")):
        match = re.search(r"\bP\d+(?:\.\d+)*$", str(value or ""))
        if match:
            return match.group(0)
    for name in _texts(entry.get("name")).values():
        code = service_class_codes().get(name.casefold())
        if code:
            return code
    return None


def _koko_concept(entry: dict) -> str | None:
    for value in (entry.get("code"), entry.get("uri")):
        match = re.search(r"\bp\d+$", str(value or ""))
        if match:
            return match.group(0)
    return None


class TypeMatcher:
    """Our service types for a PTV service: by KOKO concept first (the most specific), then by service
    class; when several types share the evidence, those whose names share words with the service's."""

    def __init__(self) -> None:
        self.by_koko: dict[str, list[ServiceType]] = defaultdict(list)
        self.by_class: dict[str, list[ServiceType]] = defaultdict(list)
        for service_type in ServiceType.objects.order_by("position", "code"):
            if service_type.koko_concept:
                self.by_koko[service_type.koko_concept].append(service_type)
            if service_type.ptv_service_class:
                self.by_class[service_type.ptv_service_class].append(service_type)

    def types_or_reason(self, service: dict) -> tuple[list[ServiceType], str]:
        classes = [c for c in (_class_code(e) for e in dicts_in(service.get("serviceClasses"))) if c]
        concepts = [c for c in (_koko_concept(e) for e in dicts_in(service.get("ontologyTerms"))) if c]
        by_koko = _unique(t for c in concepts for t in self.by_koko.get(c, []))
        by_class = _unique(t for c in classes for t in self.by_class.get(c, []))
        candidates = ([t for t in by_koko if t in by_class] or by_koko) if by_koko else by_class
        if not candidates:
            shown = ", ".join(classes + concepts) or "none"
            return [], f"not a family centre service (service classes and KOKO concepts: {shown})"
        if len(candidates) == 1:
            return candidates, ""
        names = set()
        for name in _texts(service.get("serviceNames"), "Name").values():
            names.update(text_terms(name, "fi"))
        names -= GENERIC_TERMS
        scores = {t: len(names & _type_terms(t)) for t in candidates}
        best = max(scores.values())
        if best > 0:
            return [t for t in candidates if scores[t] == best], ""
        if by_koko:
            return candidates, ""
        return [], (
            f"service class {', '.join(classes)} fits several service types "
            f"({', '.join(t.code for t in candidates)}) and the name matches none of them"
        )


def _type_terms(service_type: ServiceType) -> set[str]:
    terms = set()
    for lang in LANGUAGES:
        terms.update(text_terms(getattr(service_type, f"name_{lang}"), "fi"))
    return terms - GENERIC_TERMS


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def etrs_to_wgs84(northing, easting) -> tuple[float, float]:
    """PTV's `latitude`/`longitude` are ETRS-TM35FIN northing/easting in metres (as text)."""
    try:
        north, east = float(northing), float(easting)
    except (TypeError, ValueError) as error:
        raise Rejected(f"coordinates {northing!r}, {easting!r} are not numbers") from error
    longitude, latitude = _etrs_to_wgs84.transform(east, north)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise Rejected(f"coordinates {northing!r}, {easting!r} are not ETRS-TM35FIN")
    return round(latitude, 6), round(longitude, 6)


def _phone(entry: dict) -> str:
    number = str(entry.get("number") or "").strip()
    prefix = str(entry.get("prefixNumber") or "").strip()
    if not number:
        return ""
    if prefix and not entry.get("isFinnishServiceNumber"):
        number = prefix + number.lstrip("0")
    try:
        return normalize_phone(number)
    except ValidationError:
        return ""


def _first_phone(entries) -> str:
    return next((p for p in (_phone(e) for e in dicts_in(entries)) if p), "")


def _first_email(entries) -> str:
    return next((e["value"].strip() for e in dicts_in(entries) if isinstance(e.get("value"), str)), "")


def _first_url(entries) -> str:
    return next(
        (e["url"].strip() for e in dicts_in(entries) if isinstance(e.get("url"), str) and e["url"]), ""
    )


# --- writing -------------------------------------------------------------------------------------


def source_label(municipality: Municipality) -> str:
    return f"{SOURCE_PREFIX}{municipality.code}"


def run(bundle: Bundle, *, municipality: Municipality, dry_run: bool = False, force: bool = False) -> Report:
    """Write `bundle` for `municipality`; raises BrakeError (nothing changed)."""
    return _Writer(bundle, municipality).run(dry_run=dry_run, force=force)


class _Writer(Writer):
    def __init__(self, bundle: Bundle, municipality: Municipality) -> None:
        super().__init__(source_label(municipality))
        self.report.rejected.extend(bundle.unreadable)
        self.bundle, self.municipality = bundle, municipality
        self.links = Links(bundle)
        self.matcher = TypeMatcher()
        self.network = list(Municipality.objects.filter(family_centre__isnull=False))
        self.modes = {m.code: m for m in DeliveryMode.objects.all()}
        self.kinds = {k.code: k for k in ProviderKind.objects.all()}
        self.organizations: dict[str, Organization | None] = {}
        self.locations: dict[str, Location | None] = {}

    def write_all(self) -> None:
        for service_id, item in self.bundle.services.items():
            what = f"service {service_id} ({_name(item)})"
            if item.get("publishingStatus") not in (None, "Published"):
                self.report.skipped.append((what, f"not published ({item.get('publishingStatus')})"))
                continue
            types, reason = self.matcher.types_or_reason(item)
            if not types:
                self.report.skipped.append((what, reason))
                continue
            instance = Service.objects.filter(ptv_id=service_id).first()
            organization_id = self._organization_id(service_id, item)
            organization = self.organization(organization_id) if organization_id else None
            if organization is None:
                self.report.rejected.append((what, self._missing_organization(organization_id)))
                saved = None
            else:
                saved = self.attempt(what, self.service, item, organization, types, instance)
            if saved is not None:
                self.sent[Service].add(str(saved.pk))
                self.deliveries(saved, item)
            elif instance is not None:
                self._keep(instance)

    def delete_missing(self, force: bool) -> None:
        """What this municipality's listing held before and no longer does. A service that left the
        listing but still serves other municipalities only loses this one from its areas (their runs
        keep it); one that served only here becomes inactive, and its deliveries go. A delivery goes
        when its service no longer names the channel; a place goes when its last delivery went."""
        listed = list(
            Service.objects.filter(
                pk__in=ids_created(Service, source__startswith=SOURCE_PREFIX), service_areas=self.municipality
            )
            .exclude(status=Service.Status.INACTIVE)
            .prefetch_related("service_areas")
        )
        missing = [s for s in listed if str(s.pk) not in self.sent[Service]]
        check_brake("service", len(missing), len(listed), force)
        gone = {str(s.pk) for s in missing if set(s.service_areas.all()) <= {self.municipality}}
        in_scope = Delivery.objects.filter(
            pk__in=ids_created(Delivery, source__startswith=SOURCE_PREFIX),
            service__in=[*self.sent[Service], *(str(s.pk) for s in listed)],
        ).select_related("location")
        dropped = [
            d
            for d in in_scope
            if str(d.service_id) in gone
            or (str(d.service_id) in self.sent[Service] and str(d.pk) not in self.sent[Delivery])
        ]
        check_brake("delivery", len(dropped), len(in_scope), force)
        for service in missing:
            if str(service.pk) in gone:
                self.drop_service(service)
            else:
                others = [m for m in service.service_areas.all() if m != self.municipality]
                catalog_services.service_save(
                    actor=None, service=service, values={}, service_areas=others, source=self.label
                )
                self.report.updated.append(f"service {service.pk}")
        places = ids_created(Location, source__startswith=SOURCE_PREFIX) - self.sent[Location]
        for delivery in dropped:
            place = delivery.location
            self.delete_listing("delivery", delivery)
            if place is not None and str(place.pk) in places and not place.deliveries.exists():
                self.delete_listing("location", place)
                places.discard(str(place.pk))

    def _keep(self, service: Service) -> None:
        """A service whose update was rejected stays as it was, with its deliveries and their places."""
        self.sent[Service].add(str(service.pk))
        for delivery in service.deliveries.all():
            self.sent[Delivery].add(str(delivery.pk))
            if delivery.location_id:
                self.sent[Location].add(str(delivery.location_id))

    def _organization_id(self, service_id: str, item: dict) -> str | None:
        """The responsible organisation; when PTV names none, the organisation of the service's channels."""
        for organization_id in self.links.organizations_of(item):
            return organization_id
        for channel_id in self.links.channels_of(service_id):
            organization_id = uuid_text((self.bundle.channels.get(channel_id) or {}).get("organizationId"))
            if organization_id:
                return organization_id
        return None

    def _missing_organization(self, organization_id: str | None) -> str:
        if organization_id is None:
            return "no organization: PTV names none for the service or its channels"
        if organization_id in self.bundle.organizations:
            return f"its organization {organization_id} was rejected"
        return f"its organization {organization_id} is neither in the PTV data nor known here"

    # Organisations and locations are written once per run, each in its own savepoint (never inside a
    # service's or delivery's, whose rollback would leave them remembered but unsaved).

    def organization(self, organization_id: str) -> Organization | None:
        if organization_id not in self.organizations:
            self.organizations[organization_id] = None  # while writing: a loop of parents ends here
            item = self.bundle.organizations.get(organization_id)
            existing = Organization.objects.filter(ptv_id=organization_id).first()
            parent = uuid_text(item.get("parentOrganizationId")) if item else None
            if parent and parent not in self.organizations:
                self.organization(parent)  # written first, so the child can point to it
            if item is None:
                self.organizations[organization_id] = existing
            else:
                self.organizations[organization_id] = self.attempt(
                    f"organization {organization_id} ({_name(item)})",
                    lambda: self._save(
                        "organization",
                        existing,
                        Organization,
                        organization_id,
                        lambda instance: organization_save(
                            actor=None,
                            values=self._organization_values(item),
                            organization=instance,
                            source=self.label,
                        ),
                    ),
                )
        return self.organizations[organization_id]

    def _organization_values(self, item: dict) -> dict:
        names = _texts(item.get("organizationNames"), "Name")
        descriptions = item.get("organizationDescriptions")
        kind_code = KINDS.get(item.get("organizationType"), "ngo")
        if kind_code == "ngo" and "seurakunta" in names.get("fi", "").casefold():
            kind_code = "parish"
        municipality = dict_or_empty(item.get("municipality")).get("code")
        what = f"organization {item['id']}"
        values = {
            **_localised("name", _with_finnish(names)),
            **_localised(
                "description", _texts(descriptions, "Description") or _texts(descriptions, "Summary")
            ),
            "kind": self.kinds[kind_code],
            "email": self._email(_first_email(item.get("emails")), what),
            "phone": _first_phone(item.get("phoneNumbers")),
            "website": self._web_address(_first_url(item.get("webPages")), what),
            "municipality": self._municipality(municipality),
            "ptv_id": item["id"],
        }
        parent = uuid_text(item.get("parentOrganizationId"))
        known = Organization.objects.filter(ptv_id=parent).first() if parent else None
        if known is not None or not parent:
            values["parent"] = known
        # else: a parent PTV names but we do not have: the parent set here stays
        if isinstance(item.get("businessCode"), str) and item["businessCode"].strip():
            values["business_id"] = item["businessCode"].strip()
        return values

    def service(
        self, item: dict, organization: Organization, types: list[ServiceType], instance: Service | None
    ) -> Service:
        service_id = item["id"]
        channels = [
            self.bundle.channels[i] for i in self.links.channels_of(service_id) if i in self.bundle.channels
        ]

        def of_channels(kind: str | None, read) -> str:
            found = (read(c) for c in channels if kind is None or c.get("serviceChannelType") == kind)
            return next((value for value in found if value), "")

        descriptions = item.get("serviceDescriptions")
        values = {
            "organization": organization,
            **_localised(
                "name", _with_finnish(_texts(item.get("serviceNames"), "Name", PTV_LANGUAGES)), model=Service
            ),
            **_localised("summary", _texts(descriptions, "Summary", PTV_LANGUAGES), limit=500, model=Service),
            **_localised("description", _texts(descriptions, "Description")),
            **_localised("how_to_get", _texts(descriptions, "UserInstruction", PTV_LANGUAGES), model=Service),
            **_localised("fee_description", _fee(item)),
            "is_free": item.get("serviceChargeType") in FREE_CHARGE_TYPES,
            "status": Service.Status.ACTIVE,
            "website": self._web_address(
                of_channels("WebPage", lambda c: _first_url(c.get("webPages"))), f"service {service_id}"
            ),
            "eservice_url": self._web_address(
                of_channels("EChannel", lambda c: _first_url(c.get("webPages"))), f"service {service_id}"
            ),
            "phone": of_channels("Phone", lambda c: _first_phone(c.get("phoneNumbers")))
            or of_channels(None, lambda c: _first_phone(c.get("phoneNumbers"))),
            "email": self._email(
                of_channels(None, lambda c: _first_email(c.get("emails") or c.get("supportEmails"))),
                f"service {service_id}",
            ),
            "ptv_id": service_id,
        }
        return self._save(
            "service",
            instance,
            Service,
            service_id,
            lambda saved: catalog_services.service_save(
                actor=None,
                values=values,
                service=saved,
                service_types=types,
                languages=[self.languages[c] for c in item.get("languages") or [] if c in self.languages],
                # No areas in PTV: the municipalities whose listings hold it.
                service_areas=self._areas(item)
                or _unique([*(saved.service_areas.all() if saved.pk else []), self.municipality]),
                source=self.label,
            ),
        )

    def _web_address(self, value: str, what: str) -> str:
        """An http(s) address; a bare host name is completed with https://, anything else left out
        (and said), rather than rejecting the whole record for it."""
        if not value:
            return ""
        if "://" not in value:
            value = f"https://{value}"
        try:
            web_address_validator(value)
        except ValidationError:
            self.report.notes.append((what, f"left out the web address {value!r}: not an http(s) address"))
            return ""
        return value

    def _email(self, value: str, what: str) -> str:
        if not value:
            return ""
        try:
            validate_email(value)
        except ValidationError:
            self.report.notes.append((what, f"left out the e-mail address {value!r}: not an e-mail address"))
            return ""
        return value

    def _municipality(self, code) -> Municipality | None:
        return self.municipalities.get(str(code).strip().zfill(3)) if code else None

    def _areas(self, item: dict) -> list[Municipality]:
        """Municipalities of an item's areas (a region lists its municipalities); the whole country is our
        network's municipalities."""
        if item.get("areaType") in NATIONWIDE:
            return self.network
        found = []
        for area in dicts_in(item.get("areas")):
            for place in dicts_in(area.get("municipalities")):
                municipality = self._municipality(place.get("code"))
                if municipality and municipality not in found:
                    found.append(municipality)
        return found

    def deliveries(self, service: Service, item: dict) -> None:
        for channel_id, link in self.links.channels_of(item["id"]).items():
            channel = self.bundle.channels.get(channel_id)
            what = f"service channel {channel_id} of service {item['id']}"
            kind = (channel or {}).get("serviceChannelType")
            delivery_id = hsds.derived_id("ptv-delivery", service.pk, channel_id)
            self.sent[Delivery].add(delivery_id)  # one that is rejected now stays as it was
            if channel is None:
                reason = "the channel is not in the PTV data"
            elif kind not in CHANNEL_TYPES:
                reason = f"unknown service channel type {kind!r}"
            else:
                reason = ""
            if reason:
                self.report.rejected.append((what, reason))
                continue
            if kind in ("WebPage", "PrintableForm"):
                continue  # the web page is the service's website; forms are not a delivery
            place = None
            if kind == "ServiceLocation":
                place = self.location(channel)
                if place is None:
                    self.report.rejected.append((what, f"its location {channel_id} was rejected"))
                    continue
            self.attempt(what, self.delivery, delivery_id, service, channel, link, place)

    def location(self, channel: dict) -> Location | None:
        channel_id = channel["id"]
        if channel_id not in self.locations:
            existing = Location.objects.filter(ptv_id=channel_id).first()
            if existing is not None:
                self.sent[Location].add(str(existing.pk))
            what = f"location {channel_id} ({_name(channel)})"
            organization_id = uuid_text(channel.get("organizationId"))
            organization = self.organization(organization_id) if organization_id else None
            if organization is None:
                self.report.rejected.append((what, self._missing_organization(organization_id)))
                saved = None
            else:
                saved = self.attempt(
                    what,
                    lambda: self._save(
                        "location",
                        existing,
                        Location,
                        channel_id,
                        lambda instance: catalog_services.location_save(
                            actor=None,
                            values={"organization": organization, **self._location_values(channel)},
                            location=instance,
                            source=self.label,
                        ),
                    ),
                )
            if saved is not None:
                self.sent[Location].add(str(saved.pk))
            self.locations[channel_id] = saved
        return self.locations[channel_id]

    def _location_values(self, channel: dict) -> dict:
        addresses = dicts_in(channel.get("addresses"))
        visiting = next(
            (a for a in addresses if a.get("type") in ("Location", "Visiting") and a.get("streetAddress")),
            None,
        )
        if visiting is None:
            raise Rejected("no street address: a service location needs one")
        street = visiting["streetAddress"]
        postal = (
            PostalCode.objects.select_related("municipality")
            .filter(code=str(street.get("postalCode")))
            .first()
        )
        code = str((street.get("municipality") or {}).get("code") or "")
        municipality = self._municipality(code) or (postal.municipality if postal else None)
        if municipality is None:
            raise Rejected(
                f"municipality {code or '(none)'} and postal code {street.get('postalCode')!r} are not Finnish ones we know"
            )
        number = str(street.get("streetNumber") or "").strip()
        streets = _texts(street.get("street"))
        values = {
            "municipality": municipality,
            **_localised("name", _with_finnish(_texts(channel.get("serviceChannelNames"), "Name"))),
            **{
                f"street_address_{lang}": f"{streets[lang]} {number}".strip() if lang in streets else ""
                for lang in LANGUAGES
            },
            "postal_code": postal.code if postal else str(street.get("postalCode") or ""),
            "post_office": postal.name_fi if postal else "",
            "latitude": None,
            "longitude": None,
            **_localised("accessibility", _accessibility(visiting)),
            "ptv_id": channel["id"],
        }
        if street.get("latitude") and street.get("longitude") and street.get("coordinateState", "Ok") == "Ok":
            values["latitude"], values["longitude"] = etrs_to_wgs84(street["latitude"], street["longitude"])
        return values

    def delivery(
        self, delivery_id: str, service: Service, channel: dict, link: dict, place: Location | None
    ) -> Delivery:
        kind = channel["serviceChannelType"]
        if place is not None:
            mode = self.modes["provider-site"]
            reached = _unique([place.municipality, *self._areas(channel)])
        else:
            mode = self.modes["phone" if kind == "Phone" else "online"]
            reached = self._areas(channel) or list(service.service_areas.all())
        values = {
            "service": service,
            "location": place,
            "mode": mode,
            **_localised("note", _texts(link.get("description"))),
        }
        existing = Delivery.objects.filter(pk=delivery_id).first()

        def save(instance):
            delivery = catalog_services.delivery_save(
                actor=None, values=values, delivery=instance, municipalities=reached, source=self.label
            )
            # Hours given for this service at the channel replace the channel's own.
            self.schedules(
                delivery, dicts_in(link.get("serviceHours")) or dicts_in(channel.get("serviceHours"))
            )
            return delivery

        return self._save("delivery", existing, Delivery, delivery_id, save)

    def schedules(self, delivery: Delivery, hours: list[dict]) -> None:
        """PTV service hours as our schedules: one per validity and kind, exceptions on the open-ended one."""
        groups: dict[tuple, dict] = {}
        exceptions: list[dict] = []
        for entry in hours:
            valid_from, valid_to = iso_date(entry.get("validFrom")), iso_date(entry.get("validTo"))
            texts = _texts(entry.get("additionalInformation"))
            if entry.get("serviceHourType") in EXCEPTION_HOUR_TYPES:
                exceptions.extend(_exception_days(entry, valid_from, valid_to, texts))
                continue
            if entry.get("isClosed"):
                exceptions.extend(_exception_days(entry, valid_from, valid_to, texts))
                continue
            by_appointment = bool(entry.get("isReservation"))
            # PTV dates regular hours from when they were entered: only a future start is a validity.
            if valid_to is None and valid_from is not None and valid_from <= timezone.localdate():
                valid_from = None
            key = (valid_from, valid_to, by_appointment)
            group = groups.setdefault(key, {"rules": [], "texts": {}})
            group["texts"] = group["texts"] or texts
            if entry.get("isAlwaysOpen"):
                group["rules"].extend(
                    {
                        "weekday": day,
                        "opens": datetime.time(0),
                        "closes": datetime.time(0),
                        "closes_next_day": True,
                    }
                    for day in range(7)
                )
            else:
                for opening in dicts_in(entry.get("openingHour")):
                    group["rules"].extend(_rules(opening))
        if exceptions and not any(key[0] is None and key[1] is None for key in groups):
            groups[(None, None, False)] = {"rules": [], "texts": {}}
        kept = set()
        for (valid_from, valid_to, by_appointment), group in groups.items():
            schedule_id = hsds.derived_id("ptv-schedule", delivery.pk, valid_from, valid_to, by_appointment)
            kept.add(schedule_id)
            open_ended = valid_from is None and valid_to is None
            self.save_schedule(
                schedule_id,
                {
                    "delivery": delivery,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "by_appointment": by_appointment,
                    **_localised("description", group["texts"]),
                },
                rules=group["rules"],
                exceptions=_one_per_day(exceptions) if open_ended else [],
            )
        for gone in delivery.schedules.exclude(pk__in=kept):
            catalog_services.listing_delete(actor=None, instance=gone, source=self.label)

    def _save(self, kind: str, existing, model, ptv_id: str, save):
        new = None
        if existing is None:
            # The PTV id is the new row's id too, unless that id is already taken here.
            new = model() if model.objects.filter(pk=ptv_id).exists() else model(pk=ptv_id)
        # Counted by all the change records of this source: a delivery whose hours changed is updated too.
        return self.save_counted(kind, existing, new, save, ChangeRecord.objects.filter(source=self.label))


def _with_finnish(names: dict[str, str]) -> dict[str, str]:
    """Finnish is the network's working language: a name in another language is not put in its place
    (it would be read out as Finnish)."""
    if "fi" not in names:
        given = ", ".join(names) or "no language"
        raise Rejected(f"no Finnish name (PTV gives it in {given})")
    return names


def _fee(item: dict) -> dict[str, str]:
    described = _texts(item.get("serviceDescriptions"), "ChargeTypeAdditionalInfo")
    if described or item.get("serviceChargeType") in FREE_CHARGE_TYPES:
        return described
    return CHARGED


def _name(item: dict) -> str:
    names = _texts(
        item.get("serviceNames") or item.get("serviceChannelNames") or item.get("organizationNames")
    )
    return names.get("fi") or next(iter(names.values()), "no name")


def _accessibility(address: dict) -> dict[str, str]:
    sentences: dict[str, list[str]] = defaultdict(list)
    for entrance in dicts_in(address.get("entrances")):
        for group in dicts_in(entrance.get("accessibilitySentences")):
            for sentence in dicts_in(group.get("sentences")):
                for lang, text in _texts(sentence.get("sentence")).items():
                    sentences[lang].append(text)
    return {lang: " ".join(texts) for lang, texts in sentences.items()}


def _time(value) -> datetime.time:
    try:
        return datetime.time.fromisoformat(str(value)[:8])
    except ValueError as error:
        raise Rejected(f"{value!r} is not a time of day") from error


def _weekday(value) -> int:
    if value not in WEEKDAYS:
        raise Rejected(f"{value!r} is not a day of the week")
    return WEEKDAYS.index(value)


def _rules(opening: dict) -> list[dict]:
    """One PTV opening hour: a day (`dayTo` the next day when the hours go past midnight) or a range of
    days with the same hours."""
    first = _weekday(opening.get("dayFrom"))
    opens, closes = _time(opening.get("from")), _time(opening.get("to"))
    last = _weekday(opening["dayTo"]) if opening.get("dayTo") else first
    if closes <= opens and last == (first + 1) % 7 and closes != opens:
        return [{"weekday": first, "opens": opens, "closes": closes, "closes_next_day": True}]
    days = [(first + step) % 7 for step in range((last - first) % 7 + 1)]
    return [
        {"weekday": day, "opens": opens, "closes": closes, "closes_next_day": closes <= opens} for day in days
    ]


def _exception_days(entry: dict, valid_from, valid_to, texts: dict[str, str]) -> list[dict]:
    """Closed days, or days with other hours, from an exceptional (or closed) period."""
    if valid_from is None:
        raise Rejected("exceptional hours without a date")
    last = valid_to or valid_from
    if (last - valid_from).days > 366:
        raise Rejected(f"exceptional hours from {valid_from} to {last} span more than a year")
    hours = dicts_in(entry.get("openingHour"))
    closed = bool(entry.get("isClosed")) or not hours
    opens = None if closed else _time(hours[0].get("from"))
    closes = None if closed else _time(hours[0].get("to"))
    days = []
    day = valid_from
    while day <= last:
        days.append(
            {
                "date": day,
                "closed": closed,
                "opens": opens,
                "closes": closes,
                **_localised("reason", texts, limit=200),
            }
        )
        day += datetime.timedelta(days=1)
    return days


def _one_per_day(exceptions: list[dict]) -> list[dict]:
    return list({e["date"]: e for e in sorted(exceptions, key=lambda e: e["date"])}.values())
