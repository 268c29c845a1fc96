"""PTV's answers (Finnish Service Catalogue, Open API v11): fetched over HTTP or read from saved files,
gathered in a Bundle of services, service channels and organisations by id."""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin

from perhekeskus.opendata.importers.base import SourceError, fetch_json, load_json, uuid_text

MAX_PAGES = 1000  # a runaway pageCount must not keep the import fetching forever


@dataclass
class Bundle:
    """PTV items by id; what could not even be named by an id is kept with its reason."""

    services: dict[str, dict] = field(default_factory=dict)
    channels: dict[str, dict] = field(default_factory=dict)
    organizations: dict[str, dict] = field(default_factory=dict)
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    def add_document(self, data, where: str) -> None:
        """A PTV answer: a page (`itemList`), a list of items or one item."""
        if isinstance(data, dict) and "itemList" in data:
            items = data["itemList"]
            if items is None:
                return
            if not isinstance(items, list):
                raise SourceError(f"{where}: itemList is not a list")
        elif isinstance(data, list):
            items = data
        else:
            items = [data]
        for number, item in enumerate(items, start=1):
            self.add(item, f"{where} item {number}")

    def add(self, item, where: str) -> None:
        if not isinstance(item, dict):
            raise SourceError(f"{where} is not a JSON object but {type(item).__name__}")
        if "serviceChannelType" in item:
            kind, found = "service channel", self.channels
        elif "serviceNames" in item:
            kind, found = "service", self.services
        elif "organizationNames" in item:
            kind, found = "organization", self.organizations
        else:
            raise SourceError(f"{where} is no PTV v11 service, service channel or organization")
        item_id = uuid_text(item.get("id"))
        if item_id is None:
            self.unreadable.append((f"{kind} ({where})", f"its id {item.get('id')!r} is not a UUID"))
            return
        found[item_id] = {**item, "id": item_id}


def dict_or_empty(value) -> dict:
    return value if isinstance(value, dict) else {}


def dicts_in(value) -> list[dict]:
    return [e for e in value or [] if isinstance(e, dict)] if isinstance(value, list) else []


class Links:
    """Which channels serve which service: PTV lists the link on both sides, either may be missing."""

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.channels: dict[str, dict[str, dict]] = defaultdict(dict)
        for service in bundle.services.values():
            for link in dicts_in(service.get("serviceChannels")):
                channel_id = uuid_text(dict_or_empty(link.get("serviceChannel")).get("id"))
                if channel_id:
                    self.channels[service["id"]][channel_id] = link
        for channel in bundle.channels.values():
            for link in dicts_in(channel.get("services")):
                service_id = uuid_text(dict_or_empty(link.get("service")).get("id"))
                if service_id:
                    self.channels[service_id].setdefault(channel["id"], link)

    def channels_of(self, service_id: str) -> dict[str, dict]:
        return self.channels.get(service_id, {})

    def organizations_of(self, service: dict) -> list[str]:
        """The responsible organisation(s) first, then producers."""
        rows = sorted(
            dicts_in(service.get("organizations")), key=lambda row: row.get("roleType") != "Responsible"
        )
        return [o for o in (uuid_text(dict_or_empty(row.get("organization")).get("id")) for row in rows) if o]


def read_files(paths: list[Path]) -> Bundle:
    """Saved PTV answers: files, or directories of .json files."""
    bundle = Bundle()
    for path in paths:
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise SourceError(f"{path} holds no .json files")
        elif path.exists():
            files = [path]
        else:
            raise SourceError(f"{path} does not exist")
        for file in files:
            bundle.add_document(load_json(file), file.name)
    return bundle


class Client:
    """The PTV Open API over HTTP (GET only, JSON)."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = timeout

    def get(self, path: str, *, missing_ok: bool = False):
        return fetch_json(
            urljoin(self.base_url, path),
            source="PTV",
            setting="PTV_API_URL",
            timeout=self.timeout,
            missing_ok=missing_ok,
        )

    def pages(self, path: str):
        page = 1
        while True:
            data = self.get(f"{path}?page={page}")
            if not isinstance(data, dict) or not isinstance(data.get("itemList", []), list | None):
                raise SourceError(f"PTV's answer to {path}?page={page} is not a page of items")
            yield data, f"{path}?page={page}"
            count = data.get("pageCount")
            if not isinstance(count, int) or page >= count:
                return
            if page >= MAX_PAGES:
                raise SourceError(
                    f"PTV reports {count} pages for {path}; more than {MAX_PAGES} is not believed"
                )
            page += 1


class ServiceMatcher(Protocol):
    """What fetch needs of the mapping's TypeMatcher: which services are family services."""

    def types_or_reason(self, service: dict) -> tuple: ...


def fetch(client: Client, municipality: str, matcher: ServiceMatcher) -> Bundle:
    """A municipality's services and channels, then what the family services among them need: channels
    listed for other areas (national e-services) and the organisations behind them."""
    bundle = Bundle()
    for data, where in client.pages(f"Service/list/area/Municipality/code/{municipality}"):
        bundle.add_document(data, where)
    for data, where in client.pages(f"ServiceChannel/list/area/Municipality/code/{municipality}"):
        bundle.add_document(data, where)
    family = [s for s in bundle.services.values() if matcher.types_or_reason(s)[0]]
    links = Links(bundle)
    for channel_id in sorted({c for s in family for c in links.channels_of(s["id"])} - set(bundle.channels)):
        found = client.get(f"ServiceChannel/{channel_id}", missing_ok=True)
        if found is not None:
            bundle.add(found, f"ServiceChannel/{channel_id}")
    links = Links(bundle)
    needed = {org for s in family for org in links.organizations_of(s)}
    needed |= {
        uuid_text(channel.get("organizationId"))
        for s in family
        for channel in (bundle.channels.get(i, {}) for i in links.channels_of(s["id"]))
    }
    asked: set[str] = set()
    while wanted := sorted(needed - {None} - set(bundle.organizations) - asked):
        for organization_id in wanted:
            asked.add(organization_id)
            found = client.get(f"Organization/{organization_id}", missing_ok=True)
            if found is not None:
                bundle.add(found, f"Organization/{organization_id}")
        # Their parents too, so that the organisation tree comes in whole.
        needed |= {uuid_text(o.get("parentOrganizationId")) for o in bundle.organizations.values()}
    return bundle
