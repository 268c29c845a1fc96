"""Referrals between organisations and families' contact requests: the only personal data in the
system. Personal fields are encrypted at rest (core.encryption); what stays after erasure (service,
organisations, dates, statuses, outcome class) is anonymous and feeds the statistics."""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Language, LifeSituation, Service
from perhekeskus.core.encryption import EncryptedTextField
from perhekeskus.core.models import AuditLogEntry, BaseModel
from perhekeskus.network.models import Membership, Municipality, Organization


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals `user` may open: those they sent, those their organisation sent where they are its
        admin, and those received by an organisation they are a member of. Coordinators see none (only
        statistics)."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        member_of = Organization.objects.joined_by(user)
        admin_of = Organization.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.ADMIN
        )
        return self.filter(
            # A sender who has left the organisation no longer sees what they sent from it.
            models.Q(sender=user, sending_organization__in=member_of)
            | models.Q(sending_organization__in=admin_of)
            | models.Q(receiving_organization__in=member_of)
        ).distinct()


class Referral(BaseModel):
    class Kind(models.TextChoices):
        REFERRAL = "referral", _("referral")
        CONTACT_REQUEST = "contact-request", _("contact request")

    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        OPENED = "opened", _("opened")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        CONTACTED = "contacted", _("family contacted")
        NOT_REACHED = "not-reached", _("could not contact")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("within two weeks")
        SOON = "soon", _("within a week")
        URGENT = "urgent", _("within two working days")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("phone call")
        TEXT = "text", _("text message")
        EMAIL = "email", _("e-mail")

    class ConsentMethod(models.TextChoices):
        IN_PERSON = "in-person", _("in person")
        PHONE = "phone", _("by phone")
        WRITTEN = "written", _("in writing")

    class DeclineReason(models.TextChoices):
        NOT_SUITABLE = "not-suitable", _("the service does not fit the need")
        NO_CAPACITY = "no-capacity", _("no capacity now")
        OUTSIDE_AREA = "outside-area", _("outside the service's area")
        FAMILY_DECLINED = "family-declined", _("the family did not want it")
        OTHER = "other", _("other reason")

    class Outcome(models.TextChoices):
        STARTED = "started", _("the service started")
        GUIDED_ELSEWHERE = "guided-elsewhere", _("guided to another service")
        NOT_NEEDED = "not-needed", _("no longer needed")
        NOT_REACHED = "not-reached", _("the family was not reached")
        OTHER = "other", _("other outcome")

    CLOSED = (Status.DECLINED, Status.COMPLETED, Status.WITHDRAWN)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REFERRAL)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    receiving_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="referrals_received"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_sent",
    )
    sending_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_sent"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SENT)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    contact_method = models.CharField(
        _("preferred contact method"),
        max_length=10,
        choices=ContactMethod.choices,
        default=ContactMethod.PHONE,
    )
    # Personal data, encrypted; erased after the retention time. Life situations (violence, substance
    # use…) and the language are kept as encrypted codes too: linked to a service and a date they tell
    # about a family.
    life_situation_codes = EncryptedTextField(_("life situations"), blank=True)
    language_code = EncryptedTextField(_("preferred language"), blank=True)
    family_name = EncryptedTextField(_("name"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    need = EncryptedTextField(_("need"), blank=True)
    preferred_time = EncryptedTextField(_("preferred time"), blank=True)
    consent_given_by = EncryptedTextField(_("consent given by"), blank=True)
    consent_scope = EncryptedTextField(_("what may be shared"), blank=True)
    # Consent (how and when) and what happened: not personal.
    consent_method = models.CharField(
        _("consent given"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    privacy_notice_given = models.BooleanField(_("privacy notice given"), default=False)
    # Coarse, optional and not identifying alone (whole years, a municipality): in the clear, kept after
    # erasure, counted in the statistics.
    child_age_years = models.PositiveSmallIntegerField(
        _("child's age (years)"), null=True, blank=True, validators=[MaxValueValidator(18)]
    )
    family_municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("family's municipality"),
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["status", "closed_at"], name="referral_retention_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {str(self.pk)[:8]} → {self.service.name_fi}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def life_situations(self) -> list[LifeSituation]:
        codes = [code for code in self.life_situation_codes.split(",") if code]
        return list(LifeSituation.objects.filter(code__in=codes))

    @property
    def language(self) -> Language | None:
        return Language.objects.filter(code=self.language_code).first() if self.language_code else None


class ReferralEvent(models.Model):
    """One step of a referral: who moved it from which status to which, and when."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Referral.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status} {self.at:%Y-%m-%d %H:%M}"


class ReferralMessage(models.Model):
    """A message between the sender and the receiving organisation about one referral."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    body = EncryptedTextField()

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"message {self.at:%Y-%m-%d %H:%M}"


# What the system writes as an audit entry's detail (referrals.services, the retention and the data
# subject commands); the log keeps the English words, the page shows them translated.
AUDIT_DETAILS = {
    "referral sent": _("referral sent"),
    "contact request from the public page": _("contact request from the public page"),
    "data subject request": _("data subject request"),
    "retention": _("retention period ended"),
}


class AuditEntry(AuditLogEntry):
    """Who read or changed which referral's personal data, and when. Append-only: never updated or
    deleted (the database refuses it too, see migrations 0002 and 0003). Holds no personal data of
    families."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        READ = "read", _("opened")
        CHANGE = "change", _("changed")
        MESSAGE = "message", _("wrote a message")
        EXPORT = "export", _("exported")
        ERASE = "erase", _("erased")

    action = models.CharField(max_length=10, choices=Action.choices)
    referral_id = models.UUIDField(null=True, blank=True, db_index=True)
    detail = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.actor_email or '–'} {self.action} {self.referral_id} {self.at:%Y-%m-%d %H:%M}"

    @property
    def shown_detail(self) -> str:
        """The detail in the reader's language: a status change ("contacted → completed", as stored) as
        "status: contacted → completed" with the field's and the states' labels, the system's own
        notes by their translation; anything else (an erasure's reason) as written."""
        old, arrow, new = self.detail.partition(" → ")
        statuses = dict(Referral.Status.choices)
        if arrow and old in statuses and new in statuses:
            label = Referral._meta.get_field("status").verbose_name
            return f"{label}: {statuses[old]} → {statuses[new]}"
        known = AUDIT_DETAILS.get(self.detail)
        return str(known) if known is not None else self.detail


# --- The steps of the state machine ------------------------------------------------------------------

Status = Referral.Status  # the states the steps lead between


@dataclass(frozen=True)
class Step:
    label: str
    from_states: frozenset
    to: str
    by_receiver: bool  # else by the sender's side
    needs: str = ""  # "decline_reason" or "outcome"


STEPS = {
    "accept": Step(_("Accept"), frozenset({Status.SENT, Status.OPENED}), Status.ACCEPTED, True),
    "decline": Step(
        _("Decline"),
        frozenset({Status.SENT, Status.OPENED}),
        Status.DECLINED,
        True,
        "decline_reason",
    ),
    "contacted": Step(
        _("Family contacted"),
        frozenset({Status.ACCEPTED, Status.NOT_REACHED}),
        Status.CONTACTED,
        True,
    ),
    "not_reached": Step(_("Could not contact"), frozenset({Status.ACCEPTED}), Status.NOT_REACHED, True),
    "complete": Step(
        _("Complete"),
        frozenset({Status.CONTACTED, Status.NOT_REACHED}),
        Status.COMPLETED,
        True,
        "outcome",
    ),
    "withdraw": Step(_("Withdraw"), frozenset({Status.SENT, Status.OPENED}), Status.WITHDRAWN, False),
}
