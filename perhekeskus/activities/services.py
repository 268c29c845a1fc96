"""Writes of activities: saving one with its changed occurrences, registering (never past capacity,
even under concurrent registrations: the occurrence's row is locked), cancelling by the e-mailed link
with waiting-list promotion, attendance, and telling participants of a cancellation. A family is told in
the language it registered in, with links that keep that language."""

import copy
import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.activities import confirmation, recurrence, reminders
from perhekeskus.activities.models import Activity, Occurrence, OccurrenceChange, Registration
from perhekeskus.activities.selectors import (
    cancel_token,
    occurrence_for,
    places_taken_in,
    registration_occurrence,
    registration_window,
)
from perhekeskus.core.mail import mail_on_commit
from perhekeskus.core.services import save_tracked
from perhekeskus.core.translation import languages_of
from perhekeskus.core.validators import validate_no_identity_code
from perhekeskus.messaging import sms


def activity_save(
    *,
    actor,
    values: Mapping[str, Any],
    activity: Activity | None = None,
    languages=None,
    source: str = "",
) -> Activity:
    relations = {} if languages is None else {"languages": list(languages)}
    if activity is not None:
        _check_registered_times_remain(activity, values)
    saved = save_tracked(
        instance=activity or Activity(), values=values, relations=relations, actor=actor, source=source
    )
    if saved.cancelled and activity is not None:
        # Cancelled for good: no reminder of its times goes any more.
        reminders.withdraw_reminders(Registration.objects.filter(occurrence__activity=saved))
    return saved


def _check_registered_times_remain(activity: Activity, values: Mapping[str, Any]) -> None:
    """A change of the schedule must keep every coming time that has registrations (else those families
    would hold places at a time that no longer exists): cancel or move such a time first."""
    changed = copy.copy(activity)
    for name, value in values.items():
        setattr(changed, name, value)
    registered = Occurrence.objects.filter(
        activity=activity,
        start__gte=timezone.now(),
        registrations__status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
    ).distinct()
    lost = [
        row.start
        for row in registered
        if not recurrence.is_occurrence(changed, row.start)
        or (recurrence.holiday_skipped(changed, row.start) and not _moved(activity, row.start))
    ]
    if lost:
        raise ValidationError(
            {
                "starts_on": [
                    _(
                        "Families have registered for times this change would remove (%(times)s). Cancel or "
                        "move those times first, so that the families are told."
                    )
                    % {"times": ", ".join(timezone.localtime(t).strftime("%d.%m.%Y %H:%M") for t in lost[:5])}
                ]
            }
        )


def _moved(activity: Activity, original_start: datetime.datetime) -> bool:
    return activity.changes.filter(original_start=original_start, new_start__isnull=False).exists()


# Copied to a duplicate: what the activity is and how it meets, not its times' changes or registrations.
DUPLICATED_FIELDS = [
    "service",
    *(f"title_{code}" for code in languages_of(Activity, "title")),
    *(f"description_{code}" for code in languages_of(Activity, "description")),
    "location", "online_url", "age_min_months", "age_max_months", "is_free", "price_fi", "price_sv", "price_en",
    "accessibility_fi", "accessibility_sv", "accessibility_en", "start_time", "duration_minutes", "repeat",
    "repeat_count", "held_on_holidays", "registration", "capacity", "registration_opens_days",
    "registration_closes_hours", "waiting_list",
]  # fmt: skip
COPY_SUFFIXES = {"title_fi": " (kopio)", "title_sv": " (kopia)", "title_en": " (copy)"}


def activity_duplicate(*, actor, activity: Activity, today: datetime.date | None = None) -> Activity:
    """A copy of the activity that starts next week on the same weekday (its end date and single dates
    moved by as many weeks), titled as a copy, without registrations or changed times."""
    today = today or timezone.localdate()
    next_monday = today + datetime.timedelta(days=7 - today.weekday())
    starts_on = next_monday + datetime.timedelta(days=activity.starts_on.weekday())
    shift = starts_on - activity.starts_on  # whole weeks: weekdays stay
    values = {name: getattr(activity, name) for name in DUPLICATED_FIELDS}
    for name, suffix in COPY_SUFFIXES.items():
        if values[name]:
            values[name] = values[name][: Activity._meta.get_field(name).max_length - len(suffix)] + suffix
    values["starts_on"] = starts_on
    values["repeat_until"] = activity.repeat_until + shift if activity.repeat_until else None
    values["extra_dates"] = [
        (datetime.date.fromisoformat(day) + shift).isoformat() for day in activity.extra_dates or []
    ]
    return activity_save(actor=actor, values=values, languages=activity.languages.all(), source="duplicate")


@transaction.atomic
def occurrence_change(
    *,
    actor,
    activity: Activity,
    original_start: datetime.datetime,
    cancelled: bool,
    new_start=None,
    note: str = "",
) -> OccurrenceChange | None:
    """Cancel or move one occurrence (or, with neither, undo its change); recorded on the activity."""
    if not recurrence.is_occurrence(activity, original_start):
        raise ValidationError(_("The activity does not meet at that time."))
    if cancelled and new_start:
        raise ValidationError(_("An occurrence is either cancelled or moved, not both."))
    if new_start and abs(new_start - original_start) > recurrence.MAX_MOVE:
        raise ValidationError({"new_start": [_("A time can be moved by two months at most.")]})

    def apply(saved: Activity) -> None:
        if not cancelled and not new_start:
            OccurrenceChange.objects.filter(activity=saved, original_start=original_start).delete()
            return
        OccurrenceChange.objects.update_or_create(
            activity=saved,
            original_start=original_start,
            defaults={"cancelled": cancelled, "new_start": new_start, "note_fi": note[:300]},
        )

    save_tracked(instance=Activity.objects.get(pk=activity.pk), values={}, actor=actor, after_save=apply)
    return OccurrenceChange.objects.filter(activity=activity, original_start=original_start).first()


def occurrence_tell(*, activity: Activity, original_start: datetime.datetime, note: str = "") -> int:
    """Tell the families registered for an occurrence its time as it now stands (cancelled, moved or
    held after all), by e-mail or text message, with the organiser's note in the e-mail; their
    reminders waiting are withdrawn. The number of families told."""
    row = (
        Occurrence.objects.select_related("activity").filter(activity=activity, start=original_start).first()
    )
    return 0 if row is None else reminders.tell_of_change(row, note=note[:300])


def _locked_row(activity: Activity, original_start: datetime.datetime) -> Occurrence:
    """The occurrence's row, made when missing, locked for this transaction: registrations for the same
    occurrence queue here, so the count they see is the count they write."""
    try:
        with transaction.atomic():
            Occurrence.objects.get_or_create(activity=activity, start=original_start)
    except IntegrityError:
        pass  # made by a concurrent registration
    return Occurrence.objects.select_for_update().get(activity=activity, start=original_start)


def _tell(
    registration: Registration,
    template: str,
    occurrence: recurrence.Occurrence | None = None,
    **context: Any,
) -> None:
    """E-mail a family of its registration (when it gave an address): in its language, with the time,
    the place, the calendar entry and the link to see or cancel it."""
    if not registration.email:
        return
    language = registration.language
    occurrence = occurrence or registration_occurrence(registration)
    mail_on_commit(
        to=registration.email,
        template=template,
        language=language,
        context={
            "registration": registration,
            "details": confirmation.details(registration, occurrence, language),
            **confirmation.links(cancel_token(registration), language),
            **context,
        },
    )


@transaction.atomic
def registration_create(
    *,
    activity: Activity,
    original_start: datetime.datetime,
    values: Mapping[str, Any],
    language: str | None = None,
) -> Registration:
    """Register for one occurrence: confirmed while places last, then on the waiting list (if it has
    one), else refused. The confirmation e-mail (in `language`, the one the family registered in)
    carries the place, a calendar entry and the cancellation link."""
    if activity.registration != Activity.Registration.REQUIRED:
        raise ValidationError(_("This activity needs no registration: just come."))
    occurrence = occurrence_for(activity, original_start)
    if occurrence is None or occurrence.cancelled:
        raise ValidationError(_("This occurrence is not held."), code="not_held")
    opens, closes = registration_window(activity, occurrence)
    now = timezone.now()
    if now < opens:
        raise ValidationError(
            _("Registration opens on %(date)s.")
            % {"date": timezone.localtime(opens).strftime("%d.%m.%Y %H:%M")},
            code="opens",
        )
    if now > closes:
        raise ValidationError(_("Registration for this occurrence has closed."), code="closed")
    for name in ("name", "needs"):
        validate_no_identity_code(values.get(name) or "")
    row = _locked_row(activity, original_start)
    people = int(values.get("adults", 1)) + int(values.get("children", 0))
    if people < 1:
        raise ValidationError(_("Register at least one person."))
    if activity.capacity is None or places_taken_in(row) + people <= activity.capacity:
        status = Registration.Status.CONFIRMED
    elif activity.waiting_list:
        status = Registration.Status.WAITING
    else:
        raise ValidationError(_("This occurrence is full."), code="full")
    registration = Registration(
        occurrence=row, status=status, language=language or settings.LANGUAGE_CODE, **values
    )
    # The page and the form told the family so: text messages to its phone when it gave no e-mail.
    registration.texts_promised = bool(registration.phone and not registration.email and sms.enabled())
    registration.full_clean(exclude=["occurrence"])
    registration.save()
    _tell(registration, "activities/email/registered", occurrence)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> list[Registration]:
    """Cancel a registration (by its link); waiting registrations that now fit move up, in order, and are
    told. Returns those promoted."""
    row = Occurrence.objects.select_for_update().select_related("activity").get(pk=registration.occurrence_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("This registration has already been cancelled."), code="already")
    occurrence = occurrence_for(row.activity, row.start, even_if_cancelled=True)
    if (occurrence.start if occurrence else row.start) <= timezone.now():
        raise ValidationError(
            _("The occurrence has already begun: it can no longer be cancelled here."), code="begun"
        )
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    reminders.withdraw_reminders([registration])
    if occurrence is None or occurrence.cancelled:
        return []  # the time is not held: nobody moves up to it
    return _promote(row)


def _promote(row: Occurrence) -> list[Registration]:
    activity = row.activity
    occurrence = occurrence_for(activity, row.start)
    promoted = []
    free = None if activity.capacity is None else activity.capacity - places_taken_in(row)
    for waiting in row.registrations.filter(status=Registration.Status.WAITING).order_by("created_at"):
        if free is not None and waiting.people > free:
            continue  # a smaller family further down may fit
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status"])
        promoted.append(waiting)
        if free is not None:
            free -= waiting.people
        waiting.occurrence = row
        _tell(waiting, "activities/email/promoted", occurrence)
    return promoted


@transaction.atomic
def attendance_mark(*, registrations: Sequence[Registration], attended: set) -> None:
    for registration in registrations:
        Registration.objects.filter(pk=registration.pk).update(attended=registration.pk in attended)
