"""What every import shares (HSDS files, PTV answers): reading JSON from outside, a writer that runs all
or nothing, a dry run, a brake on deleting what the source sent before, and a report.

Everything goes through the service layer (validation, change history with the source's label). A run
is all or nothing: input that cannot be read, or has the wrong shape, changes nothing; a record that
cannot be used is rejected with its reason and the rest go in. Records the source created earlier and
no longer sends are deleted, unless that is more than a fifth of them of any kind (then only with
`force`).
"""

import datetime
import http.client
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.core.exceptions import ValidationError
from django.db import models, transaction

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Language, Location, Schedule, Service
from perhekeskus.core.history import ChangeRecord
from perhekeskus.network.models import Municipality

DELETE_BRAKE = 0.2
# Far deeper than any HSDS or PTV document; deeper input is refused before anything walks it (Python's
# JSON reader and writer recurse, and run out of stack near 1,000 levels).
MAX_JSON_DEPTH = 100


class SourceError(Exception):
    """The input cannot be read or has the wrong shape: nothing is imported."""


class BrakeError(Exception):
    """The run would delete too much of what the source sent before."""


class Rejected(Exception):
    """One record cannot be used (the reason is the message); the rest go in."""


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    # Records the source has but this network does not take (e.g. PTV services that are no family services).
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Values left out of records that came in (e.g. a web address that is none).
    notes: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"created {len(self.created)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
            f"deleted {len(self.deleted)}, rejected {len(self.rejected)}"
        )
        return text + (f", skipped {len(self.skipped)}" if self.skipped else "")


# --- reading -------------------------------------------------------------------------------------


def load_json(path: Path):
    try:
        return parse_json(path.read_text(encoding="utf-8-sig"), path.name)  # a byte order mark is allowed
    except UnicodeDecodeError as error:
        raise SourceError(f"{path.name} is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise SourceError(f"{path.name} is not valid JSON: {error.msg} (line {error.lineno})") from error


def parse_json(text: str, what: str):
    """JSON from outside: SourceError when it nests deeper than MAX_JSON_DEPTH; JSONDecodeError when it
    is no JSON (the caller words that)."""
    try:
        data = json.loads(text)
        if not _depth_exceeds(data, MAX_JSON_DEPTH):
            return data
    except RecursionError:
        pass  # refused below, as is anything deeper than the limit that the reader did manage
    raise SourceError(f"{what} nests arrays or objects deeper than {MAX_JSON_DEPTH} levels")


def fetch_json(
    url: str,
    *,
    source: str,
    setting: str,
    timeout: float,
    body: bytes | None = None,
    missing_ok: bool = False,
):
    """The JSON answer of `source` (e.g. "PTV") at `url`, which comes from the setting `setting`: a
    GET, or a POST of the JSON `body`. Every way it can fail is a SourceError that says what happened;
    None for a 404 when `missing_ok`."""
    headers = {"Accept": "application/json", "User-Agent": "perhekeskus-import"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        request = Request(url, data=body, method="POST" if body is not None else "GET", headers=headers)
        with urlopen(request, timeout=timeout) as response:
            body = response.read()
    except HTTPError as error:
        if error.code == 404 and missing_ok:
            return None
        raise SourceError(f"{source} answered {error.code} {error.reason} to {url}") from error
    except URLError as error:
        raise SourceError(f"cannot reach {source} at {url} ({error.reason})") from error
    except (TimeoutError, OSError, http.client.HTTPException) as error:
        # Refused, timed out, cut off mid-answer or not HTTP at all.
        raise SourceError(f"cannot reach {source} at {url} ({error!r})") from error
    except ValueError as error:
        raise SourceError(f"{setting} gives no usable address: {url} ({error})") from error
    try:
        # The answer may begin with a byte order mark.
        return parse_json(body.decode("utf-8-sig"), f"{source}'s answer to {url}")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"{source}'s answer to {url} is not JSON ({error})") from error


def _depth_exceeds(data, limit: int) -> bool:
    # Without recursion: the point is not to run out of stack.
    pending = [(data, 1)] if isinstance(data, dict | list) else []
    while pending:
        value, depth = pending.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def uuid_text(value) -> str | None:
    """A UUID in one spelling (sources may write them upper case or braced); None when it is none."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def iso_date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise Rejected(f"{value!r} is not a date") from error


def messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(map(str, messages))}" for name, messages in error.message_dict.items()
        )
    return " ".join(map(str, error.messages))


# --- writing -------------------------------------------------------------------------------------


class _DryRun(Exception):
    pass


def check_brake(kind: str, dropped: int, existing: int, force: bool) -> None:
    """Each kind on its own: a source that stops sending one kind must not pass under the others."""
    if existing and dropped > DELETE_BRAKE * existing and not force:
        raise BrakeError(
            f"this run would delete {dropped} of the {existing} {kind} records this source sent before "
            f"(more than {DELETE_BRAKE:.0%}); check the source, or run again with --force"
        )


def ids_created(model: type[models.Model], **source) -> set[str]:
    """Ids of the `model` rows created by the sources that `source` (lookups on the change record's
    source) names: whatever they created, whether it is still there or not."""
    rows = ChangeRecord.objects.filter(
        action=ChangeRecord.Action.CREATED, content_type__model=model._meta.model_name, **source
    )
    return {str(object_id) for object_id in rows.values_list("object_id", flat=True)}


class Writer:
    """Writes one source's records under its label; `write_all` saves what the source sends (noting
    each one in `sent`), `delete_missing` removes what it created before and sends no longer."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.report = Report()
        self.sent: dict[type, set[str]] = defaultdict(set)
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.all()}

    def write_all(self) -> None:
        raise NotImplementedError

    def delete_missing(self, force: bool) -> None:
        raise NotImplementedError

    def run(self, *, dry_run: bool, force: bool) -> Report:
        """Everything in one transaction (a BrakeError undoes it all); a dry run is rolled back after it
        (the report stays)."""
        try:
            with transaction.atomic():
                self.write_all()
                self.delete_missing(force)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return self.report

    def attempt(self, what: str, write: Callable, *args):
        """`write(*args)` in a savepoint; a failure is reported with its reason and undone (None)."""
        try:
            with transaction.atomic():
                return write(*args)
        except Rejected as reason:
            self.report.rejected.append((what, str(reason)))
        except ValidationError as error:
            self.report.rejected.append((what, messages(error)))
        except (TypeError, AttributeError, ValueError, OverflowError, KeyError) as error:
            self.report.rejected.append((what, f"a field has the wrong type ({error})"))
        return None

    def save_counted(self, kind: str, existing, new, save: Callable, changes) -> models.Model:
        """`save(existing or new)`, reported as created, updated (when `changes`, a query of change
        records, grew) or unchanged."""
        before = changes.count()
        saved = save(new if existing is None else existing)
        if existing is None:
            self.report.created.append(f"{kind} {saved.pk}")
        elif changes.count() > before:
            self.report.updated.append(f"{kind} {saved.pk}")
        else:
            self.report.unchanged.append(f"{kind} {saved.pk}")
        return saved

    def save_schedule(
        self, schedule_id: str, values: dict, rules: list[dict], exceptions: list[dict]
    ) -> Schedule:
        """A schedule under an id derived from what it is (its delivery, validity and kind), so that a
        second run finds it."""
        return catalog_services.schedule_save(
            actor=None,
            values=values,
            schedule=Schedule.objects.filter(pk=schedule_id).first() or Schedule(pk=schedule_id),
            rules=rules,
            exceptions=exceptions,
            source=self.label,
        )

    def drop_service(self, service: Service) -> None:
        # Listings keep their history: a service the source dropped becomes inactive.
        catalog_services.service_save(
            actor=None, service=service, values={"status": "inactive"}, source=self.label
        )
        self.report.deleted.append(f"service {service.pk}")

    def delete_listing(self, kind: str, instance: Delivery | Location) -> None:
        try:
            with transaction.atomic():
                catalog_services.listing_delete(actor=None, instance=instance, source=self.label)
        except ValidationError as error:
            self.report.rejected.append((f"{kind} {instance.pk}", f"kept, still in use: {messages(error)}"))
            return
        self.report.deleted.append(f"{kind} {instance.pk}")
