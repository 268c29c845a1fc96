"""The demo network's data files (data/north_karelia/, described in data/FORMAT.md) read into plain data:
the network, its family centres, organisations, locations and services with their deliveries and
schedules, as `demo.catalog.load_demo` writes them. Named things are resolved here: municipalities by
name, opening-hour patterns, periods, exception days and shared accessibility texts. A name the data
does not define, or a field the format does not know, stops the load with the file and the row."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

from perhekeskus.core.translation import EXTENDED_LANGUAGES, PLAIN_FINNISH

NORTH_KARELIA = Path(__file__).resolve().parent / "data" / "north_karelia"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RULE = re.compile(r"^(?P<days>.+?)\s+(?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)(?P<next_day>\s+next day)?$")
HOURS = re.compile(r"^(?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$")
SCHEDULE_FIELDS = {
    "by_appointment", "closed_on_public_holidays", "valid", "valid_from", "valid_to", "description", "exceptions",
}  # fmt: skip
INTERPRETATION = ("none", "free", "fee")
# The county's social and health services where a family has an interpreter free of charge (public
# social and health services arrange one when the family and the worker share no language). The data
# files need not say it for each of them; a service's own `interpretation` wins.
FREE_INTERPRETATION_TYPES = {
    "maternity-clinic", "child-health-clinic", "family-social-work", "family-counselling", "child-welfare",
}  # fmt: skip
FREE_INTERPRETATION_NOTE = {
    "fi": "Kerro tulkin tarpeesta ja kielestä, kun varaat ajan. Tulkki on paikalla tai mukana puhelimitse "
    "tai videoyhteydellä.",
    "sv": "Berätta att du behöver tolk och på vilket språk när du bokar tid. Tolken är på plats eller deltar "
    "per telefon eller video.",
    "en": "Say that you need an interpreter, and for which language, when you book an appointment. The "
    "interpreter is there in person or joins by phone or video.",
}
AUDIENCES = {
    "expecting-parents": "for_expecting_parents",
    "parents": "for_parents",
    "whole-family": "for_whole_family",
    "professionals": "for_professionals",
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML without the implicit dates: a date stays the ISO string the rest of the loading expects.
    The C parser (libyaml) where PyYAML has it: ten times faster on the demo's files."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DataError(ValueError):
    pass


def read(name: str | Path, folder: Path = NORTH_KARELIA) -> Any:
    """One data file of the network (dates stay strings)."""
    with (folder / name).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=_Loader)


def build(folder: Path = NORTH_KARELIA) -> dict[str, Any]:
    """The whole network as plain data (data/FORMAT.md); a fresh copy on every call."""
    data = _Data(folder)
    organizations = [data.organization(row) for row in data.read("organizations.yaml")]
    services = [
        data.service(row)
        for path in sorted((folder / "services").glob("*.yaml"))
        for row in data.read(path.relative_to(folder))
    ]
    # Referrals and families' contact requests: the NGOs' and parishes' services take both, and the
    # county's services that need a referral take referrals. The NGOs answer a contact request within
    # 3 working days; the parishes have not said (the demo shows both confirmations).
    kinds = {row["key"]: row["kind"] for row in organizations}
    for row in services:
        community = kinds[row["organization"]] in ("ngo", "parish")
        row["accepts_referrals"] = community or row["access_method"] == "referral"
        row["accepts_contact_requests"] = community
        county = kinds[row["organization"]] == "wellbeing-services-county"
        if county and not row["interpretation"] and FREE_INTERPRETATION_TYPES & set(row["service_types"]):
            row["interpretation"] = "free"
            row["interpretation_note"] = dict(FREE_INTERPRETATION_NOTE)
        row["contact_answer_days"] = 3 if kinds[row["organization"]] == "ngo" else None
    # Plain Finnish (selkosuomi) "how to get it" texts, kept in a file of their own.
    plain = data.read("plain-finnish.yaml")
    known = {row["key"] for row in services}
    unknown = sorted(set(plain) - known)
    if unknown:
        raise data.fail(f"no service {', '.join(unknown)}")
    for row in services:
        if row["key"] in plain:
            row["how_to_get"] = {**row["how_to_get"], PLAIN_FINNISH: plain[row["key"]]}
    network = data.read("network.yaml")
    return {
        "network": data.network(network["network"]),
        "family_centres": {
            data.municipality(name): data.family_centre(centre)
            for name, centre in network["family_centres"].items()
        },
        "organizations": organizations,
        "locations": data.locations(data.read("locations.yaml")),
        "services": services,
    }


class _Data:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.where = ""
        self.municipalities = {name: str(code) for name, code in self.read("municipalities.yaml").items()}
        hours = self.read("hours.yaml")
        self.periods = hours["periods"]
        self.exception_days = {
            name: [self.exception(row) for row in rows] for name, rows in hours["exceptions"].items()
        }
        self.patterns = hours["patterns"]
        for name, pattern in self.patterns.items():
            for schedule in pattern:
                self.fields(schedule, set(), {"rules", *SCHEDULE_FIELDS}, f"pattern {name}")

    def read(self, name: str | Path) -> Any:
        self.where = str(name)
        return read(name, self.folder)

    def fail(self, message: str) -> DataError:
        return DataError(f"{self.folder.name}/{self.where}: {message}")

    def fields(self, row: dict, required: set[str], optional: set[str], what: str) -> dict:
        if not isinstance(row, dict):
            raise self.fail(f"{what}: expected fields, got {row!r}")
        missing, unknown = required - set(row), set(row) - required - optional
        if missing or unknown:
            named = row.get("key", what)
            raise self.fail(f"{named}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        return row

    # --- Names --------------------------------------------------------------------------------------

    def municipality(self, name: str) -> str:
        if name not in self.municipalities:
            raise self.fail(f"no municipality {name!r} in municipalities.yaml")
        return self.municipalities[name]

    def area(self, value: str | list[str]) -> list[str]:
        """Codes of `all`, `all except A, B`, one municipality or a list, in the order given."""
        if isinstance(value, list):
            return [self.municipality(name) for name in value]
        if value == "all":
            return list(self.municipalities.values())
        if value.startswith("all except "):
            left_out = {self.municipality(name.strip()) for name in value[len("all except ") :].split(",")}
            return [code for code in self.municipalities.values() if code not in left_out]
        return [self.municipality(value)]

    def named(self, table: dict, name: str, what: str) -> Any:
        if name not in table:
            raise self.fail(f"no {what} {name!r} in hours.yaml")
        return table[name]

    # --- Texts --------------------------------------------------------------------------------------

    def text(self, value: str | dict | None) -> dict[str, str]:
        """Texts by language; a plain string is Finnish only."""
        if value is None:
            return {}
        if isinstance(value, str):
            return {"fi": value}
        if not isinstance(value, dict) or not set(value) <= set(EXTENDED_LANGUAGES):
            raise self.fail(
                f"a text is a string or texts by language ({', '.join(EXTENDED_LANGUAGES)}), not {value!r}"
            )
        return dict(value)

    # --- Network ------------------------------------------------------------------------------------

    def network(self, row: dict) -> dict:
        self.fields(row, {"key", "name", "description"}, set(), "network")
        return {
            "key": row["key"],
            "name": self.text(row["name"]),
            "description": self.text(row["description"]),
        }

    def family_centre(self, row: dict) -> dict:
        self.fields(row, {"name", "description", "local_emphasis"}, set(), "family centre")
        return {key: self.text(row[key]) for key in ("name", "description", "local_emphasis")}

    def organization(self, row: dict) -> dict:
        self.fields(
            row,
            {"key", "kind", "name", "description", "municipality"},
            {"business_id", "website", "email", "phone", "parent"},
            "organisation",
        )
        return {
            "key": row["key"],
            "kind": row["kind"],
            "business_id": row.get("business_id"),
            "name": self.text(row["name"]),
            "description": self.text(row["description"]),
            "website": row.get("website"),
            "email": row.get("email"),
            "phone": row.get("phone"),
            "parent": row.get("parent"),
            "municipality": self.municipality(row["municipality"]),
        }

    def locations(self, data: dict) -> list[dict]:
        shared = {name: self.text(value) for name, value in data["accessibility"].items()}
        rows = []
        for row in data["locations"]:
            self.fields(
                row,
                {"key", "organization", "name", "street_address", "postal_code", "post_office", "municipality"},
                {"latitude", "longitude", "accessibility", "entrance", "confidential"},
                "location",
            )  # fmt: skip
            accessibility = row.get("accessibility")
            rows.append(
                {
                    "key": row["key"],
                    "organization": row["organization"],
                    "name": self.text(row["name"]),
                    "street_address": self.text(row["street_address"]),
                    "postal_code": str(row["postal_code"]),
                    "post_office": row["post_office"],
                    "municipality": self.municipality(row["municipality"]),
                    "latitude": row.get("latitude"),
                    "longitude": row.get("longitude"),
                    # A name of the shared texts above, or a text of this place's own.
                    "accessibility": dict(shared[accessibility])
                    if isinstance(accessibility, str) and accessibility in shared
                    else self.text(accessibility),
                    "entrance": self.text(row.get("entrance")),
                    "confidential": row.get("confidential", False),
                }
            )
        return rows

    # --- Services -----------------------------------------------------------------------------------

    def service(self, row: dict) -> dict:
        self.fields(
            row,
            {"key", "organization", "name", "summary", "description", "service_types", "for", "deliveries"},
            {
                "life_situations", "age_min_months", "age_max_months", "languages", "is_free", "fee",
                "access_method", "how_to_get", "phone", "email", "website", "eservice_url", "status",
                "publication", "service_areas", "contacts", "interpretation", "interpretation_note",
            },
            "service",
        )  # fmt: skip
        unknown = set(row["for"]) - set(AUDIENCES)
        if unknown:
            raise self.fail(f"{row['key']}: `for` is some of {sorted(AUDIENCES)}, not {sorted(unknown)}")
        fee = self.text(row.get("fee"))
        interpretation = row.get("interpretation", "")
        if interpretation and interpretation not in INTERPRETATION:
            raise self.fail(
                f"{row['key']}: `interpretation` is one of {list(INTERPRETATION)}, not {interpretation!r}"
            )
        if row.get("interpretation_note") and not interpretation:
            raise self.fail(f"{row['key']}: `interpretation_note` needs `interpretation`")
        return {
            "key": row["key"],
            "organization": row["organization"],
            "name": self.text(row["name"]),
            "summary": self.text(row["summary"]),
            "description": self.text(row["description"]),
            "service_types": list(row["service_types"]),
            "life_situations": list(row.get("life_situations", [])),
            "age_min_months": row.get("age_min_months"),
            "age_max_months": row.get("age_max_months"),
            **{field: name in row["for"] for name, field in AUDIENCES.items()},
            "languages": list(row.get("languages", ["fi"])),
            "is_free": row.get("is_free", not fee),
            "fee_description": fee,
            "access_method": row.get("access_method", "appointment"),
            "how_to_get": self.text(row.get("how_to_get")),
            "phone": row.get("phone"),
            "email": row.get("email"),
            "website": row.get("website"),
            "eservice_url": row.get("eservice_url"),
            "status": row.get("status", "active"),
            "service_areas": self.area(row.get("service_areas", [])),
            "contacts": [self.contact(contact) for contact in row.get("contacts", [])],
            "deliveries": [self.delivery(delivery) for delivery in row["deliveries"]],
            "publication": row.get("publication", "published"),
            "interpretation": interpretation,
            "interpretation_note": self.text(row.get("interpretation_note")),
        }

    def contact(self, row: dict) -> dict:
        self.fields(row, {"name"}, {"title", "phone", "email"}, "contact")
        return {
            "name": row["name"],
            "title": self.text(row.get("title")),
            "phone": row.get("phone"),
            "email": row.get("email"),
        }

    def delivery(self, row: dict) -> dict:
        self.fields(row, {"mode", "municipalities"}, {"location", "note", "hours", "area"}, "delivery")
        hours = row.get("hours", [])
        area = row.get("area") or {}
        if area:
            self.fields(area, {"postal_codes", "name"}, set(), "area")
        return {
            "mode": row["mode"],
            "location": row.get("location"),
            "municipalities": self.area(row["municipalities"]),
            "note": self.text(row.get("note")),
            "postal_codes": [str(code) for code in area.get("postal_codes", [])],
            "area_name": self.text(area.get("name")),
            "schedules": [
                schedule
                for item in ([hours] if isinstance(hours, str) else hours)
                for schedule in self.hours(item)
            ],
        }

    # --- Hours --------------------------------------------------------------------------------------

    def hours(self, item: str | dict) -> list[dict]:
        """`<pattern> <weekly hours>` (the pattern's schedules with these hours), or one schedule."""
        if isinstance(item, dict):
            return [self.schedule(item)]
        name, _, weekly = item.partition(" ")
        rules = [rule.strip() for rule in weekly.split(";")] if weekly.strip() else None
        pattern = self.named(self.patterns, name, "pattern of hours")
        if rules is not None and all("rules" in schedule for schedule in pattern):
            raise self.fail(f"{item!r}: the pattern {name!r} has weekly hours of its own")
        schedules = []
        for schedule in pattern:
            if "rules" not in schedule and rules is None:
                raise self.fail(f"{item!r}: the pattern {name!r} needs weekly hours")
            schedules.append(self.schedule({"rules": rules, **schedule}))
        return schedules

    def schedule(self, row: dict) -> dict:
        self.fields(row, {"rules"}, SCHEDULE_FIELDS, "schedule")
        valid_from, valid_to = row.get("valid_from"), row.get("valid_to")
        if "valid" in row:
            period = self.named(self.periods, row["valid"], "period")
            valid_from, valid_to = period["from"], period["to"]
        exceptions = row.get("exceptions", [])
        return {
            "by_appointment": row.get("by_appointment", False),
            "closed_on_public_holidays": row.get("closed_on_public_holidays", True),
            "valid_from": valid_from,
            "valid_to": valid_to,
            "description": self.text(row.get("description")),
            "rules": [self.rule(rule) for rule in row["rules"]],
            # Named exception days (hours.yaml), or days of this schedule's own.
            "exceptions": copy.deepcopy(self.named(self.exception_days, exceptions, "exceptions"))
            if isinstance(exceptions, str)
            else [self.exception(exception) for exception in exceptions],
        }

    def rule(self, text: str) -> dict:
        """`Mon-Fri 08:00-16:00`, `Tue, Thu 09:30-11:30`, `Fri, Sat 20:00-02:00 next day`."""
        match = RULE.match(text)
        if match is None:
            raise self.fail(f"weekly hours are like 'Mon-Fri 08:00-16:00', not {text!r}")
        return {
            "weekdays": self.weekdays(match["days"]),
            "opens": match["opens"],
            "closes": match["closes"],
            "closes_next_day": bool(match["next_day"]),
        }

    def weekdays(self, text: str) -> list[int]:
        days = []
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            if first not in WEEKDAYS or (last and last not in WEEKDAYS):
                raise self.fail(f"weekdays are {', '.join(WEEKDAYS)} or ranges like Mon-Fri, not {text!r}")
            days += range(WEEKDAYS.index(first), WEEKDAYS.index(last or first) + 1)
        return days

    def exception(self, row: dict) -> dict:
        """A day closed (`closed: true`) or open at other hours (`hours: 08:00-14:00`)."""
        self.fields(row, {"date", "reason"}, {"closed", "hours"}, "exception")
        if row.get("closed", False) == ("hours" in row):
            raise self.fail(f"{row['date']}: an exception is either `closed: true` or has `hours`")
        hours = HOURS.match(row.get("hours", "")) if "hours" in row else None
        if "hours" in row and hours is None:
            raise self.fail(f"{row['date']}: hours are like 08:00-14:00, not {row['hours']!r}")
        return {
            "date": row["date"],
            "closed": hours is None,
            "opens": hours["opens"] if hours else None,
            "closes": hours["closes"] if hours else None,
            "reason": self.text(row["reason"]),
        }
