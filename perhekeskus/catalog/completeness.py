"""Is a service ready to be published? One checklist, read by the editor's service page, the
coordinators' review queue, the organisation's "listings that need attention" page and the publish
step itself, which refuses while a required item is missing. Pure reads: nothing here writes."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Delivery, Service


@dataclass(frozen=True)
class Item:
    key: str
    label: str  # lazily translated: rendered in the reader's language
    required: bool
    done: bool


def with_checklist_data(services: QuerySet[Service]) -> QuerySet[Service]:
    """`services` with what `checklist` reads prefetched, so a list of them costs no query per row."""
    deliveries = Delivery.objects.prefetch_related("schedules__rules")
    return services.prefetch_related("contacts", Prefetch("deliveries", queryset=deliveries))


def _has_hours(delivery: Delivery) -> bool:
    return any(schedule.by_appointment or schedule.rules.all() for schedule in delivery.schedules.all())


def checklist(service: Service) -> list[Item]:
    """The required items, then the advisory ones (shown, never blocking)."""
    deliveries = list(service.deliveries.all())
    at_places = [delivery for delivery in deliveries if delivery.location_id is not None]
    return [
        Item(
            "contact",
            _("Contact: a phone number, an e-mail address or an e-service"),
            True,
            bool(service.phone or service.email or service.eservice_url or service.contacts.all()),
        ),
        Item("summary", _("Summary in Finnish"), True, bool(service.summary_fi.strip())),
        Item(
            "how_to_get", _("How to get the service, in Finnish"), True, bool(service.how_to_get_fi.strip())
        ),
        Item(
            "delivery",
            _("Where or how it is offered: a place, or a way such as online"),
            True,
            bool(deliveries),
        ),
        # A way of offering without a place (at home, online) has no hours to keep.
        Item(
            "hours",
            _("Opening hours, or “by appointment”, at each place"),
            True,
            all(_has_hours(delivery) for delivery in at_places),
        ),
        Item(
            "swedish",
            _("Name and summary in Swedish"),
            False,
            bool(service.name_sv.strip() and service.summary_sv.strip()),
        ),
        Item(
            "english",
            _("Name and summary in English"),
            False,
            bool(service.name_en.strip() and service.summary_en.strip()),
        ),
    ]


def missing_required(service: Service) -> list[Item]:
    return [item for item in checklist(service) if item.required and not item.done]
