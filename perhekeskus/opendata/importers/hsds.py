"""Importing Open Referral HSDS 3.1 data: the data package export_hsds writes (CSV or JSON tables with
datapackage.json) or nested HSDS JSON (a service, an organisation with its services, a location, or a
list of them).

HSDS ids are kept as our ids, so a second run of the same data finds every record unchanged. The
safety every import shares (all or nothing, dry run, the brake on deleting) is in base.py.
"""

import csv
import datetime
import math
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import (
    Delivery,
    DeliveryMode,
    LifeSituation,
    Location,
    Service,
    ServiceType,
)
from perhekeskus.core.history import ChangeRecord
from perhekeskus.network.models import Organization, PostalCode, ProviderKind
from perhekeskus.network.services import organization_save
from perhekeskus.opendata import hsds
from perhekeskus.opendata.importers.base import (
    Rejected,
    Report,
    SourceError,
    Writer,
    check_brake,
    ids_created,
    iso_date,
    load_json,
    parse_json,
    uuid_text,
)

DEFAULT_KIND = "ngo"
DEFAULT_MODE = "provider-site"
KINDS = ("organization", "location", "service", "service_at_location")
MODELS = {
    "organization": Organization,
    "location": Location,
    "service": Service,
    "service_at_location": Delivery,
    "delivery": Delivery,
}


@dataclass
class Bundle:
    """HSDS objects by kind and id, nested lists kept on their parents."""

    objects: dict[str, dict[str, dict]] = field(default_factory=lambda: {kind: {} for kind in KINDS})

    def add(self, kind: str, obj: dict) -> None:
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            raise SourceError(f"a {kind} without an id")
        obj = {**obj, "id": _uuid(obj["id"], f"{kind} id")}
        # References in one spelling, so that they meet the ids (UUIDs may come upper case or braced).
        for reference in ("service_id", "location_id", "organization_id", "parent_organization_id"):
            if isinstance(obj.get(reference), str) and obj[reference]:
                obj[reference] = _uuid(obj[reference], f"{kind} {reference}")
        self.objects[kind].setdefault(obj["id"], {}).update(obj)


def _uuid(value: str, what: str) -> str:
    found = uuid_text(value)
    if found is None:
        raise SourceError(f"{what} {value!r} is not a UUID")
    return found


# --- reading -------------------------------------------------------------------------------------


def read(path: Path) -> Bundle:
    try:
        return _read(path)
    except (TypeError, AttributeError, KeyError) as error:
        raise SourceError(f"the data is not shaped as HSDS ({error})") from error


def _read(path: Path) -> Bundle:
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.exists():
        raise SourceError(f"{path} does not exist")
    data = load_json(path)
    if path.name == "datapackage.json" or (isinstance(data, dict) and "resources" in data):
        return _read_package(path.parent, data)
    bundle = Bundle()
    for item in data if isinstance(data, list) else [data]:
        _read_nested(bundle, item)
    return bundle


def _read_nested(bundle: Bundle, item) -> None:
    if not isinstance(item, dict):
        raise SourceError("expected HSDS objects (JSON objects), found " + type(item).__name__)
    if "version" in item and "openapi_url" in item and "id" not in item:
        return  # an API root document: nothing to import
    if "location_type" in item:
        bundle.add("location", item)
    elif "status" in item:
        _read_service(bundle, item)
    elif "name" in item and "description" in item:
        bundle.add("organization", {k: v for k, v in item.items() if k not in ("services", "locations")})
        for place in item.get("locations") or []:
            bundle.add("location", {**place, "organization_id": place.get("organization_id") or item["id"]})
        for service in item.get("services") or []:
            _read_service(
                bundle, {**service, "organization_id": service.get("organization_id") or item["id"]}
            )
    else:
        raise SourceError(f"object {item.get('id', '?')} is no HSDS service, organization or location")


def _read_service(bundle: Bundle, item: dict) -> None:
    organization = item.get("organization")
    if isinstance(organization, dict):
        bundle.add("organization", {k: v for k, v in organization.items() if k != "services"})
        item = {**item, "organization_id": item.get("organization_id") or organization.get("id")}
    bundle.add(
        "service", {k: v for k, v in item.items() if k not in ("organization", "service_at_locations")}
    )
    for place in item.get("service_at_locations") or []:
        location = place.get("location")
        if isinstance(location, dict):
            bundle.add("location", location)
        bundle.add(
            "service_at_location",
            {
                **place,
                "service_id": item["id"],
                "location_id": place.get("location_id") or (location or {}).get("id"),
            },
        )


def _read_package(directory: Path, package) -> Bundle:
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise SourceError("datapackage.json has no list of resources")
    tables: dict[str, list[dict]] = {}
    for resource in package["resources"]:
        if not isinstance(resource, dict) or "name" not in resource or "path" not in resource:
            raise SourceError("a resource of datapackage.json has no name or path")
        path = (directory / str(resource["path"])).resolve()
        if directory.resolve() not in path.parents:
            raise SourceError(f"{resource['path']} is outside the package's directory")
        if not path.exists():
            raise SourceError(f"{resource['path']} named in datapackage.json does not exist")
        fields = {f["name"]: f.get("type", "string") for f in resource.get("schema", {}).get("fields", [])}
        if path.suffix == ".csv":
            tables[resource["name"]] = _read_csv(path, fields)
        else:
            rows = load_json(path)
            if not isinstance(rows, list):
                raise SourceError(f"{resource['path']} is not a JSON array of rows")
            tables[resource["name"]] = rows
    children: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for table, key in (
        ("address", "location_id"),
        ("accessibility", "location_id"),
        ("language", "service_id"),
        ("contact", "service_id"),
        ("cost_option", "service_id"),
        ("organization_identifier", "organization_id"),
    ):
        for row in tables.get(table, []):
            children[(table, row.get(key, ""))].append(row)
    for row in tables.get("service_area", []):
        if row.get("service_at_location_id"):
            children[("service_area_at", row["service_at_location_id"])].append(row)
        else:
            children[("service_area", row.get("service_id", ""))].append(row)
    for row in tables.get("phone", []):
        for owner in ("service_id", "organization_id", "contact_id", "location_id"):
            if row.get(owner):
                children[("phone", owner, row[owner])].append(row)
    for row in tables.get("attribute", []):
        children[("attribute", row.get("link_id", ""))].append(row)
    terms = {row["id"]: row for row in tables.get("taxonomy_term", []) if "id" in row}
    for row in tables.get("attribute", []):
        if row.get("taxonomy_term_id") in terms:
            row["taxonomy_term"] = terms[row["taxonomy_term_id"]]
    schedules = defaultdict(list)
    for row in tables.get("schedule", []):
        if row.get("service_at_location_id"):
            schedules[row["service_at_location_id"]].append(row)
        else:
            schedules[(row.get("service_id", ""), row.get("location_id", ""))].append(row)
    bundle = Bundle()
    for row in tables.get("organization", []):
        bundle.add(
            "organization",
            {
                **row,
                "phones": children[("phone", "organization_id", row.get("id"))],
                "organization_identifiers": children[("organization_identifier", row.get("id"))],
            },
        )
    for row in tables.get("location", []):
        bundle.add(
            "location",
            {
                **row,
                "addresses": children[("address", row.get("id"))],
                "accessibility": children[("accessibility", row.get("id"))],
            },
        )
    for row in tables.get("service", []):
        service_id = row.get("id")
        contacts = [
            {**c, "phones": children[("phone", "contact_id", c.get("id"))]}
            for c in children[("contact", service_id)]
        ]
        bundle.add(
            "service",
            {
                **row,
                "phones": children[("phone", "service_id", service_id)],
                "languages": children[("language", service_id)],
                "contacts": contacts,
                "cost_options": children[("cost_option", service_id)],
                "service_areas": children[("service_area", service_id)],
                "attributes": children[("attribute", service_id)],
                "schedules": schedules[(service_id, "")],
            },
        )
    for row in tables.get("service_at_location", []):
        bundle.add(
            "service_at_location",
            {
                **row,
                "attributes": children[("attribute", row.get("id"))],
                "service_areas": children[("service_area_at", row.get("id"))],
                # Hours named by the service at location, else (plain HSDS) by its service and place.
                "schedules": schedules[row.get("id")]
                or schedules[(row.get("service_id", ""), row.get("location_id", ""))],
            },
        )
    return bundle


def _read_csv(path: Path, fields: dict[str, str]) -> list[dict]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except UnicodeDecodeError as error:
        raise SourceError(f"{path.name} is not UTF-8 text") from error
    except csv.Error as error:
        raise SourceError(f"{path.name} is not valid CSV: {error}") from error
    typed = []
    for number, row in enumerate(rows, start=2):
        if None in row:
            raise SourceError(f"{path.name} line {number} has more cells than columns")
        item = {}
        for name, text in row.items():
            if text == "":
                continue
            kind = fields.get(name, "string")
            try:
                if kind == "number":
                    item[name] = float(text)
                elif kind == "integer":
                    item[name] = int(text)
                elif kind == "boolean":
                    item[name] = {"true": True, "false": False}[text]
                elif kind == "object":
                    item[name] = parse_json(text, f"{path.name} line {number}: {name}")
                else:
                    item[name] = text
            except (ValueError, KeyError) as error:
                raise SourceError(f"{path.name} line {number}: {name} is not a valid {kind}") from error
        typed.append(item)
    return typed


# --- writing -------------------------------------------------------------------------------------


def run(
    path: Path, *, source: str, language: str = "fi", dry_run: bool = False, force: bool = False
) -> Report:
    """Import `path`; raises SourceError or BrakeError (nothing changed)."""
    bundle = read(path)
    return _Writer(bundle, f"import:hsds:{source}", language).run(dry_run=dry_run, force=force)


class _Writer(Writer):
    def __init__(self, bundle: Bundle, label: str, language: str) -> None:
        super().__init__(label)
        self.bundle, self.language = bundle, language
        self.types = {str(t.pk): t for t in ServiceType.objects.all()} | {
            t.code: t for t in ServiceType.objects.all()
        }
        self.situations = {str(s.pk): s for s in LifeSituation.objects.all()} | {
            s.code: s for s in LifeSituation.objects.all()
        }
        self.modes = {str(m.pk): m for m in DeliveryMode.objects.all()} | {
            m.code: m for m in DeliveryMode.objects.all()
        }

    def write_all(self) -> None:
        for kind, write in (
            ("organization", self.organization),
            ("location", self.location),
            ("service", self.service),
            ("service_at_location", self.service_at_location),
            ("delivery", self.delivery_without_place),
        ):
            for object_id, obj in (
                _parents_first(self.bundle.objects[kind]) if kind != "delivery" else self._without_place()
            ):
                self.sent[MODELS[kind]].add(object_id)
                self.attempt(f"{kind} {object_id}", write, object_id, obj)

    def delete_missing(self, force: bool) -> None:
        """Records this source created before and did not send now (a record sent but rejected stays)."""
        missing = {}
        for kind, model in (("delivery", Delivery), ("service", Service), ("location", Location)):
            current = model.objects.filter(pk__in=ids_created(model, source=self.label))
            if model is Service:
                current = current.exclude(status=Service.Status.INACTIVE)  # already dropped earlier
            existing = {str(pk) for pk in current.values_list("pk", flat=True)}
            missing[kind] = existing - self.sent[model]
            check_brake(kind, len(missing[kind]), len(existing), force)
        for kind, model in (("delivery", Delivery), ("service", Service), ("location", Location)):
            for instance in model.objects.filter(pk__in=missing[kind]):
                if kind == "service":
                    self.drop_service(instance)
                else:
                    self.delete_listing(kind, instance)

    def _texts(self, obj: dict, mapping: dict[str, str]) -> dict:
        return {
            f"{ours}_{self.language}": (obj.get(theirs) or "").strip() for ours, theirs in mapping.items()
        }

    def organization(self, object_id: str, obj: dict) -> None:
        extension = obj.get("perhekeskus") or {}
        kind = ProviderKind.objects.filter(code=extension.get("kind", DEFAULT_KIND)).first()
        if kind is None:
            raise Rejected(f"unknown provider kind {extension.get('kind')!r}")
        values = {
            **self._texts(obj, {"name": "name", "description": "description"}),
            "kind": kind,
            "email": obj.get("email") or "",
            "website": obj.get("website") or "",
            "phone": ((obj.get("phones") or [{}])[0].get("number") or ""),
        }
        business_ids = [
            i.get("identifier")
            for i in obj.get("organization_identifiers") or []
            if i.get("identifier_scheme") == "FI-YTJ"
        ]
        if business_ids:
            values["business_id"] = business_ids[0]
        values |= _ptv_id(extension)
        parent = obj.get("parent_organization_id")
        if parent:
            values["parent"] = Organization.objects.filter(pk=parent).first()
        municipality = extension.get("municipality_code")
        if municipality:
            values["municipality"] = self.municipalities.get(municipality)
        self._save(
            "organization",
            object_id,
            lambda existing: organization_save(
                actor=None, values=values, organization=existing, source=self.label
            ),
        )

    def location(self, object_id: str, obj: dict) -> None:
        extension = obj.get("perhekeskus") or {}
        address = next(iter(obj.get("addresses") or []), {})
        municipality = self.municipalities.get(extension.get("municipality_code", ""))
        postal = (
            PostalCode.objects.select_related("municipality")
            .filter(code=address.get("postal_code", ""))
            .first()
        )
        if municipality is None and postal is not None:
            municipality = postal.municipality
        if municipality is None:
            raise Rejected("no Finnish municipality: give a Finnish postal code in the address")
        organization = self._organization(obj.get("organization_id"))
        accessibility = next(iter(obj.get("accessibility") or []), {})
        existing = Location.objects.filter(pk=object_id).first()
        # A place once confidential stays so: a source without our extension cannot make it public.
        confidential = _flag(extension.get("confidential"), False) or bool(existing and existing.confidential)
        values = {
            "organization": organization,
            "municipality": municipality,
            f"name_{self.language}": _string(obj.get("name")),
            "confidential": confidential,
            f"accessibility_{self.language}": _string(accessibility.get("description")),
            f"entrance_{self.language}": _string(accessibility.get("details")),
            **_ptv_id(extension),
        }
        if obj.get("addresses") or obj.get("latitude") is not None:
            values |= {
                f"street_address_{self.language}": _string(address.get("address_1")),
                "postal_code": postal.code if postal else "",
                "post_office": _string(address.get("city")) if postal else "",
                "latitude": obj.get("latitude"),
                "longitude": obj.get("longitude"),
            }
        # else: no address sent (a confidential place is exported without one): keep what we hold
        self._save(
            "location",
            object_id,
            lambda existing: catalog_services.location_save(
                actor=None, values=values, location=existing, source=self.label
            ),
        )

    @staticmethod
    def _organization(organization_id) -> Organization:
        found = Organization.objects.filter(pk=organization_id).first() if organization_id else None
        if found is None:
            raise Rejected(f"organization {organization_id} is not known")
        return found

    def _terms(self, obj: dict) -> list:
        """Our taxonomy terms among the object's attributes: by id, or by code within a taxonomy we
        know (a code alone is ambiguous: a category and a service type may share one)."""
        indexes = {"service_type": self.types, "life_situation": self.situations, "delivery_mode": self.modes}
        found = []
        for attribute in obj.get("attributes") or []:
            term = attribute.get("taxonomy_term") or {}
            key = str(attribute.get("taxonomy_term_id") or term.get("id") or "")
            vocabulary = term.get("taxonomy") or attribute.get("link_type")
            match = next((index[key] for index in indexes.values() if key in index), None)
            if match is None and vocabulary in indexes:
                match = indexes[vocabulary].get(term.get("code", ""))
            if match is not None:
                found.append(match)
        return found

    def _interpretation(self, extension: dict) -> dict:
        """Whether an interpreter is available, from our extension's code. HSDS's own
        interpretation_services is free text: no choice is read into it, so a service whose source
        does not give the code keeps what it has."""
        code = extension.get("interpretation")
        if not code or not isinstance(code, str) or code not in Service.Interpretation.values:
            return {}
        return {
            "interpretation": code,
            f"interpretation_note_{self.language}": _string(extension.get("interpretation_note")),
        }

    def service(self, object_id: str, obj: dict) -> None:
        organization = self._organization(obj.get("organization_id"))
        terms = self._terms(obj)
        types = [t for t in terms if isinstance(t, ServiceType)]
        if not types:
            raise Rejected("no service type of ours among its taxonomy terms")
        extension = obj.get("perhekeskus") or {}
        free_options = [o for o in obj.get("cost_options") or [] if o.get("amount") == 0]
        is_free = _flag(extension.get("is_free"), bool(free_options) or not obj.get("fees_description"))
        values = {
            "organization": organization,
            **self._texts(
                obj,
                {
                    "name": "name",
                    "description": "description",
                    "how_to_get": "application_process",
                    "fee_description": "fees_description",
                },
            ),
            f"summary_{self.language}": (extension.get("summary") or "")[:500],
            "status": obj.get("status") if obj.get("status") in Service.Status.values else "active",
            "email": obj.get("email") or "",
            "website": obj.get("url") or "",
            "eservice_url": extension.get("eservice_url") or "",
            "phone": ((obj.get("phones") or [{}])[0].get("number") or ""),
            "is_free": is_free,
            "access_method": extension.get("access_method")
            if extension.get("access_method") in Service.AccessMethod.values
            else Service.AccessMethod.APPOINTMENT,
            "age_min_months": _months(extension.get("age_min_months"), obj.get("minimum_age")),
            "age_max_months": _months(extension.get("age_max_months"), obj.get("maximum_age")),
            "last_reviewed_at": iso_date(obj.get("assured_date")),
            **_ptv_id(extension),
            **self._interpretation(extension),
        }
        if values[f"how_to_get_{self.language}"] == dict(Service.AccessMethod.choices).get(
            values["access_method"]
        ):
            values[f"how_to_get_{self.language}"] = ""  # our export puts the access method there when no text
        areas = []
        for area in obj.get("service_areas") or []:
            code = (area.get("perhekeskus") or {}).get("municipality_code") or str(
                area.get("uri", "")
            ).rsplit("/", 1)[-1]
            municipality = self.municipalities.get(code)
            if municipality:
                areas.append(municipality)
        contacts = [
            {
                "name": contact.get("name") or "",
                f"title_{self.language}": contact.get("title") or "",
                "email": contact.get("email") or "",
                "phone": ((contact.get("phones") or [{}])[0].get("number") or ""),
            }
            for contact in obj.get("contacts") or []
            if contact.get("name")
        ]
        self._save(
            "service",
            object_id,
            lambda existing: catalog_services.service_save(
                actor=None,
                values=values,
                service=existing,
                service_types=types,
                life_situations=[t for t in terms if isinstance(t, LifeSituation)],
                languages=[
                    self.languages[lang["code"]]
                    for lang in obj.get("languages") or []
                    if lang.get("code") in self.languages
                ],
                service_areas=areas,
                contacts=contacts,
                source=self.label,
            ),
        )

    def service_at_location(self, object_id: str, obj: dict) -> None:
        service = Service.objects.filter(pk=obj.get("service_id")).first()
        place = Location.objects.filter(pk=obj.get("location_id")).select_related("municipality").first()
        if service is None:
            raise Rejected(f"service {obj.get('service_id')} is not known")
        if place is None:
            raise Rejected(f"location {obj.get('location_id')} is not known")
        modes = [t for t in self._terms(obj) if isinstance(t, DeliveryMode)]
        mode = modes[0] if modes else self.modes[DEFAULT_MODE]
        reached = []
        for area in obj.get("service_areas") or []:
            code = (area.get("perhekeskus") or {}).get("municipality_code")
            municipality = self.municipalities.get(code)
            if municipality:
                reached.append(municipality)
        values = {
            "service": service,
            "location": place,
            "mode": mode,
            f"note_{self.language}": (obj.get("description") or "").strip(),
        }

        def save(existing):
            delivery = catalog_services.delivery_save(
                actor=None,
                values=values,
                delivery=existing,
                municipalities=reached or [place.municipality],
                source=self.label,
            )
            self._schedules(delivery, obj.get("schedules") or [])
            return delivery

        self._save("service_at_location", object_id, save)

    def _without_place(self) -> list[tuple[str, dict]]:
        """Deliveries without a place (online, by phone, at home…): our extension lists each one; plain
        HSDS has them only as the service's delivery-mode terms and service areas (then one per service
        and such mode)."""
        at_places = defaultdict(set)
        for sal in self.bundle.objects["service_at_location"].values():
            try:
                at_places[sal.get("service_id")].update(
                    m.code for m in self._terms(sal) if isinstance(m, DeliveryMode)
                )
            except (TypeError, AttributeError, ValueError):
                continue  # rejected with its reason already
        found = []
        for service_id, obj in self.bundle.objects["service"].items():
            extension = obj.get("perhekeskus")
            listed = extension.get("deliveries_without_location") if isinstance(extension, dict) else None
            if isinstance(listed, list):
                for entry in listed:
                    delivery_id = (
                        _uuid(str(entry.get("id")), "delivery id") if isinstance(entry, dict) else None
                    )
                    if delivery_id is None:
                        raise SourceError(f"service {service_id} lists a delivery without an id")
                    found.append((delivery_id, {"service": obj, "entry": entry}))
                continue
            try:
                modes = [t for t in self._terms(obj) if isinstance(t, DeliveryMode)]
            except (TypeError, AttributeError, ValueError):
                continue  # the service itself was rejected for the same reason
            for mode in modes:
                if not mode.requires_location and mode.code not in at_places[service_id]:
                    found.append(
                        (hsds.derived_id("delivery", service_id, mode.code), {"service": obj, "mode": mode})
                    )
        return found

    def delivery_without_place(self, object_id: str, item: dict) -> None:
        obj, entry = item["service"], item.get("entry")
        service = Service.objects.filter(pk=obj["id"]).first()
        if service is None:
            raise Rejected(f"service {obj['id']} was not imported")
        if entry is None:
            mode, note = item["mode"], ""
            reached = list(service.service_areas.all())
            hours = [
                row
                for row in obj.get("schedules") or []
                if isinstance(row, dict) and _extension(row).get("delivery_mode") == mode.code
            ]
        else:
            mode = self.modes.get(str(entry.get("delivery_mode")))
            if mode is None:
                raise Rejected(f"unknown delivery mode {entry.get('delivery_mode')!r}")
            note = _string(entry.get("note"))
            codes = entry.get("municipality_codes") or []
            reached = [self.municipalities[c] for c in codes if c in self.municipalities]
            if len(reached) != len(codes):
                raise Rejected(f"unknown municipality codes among {codes}")
            hours = [
                row
                for row in obj.get("schedules") or []
                if isinstance(row, dict) and _extension(row).get("delivery_id") == object_id
            ]
        if not reached:
            raise Rejected(f"service {obj['id']} names no municipality for its {mode.code} delivery")
        values = {"service": service, "location": None, "mode": mode, f"note_{self.language}": note}

        def save(existing):
            delivery = catalog_services.delivery_save(
                actor=None, values=values, delivery=existing, municipalities=reached, source=self.label
            )
            self._schedules(delivery, hours)
            return delivery

        self._save("delivery", object_id, save)

    def _schedules(self, delivery: Delivery, rows: list[dict]) -> None:
        """HSDS schedule rows (one opening time each) as our schedules, one per validity and kind."""
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for row in rows:
            key = (row.get("valid_from"), row.get("valid_to"), row.get("attending_type") == "appointment")
            groups[key].append(row)
        for (valid_from, valid_to, by_appointment), group in groups.items():
            schedule_id = hsds.derived_id(
                "imported-schedule", delivery.pk, valid_from, valid_to, by_appointment
            )
            extension = next((r.get("perhekeskus") for r in group if r.get("perhekeskus")), {}) or {}
            rules = []
            for row in group:
                if (
                    row.get("freq") == "WEEKLY"
                    and row.get("byday") in hsds.WEEKDAYS
                    and row.get("opens_at")
                    and row.get("closes_at")
                ):
                    rules.append(
                        {
                            "weekday": hsds.WEEKDAYS.index(row["byday"]),
                            "opens": _time(row["opens_at"]),
                            "closes": _time(row["closes_at"]),
                            "closes_next_day": bool(
                                (row.get("perhekeskus") or {}).get("closes_next_day", False)
                            ),
                        }
                    )
            exceptions = [
                {
                    "date": iso_date(e.get("date")),
                    "closed": bool(e.get("closed", True)),
                    "opens": _time(e["opens_at"]) if e.get("opens_at") else None,
                    "closes": _time(e["closes_at"]) if e.get("closes_at") else None,
                    f"reason_{self.language}": e.get("reason") or "",
                }
                for e in extension.get("exceptions", [])
            ]
            values = {
                "delivery": delivery,
                "valid_from": iso_date(valid_from),
                "valid_to": iso_date(valid_to),
                "by_appointment": by_appointment,
                "closed_on_public_holidays": bool(extension.get("closed_on_public_holidays", True)),
                f"description_{self.language}": next(
                    (r.get("description") for r in group if r.get("description")), ""
                ),
            }
            self.save_schedule(schedule_id, values, rules, exceptions)

    def _save(self, kind: str, object_id: str, save) -> None:
        model = MODELS[kind]
        self.save_counted(
            kind,
            model.objects.filter(pk=object_id).first(),
            model(pk=object_id),  # a new row keeps the HSDS id as its own
            save,
            # Counted by this record's own changes.
            ChangeRecord.objects.filter(object_id=object_id, source=self.label),
        )


def _parents_first(objects: dict[str, dict]) -> list[tuple[str, dict]]:
    """Organisations after their parents (others as they come)."""
    placed: dict[str, dict] = {}
    waiting = dict(objects)
    while waiting:
        ready = {
            object_id: obj
            for object_id, obj in waiting.items()
            if obj.get("parent_organization_id") not in waiting
            or obj.get("parent_organization_id") == object_id
        }
        if not ready:  # a cycle: take the rest as they come
            ready = waiting
        placed.update(ready)
        waiting = {k: v for k, v in waiting.items() if k not in ready}
    return list(placed.items())


def _extension(obj: dict) -> dict:
    extension = obj.get("perhekeskus")
    return extension if isinstance(extension, dict) else {}


def _ptv_id(extension: dict) -> dict:
    """Our extension's `ptv:<uuid>` (the record's id in the Finnish Service Catalogue), when given."""
    value = extension.get("ptv_id")
    if not value:
        return {}
    if not isinstance(value, str) or not value.startswith("ptv:"):
        raise Rejected(f"ptv_id {value!r} is not ptv:<uuid>")
    try:
        return {"ptv_id": uuid.UUID(value.removeprefix("ptv:"))}
    except ValueError as error:
        raise Rejected(f"ptv_id {value!r} is not ptv:<uuid>") from error


def _months(months, years) -> int | None:
    if isinstance(months, int):
        return months
    if isinstance(years, int | float) and not isinstance(years, bool):
        if not math.isfinite(years):
            raise Rejected(f"age {years!r} is not a number of years")
        return round(years * 12)
    return None


def _string(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Rejected(f"{value!r} is not text")
    return value.strip()


def _flag(value, default: bool) -> bool:
    """A yes/no value: JSON true/false, or the words CSV uses."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    raise Rejected(f"{value!r} is not true or false")


def _time(value: str) -> datetime.time:
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise Rejected(f"{value!r} is not a time of day") from error
