"""Activities of services (family cafés, groups, courses): when they meet (a recurrence rule and
single dates, with cancelled or moved occurrences), and registration with capacity and a waiting list.
Registrants' personal data is encrypted at rest and erased after the occurrence (retention.py)."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.activities.recurrence import FIRST_YEAR, LAST_YEAR, in_range, rule
from perhekeskus.catalog.models import Language, Location, Service, ordered_range
from perhekeskus.core.encryption import EncryptedTextField
from perhekeskus.core.models import BaseModel
from perhekeskus.core.translation import EXTENDED_LANGUAGES, translated_char, translated_text
from perhekeskus.core.validators import validate_age_months
from perhekeskus.network.models import WebAddressField

# People in one registration, as the registration form offers them.
MAX_ADULTS, MAX_CHILDREN = 10, 15
# From this age on the people an activity is for are adults (an activity for parents, not children).
ADULT_MONTHS = 18 * 12
MAX_REPEAT_COUNT = 500


def validate_activity_date(value: datetime.date) -> None:
    """Only dates the recurrence and calendar code can count with (beyond them it overflows)."""
    if value is not None and not in_range(value):
        raise ValidationError(
            _("Give a date in the years %(first)s–%(last)s."),
            code="date_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class ActivityQuerySet(models.QuerySet):
    def editable_by(self, user):
        """An organisation keeps its activities with the same people as its services."""
        return self.filter(service__in=Service.objects.editable_by(user))


class Activity(BaseModel):
    TRACK_HISTORY = True  # every change is recorded (core.history)

    class Repeat(models.TextChoices):
        NONE = "none", _("single dates only")
        WEEKLY = "weekly", _("every week")
        FORTNIGHTLY = "fortnightly", _("every other week")
        MONTHLY = "monthly", _("monthly on a weekday (e.g. the 2nd Tuesday)")

    class Registration(models.TextChoices):
        NONE = "none", _("no registration")
        REQUIRED = "required", _("registration required")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="activities", verbose_name=_("service")
    )
    title = translated_char(_("title"), required=True, languages=EXTENDED_LANGUAGES)
    description = translated_text(_("description"), languages=EXTENDED_LANGUAGES)
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("place"),
    )
    online_url = WebAddressField(_("online meeting address"), blank=True)
    age_min_months = models.PositiveSmallIntegerField(
        _("minimum age (months)"), null=True, blank=True, validators=[validate_age_months]
    )
    age_max_months = models.PositiveSmallIntegerField(
        _("maximum age (months)"), null=True, blank=True, validators=[validate_age_months]
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="activities", verbose_name=_("languages")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = translated_char(_("price"))
    accessibility = translated_text(_("accessibility"))
    # When: the first day, the time in Helsinki, and how it repeats (RFC 5545, see recurrence.py).
    starts_on = models.DateField(_("first day"), validators=[validate_activity_date])
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=90, validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    repeat = models.CharField(_("repeats"), max_length=12, choices=Repeat.choices, default=Repeat.WEEKLY)
    repeat_until = models.DateField(
        _("repeats until"), null=True, blank=True, validators=[validate_activity_date]
    )
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPEAT_COUNT)],
    )
    extra_dates = models.JSONField(_("single dates"), default=list, blank=True)
    # Most places are closed on public holidays (and Midsummer Eve, Christmas Eve): a repeating time on
    # one is not held unless this says so. A single date is always held (it was chosen by hand).
    held_on_holidays = models.BooleanField(
        _("held on public holidays"),
        default=False,
        help_text=_(
            "Otherwise a repeating time on a public holiday, Midsummer Eve or Christmas Eve is not held."
        ),
    )
    registration = models.CharField(
        _("registration"), max_length=10, choices=Registration.choices, default=Registration.NONE
    )
    capacity = models.PositiveSmallIntegerField(
        _("places (people)"),
        null=True,
        blank=True,
        help_text=_("Adults and children together; empty: no limit."),
        validators=[MaxValueValidator(10_000)],
    )
    registration_opens_days = models.PositiveSmallIntegerField(
        _("registration opens (days before)"), default=30, validators=[MaxValueValidator(365)]
    )
    registration_closes_hours = models.PositiveSmallIntegerField(
        _("registration closes (hours before)"), default=2, validators=[MaxValueValidator(30 * 24)]
    )
    waiting_list = models.BooleanField(_("waiting list"), default=True)
    # Registered families are reminded the day before at this time (by e-mail, or by text message when
    # they gave only a phone number); no reminder when empty.
    reminder_time = models.TimeField(
        _("reminder the day before at"), null=True, blank=True, default=datetime.time(17, 0)
    )
    asks_feedback = models.BooleanField(
        _("ask the families whether it was useful"),
        default=True,
        help_text=_(
            "After each time, the registered families get one question by e-mail or text message: was it "
            "useful? The answers come without names."
        ),
    )
    cancelled = models.BooleanField(_("cancelled for good"), default=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["title_fi"]
        verbose_name_plural = _("activities")
        constraints = [
            ordered_range(
                "age_min_months",
                "age_max_months",
                name="activity_age_range_ordered",
                message=_("The minimum age must not be greater than the maximum age."),
            ),
        ]

    def __str__(self) -> str:
        return self.title_fi

    def clean(self) -> None:
        errors = {}
        if self.repeat_until and self.repeat_count:
            errors["repeat_count"] = [_("Give an end date or a number of times, not both.")]
        if self.repeat_until and self.starts_on and self.repeat_until < self.starts_on:
            errors["repeat_until"] = [_("The repetition must not end before the first day.")]
        if self.location_id is None and not self.online_url:
            errors["location"] = [_("Choose the place, or give the online meeting address.")]
        if (
            self.location_id is not None
            and self.service_id
            and self.location.organization_id != self.service.organization_id
        ):
            errors["location"] = [_("Choose one of the organisation's own places.")]
        if not self.is_free and not self.price_fi:
            errors["price_fi"] = [_("Give the price when the activity is not free of charge.")]
        try:
            dates = sorted({datetime.date.fromisoformat(str(day)) for day in self.extra_dates or []})
        except ValueError:
            errors["extra_dates"] = [_("Single dates must be dates (YYYY-MM-DD).")]
        else:
            self.extra_dates = [day.isoformat() for day in dates]
            for day in dates:
                try:
                    validate_activity_date(day)
                except ValidationError as error:
                    errors["extra_dates"] = error.messages
                    break
        if "repeat_count" not in errors and (last := self._last_counted_start()) and not in_range(last):
            # Occurrences past the range could not be named in addresses (registration would not find them).
            errors["repeat_count"] = [
                ValidationError(
                    _(
                        "The last time would fall on %(day)s, beyond the years %(first)s–%(last)s: give fewer times."
                    ),
                    code="date_out_of_range",
                    params={"day": formats.date_format(last.date()), "first": FIRST_YEAR, "last": LAST_YEAR},
                )
            ]
        if self.registration == self.Registration.REQUIRED and self.capacity == 0:
            errors["capacity"] = [_("Give at least one place, or leave it empty for no limit.")]
        if errors:
            raise ValidationError(errors)

    def _last_counted_start(self) -> datetime.datetime | None:
        """The last start of a rule with a number of times, as the recurrence code counts it; None when
        there is no such rule or its fields are not valid to count with."""
        if not (
            self.repeat != self.Repeat.NONE
            and self.starts_on
            and in_range(self.starts_on)
            and self.start_time
            and self.repeat_count
            and 0 < self.repeat_count <= MAX_REPEAT_COUNT
        ):
            return None
        return list(rule(self))[-1]

    def history_extra(self) -> dict:
        return {"changes": [change.as_history() for change in self.changes.all()]}

    @property
    def expects_children(self) -> bool:
        """Whether families bring children: the registration form then starts with one child. The
        activity's ages are its children's; one whose youngest age is adult is for adults. Without ages
        the service tells: one only for parents or expecting parents is for adults."""
        if self.age_min_months is not None or self.age_max_months is not None:
            return (self.age_min_months or 0) < ADULT_MONTHS
        service = self.service
        if service.age_min_months is not None or service.age_max_months is not None:
            return (service.age_min_months or 0) < ADULT_MONTHS
        return service.for_whole_family or not (service.for_parents or service.for_expecting_parents)

    @property
    def public_online_url(self) -> str:
        """The meeting address for everyone; with registration it goes to the registered only."""
        return self.online_url if self.registration == self.Registration.NONE else ""


class OccurrenceChange(models.Model):
    """One occurrence cancelled, or moved to another time (with a note for the participants)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="changes")
    original_start = models.DateTimeField(_("original time"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_start = models.DateTimeField(_("new time"), null=True, blank=True)
    note = translated_char(_("note"), max_length=300)

    class Meta:
        ordering = ["original_start"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "original_start"], name="one_change_per_occurrence")
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.original_start:%Y-%m-%d %H:%M}"

    def as_history(self) -> dict:
        return {
            "original_start": self.original_start.isoformat(),
            "cancelled": self.cancelled,
            "new_start": self.new_start.isoformat() if self.new_start else None,
            "note_fi": self.note_fi,
        }


class Occurrence(models.Model):
    """The row a registration locks: one per occurrence that has registrations (made on demand)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField()  # the original start (moving keeps the registrations)

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["activity", "start"], name="one_row_per_occurrence")]

    def __str__(self) -> str:
        return f"{self.activity} {self.start:%Y-%m-%d %H:%M}"


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    adults = models.PositiveSmallIntegerField(
        _("adults"), default=1, validators=[MaxValueValidator(MAX_ADULTS)]
    )
    children = models.PositiveSmallIntegerField(
        _("children"), default=0, validators=[MaxValueValidator(MAX_CHILDREN)]
    )
    name = EncryptedTextField(_("name"))
    email = EncryptedTextField(_("e-mail"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    needs = EncryptedTextField(_("needs (optional)"), blank=True)
    attended = models.BooleanField(null=True, blank=True)
    # The language the family registered in: its messages, and the links in them, are in it.
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    reminders_stopped_at = models.DateTimeField(null=True, blank=True)  # the family stopped them
    # Whether the family was told, when it registered, that text messages would come to its phone
    # (it gave no e-mail and the site sends them): only then are they sent.
    texts_promised = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.occurrence} {self.get_status_display()}"

    @property
    def people(self) -> int:
        return self.adults + self.children


class VisitFeedback(models.Model):
    """A family's answer, after a time it registered for, to "was it useful?", with an optional comment
    from which identity codes and contact details were taken out. No relation to the registration:
    a keyed hash keeps it to one answer while the link works, and is emptied then."""

    class Answer(models.TextChoices):
        USEFUL = "useful", _("Yes")
        PARTLY = "partly", _("Partly")
        NOT_USEFUL = "not-useful", _("No")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="feedback")
    occurrence_start = models.DateTimeField()  # the time's original start, as its registrations have it
    answer = models.CharField(max_length=10, choices=Answer.choices)
    comment = models.TextField(blank=True)
    screened = models.BooleanField(default=False)  # personal details were taken out of the comment
    # A keyed hash of the registration and the time, keeping it to one answer while the link works;
    # emptied after that (activities.retention), when nothing is left that could tie it to a family.
    registration_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.activity} {self.occurrence_start:%Y-%m-%d} {self.answer}"
