import calendar
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.core.models import BaseModel, Publication
from perhekeskus.core.translation import (
    EXTENDED_LANGUAGES,
    PLAIN_FINNISH,
    PUBLIC_LANGUAGES,
    translated_char,
    translated_text,
)
from perhekeskus.core.validators import (
    distance_km,
    normalize_phone,
    validate_age_months,
    validate_latitude,
    validate_longitude,
    validate_point_in_finland,
    validate_postal_code_format,
)
from perhekeskus.network.models import Municipality, Organization, PostalCode, WebAddressField


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where it has fewer days (31.8. + 6 → 28.2.)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ordered_range(low: str, high: str, *, name: str, message: str) -> models.CheckConstraint:
    """`low` ≤ `high` whenever both are given."""
    return models.CheckConstraint(
        condition=Q(**{f"{low}__isnull": True})
        | Q(**{f"{high}__isnull": True})
        | Q(**{f"{low}__lte": F(high)}),
        name=name,
        violation_error_message=message,
    )


# --- Taxonomy (reference data, see perhekeskus/reference_data) ---------------------------------


class TaxonomyTerm(BaseModel):
    code = models.SlugField(max_length=50, unique=True)
    name = translated_char(_("name"), max_length=150, required=True, languages=PUBLIC_LANGUAGES)
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order in lists."), validators=[MaxValueValidator(9999)]
    )

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name_fi


class Category(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name_plural = _("categories")


class ServiceType(TaxonomyTerm):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="service_types")
    is_core = models.BooleanField(
        _("core service"),
        default=False,
        help_text=_("The family centre model expects it in every municipality."),
    )
    ptv_service_class = models.CharField(max_length=20, blank=True)
    koko_concept = models.CharField(max_length=20, blank=True)
    ptv_general_description = models.CharField(max_length=20, blank=True)


class LifeSituation(TaxonomyTerm):
    # The short orientation of the life-situation guide page (reference data).
    guide = translated_text(_("guide"), languages=(*PUBLIC_LANGUAGES, PLAIN_FINNISH))
    age_from_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_age_months]
    )
    age_to_months = models.PositiveSmallIntegerField(null=True, blank=True, validators=[validate_age_months])
    service_types = models.ManyToManyField(ServiceType, related_name="life_situations", blank=True)


class DeliveryMode(TaxonomyTerm):
    # Modes that happen at a place of the provider's and so need a location.
    LOCATION_MODES = frozenset({"provider-site", "family-centre-building"})

    @property
    def requires_location(self) -> bool:
        return self.code in self.LOCATION_MODES


class Language(TaxonomyTerm):
    code = models.SlugField(max_length=3, unique=True)


# --- Listings --------------------------------------------------------------------------------
# A listing is editable by the people who keep its organisation's listings
# (Organization.objects.listings_editable_by): its editors and admins, and the network's coordinators.


class LocationQuerySet(models.QuerySet):
    def editable_by(self, user):
        return self.filter(organization__in=Organization.objects.listings_editable_by(user))


class ServiceQuerySet(models.QuerySet):
    def editable_by(self, user):
        return self.filter(organization__in=Organization.objects.listings_editable_by(user))


class DeliveryQuerySet(models.QuerySet):
    def editable_by(self, user):
        return self.filter(service__in=Service.objects.editable_by(user))


class ScheduleQuerySet(models.QuerySet):
    def editable_by(self, user):
        return self.filter(delivery__service__in=Service.objects.editable_by(user))


class Location(BaseModel):
    """A place where services are given. A confidential location (a shelter) never shows its address."""

    TRACK_HISTORY = True  # every change is recorded (core.history)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations", verbose_name=_("organisation")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="locations", verbose_name=_("municipality")
    )
    name = translated_char(_("name"), required=True)
    street_address = translated_char(_("street address"))
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[validate_postal_code_format]
    )
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=[validate_latitude])
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=[validate_longitude])
    accessibility = translated_text(_("accessibility"))
    entrance = translated_text(_("entrance"))
    confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_("For example a shelter: the address and map position are never shown to the public."),
    )
    ptv_id = models.UUIDField(_("PTV id"), null=True, blank=True, unique=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="location_coordinates_in_pairs",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def directions_url(self) -> str | None:
        """A route planner's address for getting here (a link only: nothing is sent anywhere while a
        page is made): to the map position, else to the street address; None for a confidential
        place or one with neither. Google Maps' documented URL form opens the phone's map app with
        the route from where the family is (docs/decisions/0019-a-familys-journey-on-a-phone.md)."""
        if self.confidential:
            return None
        if self.latitude is not None:
            destination = f"{self.latitude:.6f},{self.longitude:.6f}"
        elif self.street_address_fi:
            destination = ", ".join(
                part
                for part in (self.street_address_fi, f"{self.postal_code} {self.post_office}".strip())
                if part
            )
        else:
            return None
        return f"https://www.google.com/maps/dir/?{urlencode({'api': 1, 'destination': destination})}"

    # A place further than this from its municipality's centre point is in the wrong municipality
    # (the largest North Karelian municipalities reach about 60 km from their centres).
    MAX_KM_FROM_MUNICIPALITY_CENTRE = 80

    def clean(self) -> None:
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = [_("Give both latitude and longitude, or neither.")]
        elif self.latitude is not None and not any(f in errors for f in ("latitude", "longitude")):
            try:
                validate_point_in_finland(self.latitude, self.longitude)
                self._check_point_in_municipality()
            except ValidationError as error:
                errors["latitude"] = error.messages
        if self.postal_code:
            errors.update(self._check_postal_code())
        if self.street_address_fi and not self.postal_code:
            errors["postal_code"] = [_("A street address needs a postal code.")]
        if errors:
            raise ValidationError(errors)

    def _check_point_in_municipality(self) -> None:
        place = self.municipality if self.municipality_id else None
        if place is None or place.latitude is None:
            return
        km = distance_km(self.latitude, self.longitude, place.latitude, place.longitude)
        if km > self.MAX_KM_FROM_MUNICIPALITY_CENTRE:
            raise ValidationError(
                _(
                    "The point is %(km)d km from the centre of %(municipality)s: check the coordinates or the municipality."
                ),
                params={"km": km, "municipality": place.name},
            )

    def _check_postal_code(self) -> dict:
        known = PostalCode.objects.select_related("municipality").filter(code=self.postal_code).first()
        if known is None:
            return {"postal_code": [_("Postal code %(code)s does not exist.") % {"code": self.postal_code}]}
        if self.municipality_id and known.municipality_id != self.municipality_id:
            return {
                "postal_code": [
                    _("Postal code %(code)s is in %(other)s, not in %(municipality)s.")
                    % {
                        "code": known.code,
                        "other": known.municipality.name,
                        "municipality": self.municipality.name,
                    }
                ]
            }
        if not self.post_office:
            self.post_office = known.name_fi
        elif self.post_office.casefold() not in (known.name_fi.casefold(), known.name_sv.casefold()):
            return {
                "post_office": [
                    _("The post office of %(code)s is %(office)s.")
                    % {"code": known.code, "office": known.name_fi}
                ]
            }
        return {}

    # Everything the public sees of the place goes through these, so a confidential address never leaks.
    @property
    def public_street_address(self) -> str:
        return "" if self.confidential else self.street_address

    @property
    def public_postal_code(self) -> str:
        return "" if self.confidential else self.postal_code

    @property
    def public_post_office(self) -> str:
        return "" if self.confidential else self.post_office

    @property
    def public_point(self) -> tuple[float, float] | None:
        if self.confidential or self.latitude is None:
            return None
        return (self.latitude, self.longitude)


class Service(BaseModel):
    TRACK_HISTORY = True  # every change is recorded (core.history)
    # Kept by the review workflow and the freshness review, never by undoing an edit.
    REVIEW_FIELDS = frozenset(
        {
            "publication",
            "last_reviewed_at",
            "last_reviewed_by",
            "review_reminded_for",
            "hidden_from_search_at",
        }
    )

    class Status(models.TextChoices):
        # The values are HSDS 3.1's service status enumeration.
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    class Interpretation(models.TextChoices):
        # HSDS 3.1's service.interpretation_services is free text; these are what a family needs to
        # know from it (the note says the rest: languages, how to ask).
        NOT_STATED = "", _("not stated")
        NONE = "none", _("no interpretation")
        FREE = "free", _("interpreter available, free of charge")
        FEE = "fee", _("interpreter available, for a fee")

    class AccessMethod(models.TextChoices):
        DROP_IN = "drop-in", _("drop in, no appointment")
        APPOINTMENT = "appointment", _("by appointment")
        REFERRAL = "referral", _("referral needed")
        REGISTRATION = "registration", _("registration")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    # What a family reads first, in any language an organisation writes (or PTV has).
    name = translated_char(_("name"), required=True, languages=EXTENDED_LANGUAGES)
    summary = translated_char(_("summary"), max_length=500, languages=EXTENDED_LANGUAGES)
    description = translated_text(_("description"))
    service_types = models.ManyToManyField(
        ServiceType, related_name="services", verbose_name=_("service types")
    )
    life_situations = models.ManyToManyField(
        LifeSituation, related_name="services", blank=True, verbose_name=_("life situations")
    )
    languages = models.ManyToManyField(
        Language, related_name="services", blank=True, verbose_name=_("languages")
    )
    service_areas = models.ManyToManyField(
        Municipality, related_name="served_by", blank=True, verbose_name=_("areas served")
    )
    age_min_months = models.PositiveSmallIntegerField(
        _("minimum age (months)"), null=True, blank=True, validators=[validate_age_months]
    )
    age_max_months = models.PositiveSmallIntegerField(
        _("maximum age (months)"), null=True, blank=True, validators=[validate_age_months]
    )
    for_expecting_parents = models.BooleanField(_("for expecting parents"), default=False)
    for_parents = models.BooleanField(_("for parents"), default=False)
    for_whole_family = models.BooleanField(_("for the whole family"), default=False)
    for_professionals = models.BooleanField(_("for professionals"), default=False)
    is_free = models.BooleanField(_("free of charge"), default=True)
    fee_description = translated_text(_("fee"))
    access_method = models.CharField(
        _("how to access"), max_length=20, choices=AccessMethod.choices, default=AccessMethod.APPOINTMENT
    )
    how_to_get = translated_text(_("how to get the service"), languages=(*EXTENDED_LANGUAGES, PLAIN_FINNISH))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = WebAddressField(_("website"), blank=True)
    eservice_url = WebAddressField(_("e-service"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    last_reviewed_at = models.DateField(_("last reviewed"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last reviewed by"),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval"),
        choices=[(3, _("3 months")), (6, _("6 months")), (12, _("12 months"))],
        default=6,
        help_text=_("How often the organisation confirms that the listing is still accurate."),
    )
    accepts_referrals = models.BooleanField(
        _("accepts referrals"),
        default=False,
        help_text=_("Professionals may refer families here through the workspace."),
    )
    asks_if_correct = models.BooleanField(
        _("ask families whether the information is correct"),
        default=True,
        help_text=_(
            'The service\'s page asks "Was this information correct?". When a family says something is '
            "wrong, the organisation's editors are told by e-mail and the answer waits here until the "
            "service is checked."
        ),
    )
    accepts_contact_requests = models.BooleanField(
        _("accepts contact requests"),
        default=False,
        help_text=_("The public page offers families “Ask this service to contact me”."),
    )
    contact_answer_days = models.PositiveSmallIntegerField(
        _("answer time (working days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "Within how many working days the service answers a contact request; told to the family."
        ),
    )
    interpretation = models.CharField(
        _("interpretation"), max_length=4, choices=Interpretation.choices, default="", blank=True
    )
    interpretation_note = translated_text(_("about interpretation"))
    # Imported and existing services are published; one made in the workspace starts as a draft.
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, default=Publication.PUBLISHED
    )
    # Kept by the daily freshness review (catalog.freshness): the review date whose reminder went
    # out, and when the service left search for going unreviewed too long.
    review_reminded_for = models.DateField(null=True, blank=True)
    hidden_from_search_at = models.DateTimeField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_services",
        verbose_name=_("person responsible"),
        help_text=_("The person who keeps this listing true."),
    )
    ptv_id = models.UUIDField(_("PTV id"), null=True, blank=True, unique=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        constraints = [
            ordered_range(
                "age_min_months",
                "age_max_months",
                name="service_age_range_ordered",
                message=_("The minimum age must not be greater than the maximum age."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        errors = {}
        if (
            self.age_min_months is not None
            and self.age_max_months is not None
            and self.age_min_months > self.age_max_months
        ):
            errors["age_max_months"] = [_("The maximum age must not be less than the minimum age.")]
        if not self.is_free and not self.fee_description_fi:
            errors["fee_description_fi"] = [_("Describe the fee when the service is not free of charge.")]
        if not self.interpretation and any(
            getattr(self, f"interpretation_note_{code}") for code in ("fi", "sv", "en")
        ):
            # A note is shown only with the choice: without one it would be kept but never seen.
            errors["interpretation"] = [
                _("Choose whether an interpreter is available, or leave the note empty.")
            ]
        try:
            self.phone = normalize_phone(self.phone)
        except ValidationError as error:
            errors["phone"] = error.messages
        if errors:
            raise ValidationError(errors)

    def history_extra(self) -> dict:
        return {"contacts": [contact.as_history() for contact in self.contacts.all()]}

    @property
    def is_listed(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.TEMPORARILY_CLOSED)

    @property
    def reviewed_on(self) -> datetime.date:
        """The last confirmation that the listing is accurate; a never-reviewed one counts from its creation."""
        return self.last_reviewed_at or timezone.localdate(self.created_at)

    @property
    def review_due(self) -> datetime.date:
        return add_months(self.reviewed_on, self.review_interval_months)

    def needs_review(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.review_due


class Contact(BaseModel):
    """A named contact of a service: a person, a booking line, a team."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = translated_char(_("title"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(9999)])

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.phone = normalize_phone(self.phone)
        except ValidationError as error:
            raise ValidationError({"phone": error.messages}) from error
        if not self.phone and not self.email:
            raise ValidationError({"phone": [_("Give a phone number or an e-mail address.")]})

    def as_history(self) -> dict:
        return {
            "name": self.name,
            "title_fi": self.title_fi,
            "title_sv": self.title_sv,
            "title_en": self.title_en,
            "phone": self.phone,
            "email": self.email,
        }


class Delivery(BaseModel):
    """A service offered at a location, or in a delivery mode (at home, online, …) for municipalities."""

    TRACK_HISTORY = True  # every change is recorded (core.history)

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("service")
    )
    mode = models.ForeignKey(
        DeliveryMode, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("way of offering")
    )
    # RESTRICT: a location in use stays, unless its deliveries go in the same delete (their service's).
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="deliveries",
        verbose_name=_("place"),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="deliveries", verbose_name=_("municipalities reached")
    )
    # The area this place serves, where it is one of several of the service in a municipality ("your
    # child health clinic"): its postal codes, and the districts or schools as families know them.
    postal_codes = models.ManyToManyField(
        PostalCode, blank=True, related_name="deliveries", verbose_name=_("postal codes served")
    )
    area_name = translated_char(_("area served"))
    note = translated_text(_("note"))

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        where = self.location.name_fi if self.location_id else self.mode.name_fi
        return f"{self.service.name_fi} – {where}"

    def clean(self) -> None:
        if self.mode_id is not None and self.mode.requires_location and self.location_id is None:
            raise ValidationError(
                {
                    "location": [
                        _("Choose the location: '%(mode)s' happens at a place.") % {"mode": self.mode.name}
                    ]
                }
            )


class Schedule(BaseModel):
    """Opening hours of a delivery: weekly rules within an optional validity period, and exceptions.

    A schedule with a validity period (e.g. summer hours) overrides open-ended ones on its days.
    """

    TRACK_HISTORY = True  # every change is recorded (core.history)

    delivery = models.ForeignKey(
        Delivery,
        on_delete=models.CASCADE,
        related_name="schedules",
        verbose_name=_("place or way of offering"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    by_appointment = models.BooleanField(
        _("by appointment"), default=False, help_text=_("Visits need a booked time.")
    )
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)
    description = translated_text(_("description"))

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from"]
        constraints = [
            ordered_range(
                "valid_from",
                "valid_to",
                name="schedule_validity_ordered",
                message=_("The validity must not end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delivery} ({self.valid_from or '…'}–{self.valid_to or '…'})"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": [_("The validity must not end before it starts.")]})

    def history_extra(self) -> dict:
        return {
            "rules": [rule.as_history() for rule in self.rules.all()],
            "exceptions": [exception.as_history() for exception in self.exceptions.all()],
        }


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def _check_hours(opens, closes, closes_next_day: bool) -> dict:
    if opens is None or closes is None:
        return {}
    if closes_next_day and closes > opens:
        return {"closes": [_("Opening hours that end the next day must close no later than they open.")]}
    if not closes_next_day and closes <= opens:
        return {
            "closes": [
                _(
                    "The closing time must be after the opening time. Mark the hours as overnight if they end the next day."
                )
            ]
        }
    return {}


MINUTES_IN_WEEK = 7 * 24 * 60


def check_rules_do_not_overlap(rules) -> None:
    """Weekly rules of one schedule must not overlap, overnight hours and Sunday night into Monday included."""
    spans = []
    for rule in rules:
        if rule.opens is None or rule.closes is None or rule.weekday is None:
            continue
        start = rule.weekday * 1440 + rule.opens.hour * 60 + rule.opens.minute
        end = (
            rule.weekday * 1440
            + rule.closes.hour * 60
            + rule.closes.minute
            + (1440 if rule.closes_next_day else 0)
        )
        spans.append((start, end))
    spans.sort()
    # The first span again, a week later, catches Sunday's overnight hours running into Monday's.
    following = [*spans[1:], *[(s + MINUTES_IN_WEEK, e + MINUTES_IN_WEEK) for s, e in spans[:1]]]
    for (_start, end), (next_start, _end) in zip(spans, following, strict=True):
        if len(spans) > 1 and next_start < end:
            raise ValidationError({"rules": [_("Two opening hours of the same schedule overlap.")]})


class OpeningRule(BaseModel):
    """Weekly opening hours: on `weekday`, from `opens` to `closes` (the next day if `closes_next_day`)."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    closes_next_day = models.BooleanField(_("overnight (closes the next day)"), default=False)

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_next_day=False, closes__gt=F("opens"))
                | Q(closes_next_day=True, closes__lte=F("opens")),
                name="opening_rule_closes_after_opens",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        errors = _check_hours(self.opens, self.closes, self.closes_next_day)
        if errors:
            raise ValidationError(errors)

    def as_history(self) -> dict:
        return {
            "weekday": self.weekday,
            "opens": self.opens.isoformat(timespec="minutes"),
            "closes": self.closes.isoformat(timespec="minutes"),
            "closes_next_day": self.closes_next_day,
        }


class ScheduleException(BaseModel):
    """A day with other hours than the weekly rules: closed, or open at the given times."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = translated_char(_("reason"))

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "date"],
                name="schedule_exception_one_per_day",
                violation_error_message=_("This day already has an exception."),
            ),
            models.CheckConstraint(
                condition=Q(closed=True, opens__isnull=True, closes__isnull=True)
                | Q(closed=False, opens__isnull=False, closes__isnull=False, closes__gt=F("opens")),
                name="schedule_exception_hours",
                violation_error_message=_(
                    "A closed day has no hours; an open day needs hours that end after they start."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {'closed' if self.closed else f'{self.opens}–{self.closes}'}"

    def clean(self) -> None:
        errors = {}
        if self.closed and (self.opens or self.closes):
            errors["opens"] = [_("A closed day has no opening hours.")]
        elif not self.closed:
            if self.opens is None:
                errors["opens"] = [_("Give the opening time, or mark the day closed.")]
            if self.closes is None:
                errors["closes"] = [_("Give the closing time, or mark the day closed.")]
            errors.update(_check_hours(self.opens, self.closes, closes_next_day=False))
        if errors:
            raise ValidationError(errors)

    def as_history(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "closed": self.closed,
            "opens": self.opens.isoformat(timespec="minutes") if self.opens else None,
            "closes": self.closes.isoformat(timespec="minutes") if self.closes else None,
            "reason_fi": self.reason_fi,
            "reason_sv": self.reason_sv,
            "reason_en": self.reason_en,
        }
