"""Writes of listings: locations, services, deliveries and schedules, each validated and recorded.

Every function is atomic: on any validation error nothing of the call is written.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

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
    check_rules_do_not_overlap,
)
from perhekeskus.catalog.signals import service_reviewed
from perhekeskus.core.services import delete_tracked, save_tracked
from perhekeskus.network.models import Municipality, PostalCode


def location_save(
    *, actor, values: Mapping[str, Any], location: Location | None = None, source: str = ""
) -> Location:
    return save_tracked(instance=location or Location(), values=values, actor=actor, source=source)


def _replace_children(
    parent,
    related_name: str,
    model,
    rows: Sequence[Mapping[str, Any]],
    field: str,
    check: Callable[[list], None] | None = None,
) -> None:
    """Replace a parent's child rows by `rows`, validating each (and all together with `check`).

    The rows are left untouched when nothing differs, so saving the same data twice changes nothing.
    """
    manager = getattr(parent, related_name)
    current = [child.as_history() for child in manager.all()]
    allowed = {f.name for f in model._meta.concrete_fields if f.editable and f.name not in (field, "id")}
    errors = {}
    for index, row in enumerate(rows):
        unknown = sorted(set(row) - allowed)
        if unknown:
            errors[f"{related_name}[{index}]"] = [
                _("Unknown field: %(names)s.") % {"names": ", ".join(unknown)}
            ]
    if errors:
        raise ValidationError(errors)
    children = [model(**{field: parent}, **row) for row in rows]
    for index, child in enumerate(children):
        try:
            child.full_clean(exclude=[field], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors[f"{related_name}[{index}]"] = error.messages
    if errors:
        raise ValidationError(errors)
    if check is not None:
        check(children)
    if [child.as_history() for child in children] == current:
        return
    manager.all().delete()
    model.objects.bulk_create(children)


def service_save(
    *,
    actor,
    values: Mapping[str, Any],
    service: Service | None = None,
    service_types: Iterable[ServiceType] | None = None,
    life_situations: Iterable[LifeSituation] | None = None,
    languages: Iterable[Language] | None = None,
    service_areas: Iterable[Municipality] | None = None,
    contacts: Sequence[Mapping[str, Any]] | None = None,
    reviewed: bool = False,
    source: str = "",
) -> Service:
    """Create a service (no `service` given) or update one. Relations left as None stay as they are.
    `reviewed`: the whole listing was looked at, so the save records a review by `actor` today."""
    if reviewed:
        values = {**values, **_review_values(actor)}
    relations = {
        name: list(items)
        for name, items in (
            ("service_types", service_types),
            ("life_situations", life_situations),
            ("languages", languages),
            ("service_areas", service_areas),
        )
        if items is not None
    }
    creating = service is None
    if creating and not relations.get("service_types"):
        raise ValidationError({"service_types": [_("Choose at least one service type.")]})
    if "service_types" in relations and not relations["service_types"]:
        raise ValidationError({"service_types": [_("Choose at least one service type.")]})

    def save_contacts(saved: Service) -> None:
        if contacts is not None:
            rows = [{"position": index, **row} for index, row in enumerate(contacts)]
            _replace_children(saved, "contacts", Contact, rows, "service")

    saved = save_tracked(
        instance=service or Service(),
        values=values,
        relations=relations,
        actor=actor,
        source=source,
        after_save=save_contacts,
    )
    if reviewed:
        service_reviewed.send(sender=Service, service=saved)
    return saved


def delivery_save(
    *,
    actor,
    values: Mapping[str, Any],
    delivery: Delivery | None = None,
    municipalities: Iterable[Municipality] | None = None,
    postal_codes: Iterable[PostalCode] | None = None,
    source: str = "",
) -> Delivery:
    """Create or update a delivery. A delivery at a location always reaches the location's municipality.
    `postal_codes`: the area it serves ("your child health clinic"), codes of municipalities it reaches."""
    instance = delivery or Delivery()
    location = values.get("location", instance.location)
    if municipalities is None and delivery is not None:
        reached = None if location is None else [*delivery.municipalities.all()]
    else:
        reached = list(municipalities or [])
    if reached is not None and location is not None and location.municipality not in reached:
        reached.append(location.municipality)
    if reached == [] or (reached is None and delivery is None):
        raise ValidationError(
            {"municipalities": [_("Choose at least one municipality that this delivery reaches.")]}
        )
    relations = {} if reached is None else {"municipalities": reached}
    if postal_codes is not None:
        codes = list(postal_codes)
        allowed = (
            {m.pk for m in reached}
            if reached is not None
            else set(delivery.municipalities.values_list("pk", flat=True))
        )
        outside = sorted(code.code for code in codes if code.municipality_id not in allowed)
        if outside:
            raise ValidationError(
                {
                    "postal_codes": [
                        _("These postal codes are not in the municipalities it reaches: %(codes)s.")
                        % {"codes": ", ".join(outside)}
                    ]
                }
            )
        relations["postal_codes"] = codes
    return save_tracked(instance=instance, values=values, relations=relations, actor=actor, source=source)


def _check_one_exception_per_day(exceptions: list[ScheduleException]) -> None:
    dates = [exception.date for exception in exceptions]
    if len(dates) != len(set(dates)):
        raise ValidationError({"exceptions": [_("A day can have only one exception.")]})


def schedule_save(
    *,
    actor,
    values: Mapping[str, Any],
    schedule: Schedule | None = None,
    rules: Sequence[Mapping[str, Any]] | None = None,
    exceptions: Sequence[Mapping[str, Any]] | None = None,
    source: str = "",
) -> Schedule:
    """Create or update a schedule; `rules` and `exceptions`, when given, replace the current ones."""

    def save_children(saved: Schedule) -> None:
        if rules is not None:
            _replace_children(saved, "rules", OpeningRule, rules, "schedule", check_rules_do_not_overlap)
        if exceptions is not None:
            _replace_children(
                saved, "exceptions", ScheduleException, exceptions, "schedule", _check_one_exception_per_day
            )

    return save_tracked(
        instance=schedule or Schedule(),
        values=values,
        actor=actor,
        source=source,
        after_save=save_children,
    )


def listing_delete(*, actor, instance: Location | Service | Delivery | Schedule, source: str = "") -> None:
    delete_tracked(instance=instance, actor=actor, source=source)


def service_review_confirm(*, actor, service: Service) -> Service:
    """ "Still accurate": records today's review of `service` by `actor` (in the change history)."""
    return service_save(actor=actor, values={}, service=service, reviewed=True)


def _review_values(actor) -> dict[str, Any]:
    """The values that record a review (confirmed accurate, or saved in full) by `actor` today; a
    service hidden for going unreviewed returns to search."""
    return {
        "last_reviewed_at": timezone.localdate(),
        "last_reviewed_by": actor,
        "hidden_from_search_at": None,
    }
