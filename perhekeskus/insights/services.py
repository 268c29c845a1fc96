"""Writes of insights: a coordinator's reminder about overdue reviews, the count of a service page's
views (per service and day, nothing about the person), and the committee item's written texts."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.catalog.freshness import overdue, remind_now
from perhekeskus.insights.models import ReportText, ReviewReminder, ServiceView
from perhekeskus.network.models import Municipality, Organization

REMINDER_PAUSE = datetime.timedelta(hours=24)


@transaction.atomic
def review_reminder_send(*, actor, organization: Organization) -> ReviewReminder:
    """Remind the people of `organization` at once about its services overdue for review. Refused
    (ValidationError) less than a day after the last reminder, with nothing overdue, or with nobody to
    remind."""
    # The organisation's row serialises two coordinators pressing at once.
    Organization.objects.select_for_update().get(pk=organization.pk)
    recent = ReviewReminder.objects.filter(
        organization=organization, sent_at__gte=timezone.now() - REMINDER_PAUSE
    ).first()
    if recent is not None:
        raise ValidationError(
            _("%(organization)s was reminded less than a day ago (%(when)s); wait before reminding again.")
            % {
                "organization": organization.name,
                "when": timezone.localtime(recent.sent_at).strftime("%d.%m. %H:%M"),
            }
        )
    services = overdue([organization], timezone.localdate())
    if not services:
        raise ValidationError(
            _("%(organization)s has no services overdue for review.") % {"organization": organization.name}
        )
    people = remind_now(services)
    if not people:
        raise ValidationError(
            _("Nobody at %(organization)s or among its coordinators has an e-mail address to remind.")
            % {"organization": organization.name}
        )
    # Only a reminder that reached someone holds back the next one.
    return ReviewReminder.objects.create(
        organization=organization, sent_by=actor, services=len(services), recipients=people
    )


def service_view_count(service_id, municipality_code: str = "") -> None:
    """One view of the service's page; `municipality_code`: the family's own municipality, when known."""
    day = timezone.localdate()
    row = ServiceView.objects.filter(service_id=service_id, day=day, municipality=municipality_code)
    if row.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            ServiceView.objects.create(
                service_id=service_id, day=day, municipality=municipality_code, views=1
            )
    except IntegrityError:  # another request made the day's row first
        row.update(views=F("views") + 1)


def report_text_save(*, actor, municipality: Municipality, values: dict) -> ReportText:
    """The summary and decision proposal of the municipality's committee item (one set of texts)."""
    written, _created = ReportText.objects.update_or_create(
        municipality=municipality, defaults={**values, "updated_by": actor}
    )
    return written
