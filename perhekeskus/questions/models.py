"""Families' anonymous questions to the network's professionals, and the public library of answers.

A question is personal data however anonymous it was meant to be: its text, the answer, the family's
e-mail address (only to tell that the answer is ready) are encrypted, and erased QUESTION_RETENTION_DAYS
after the question was asked (questions.retention). What stays (network, month, topic, municipality,
whole years of age, times and whether an answer was published) feeds the statistics. A published answer
is a row of its own, written by an answerer from the question, with no link back to it."""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import LifeSituation, Service
from perhekeskus.core.encryption import EncryptedTextField
from perhekeskus.core.models import AuditLogEntry
from perhekeskus.network.models import Membership, Municipality, Network

MAX_AGE_YEARS = 18


class QuestionDesk(models.Model):
    """A network's anonymous questions service: whether it takes questions, how soon it promises an
    answer, and whether an answer needs a second answerer's approval before the family sees it."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="question_desk")
    is_open = models.BooleanField(_("takes questions"), default=False)
    promise_working_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(15)]
    )
    second_review = models.BooleanField(
        _("a second answerer approves each answer"),
        default=False,
        help_text=_("The family sees the answer only after another answerer has read and approved it."),
    )

    def __str__(self) -> str:
        return f"question desk of {self.network_id}"


class AnswererQuerySet(models.QuerySet):
    def serving(self):
        """Answerers who are still members of one of their network's organisations, with an active
        account: an answerer who left stops seeing questions without anyone removing them."""
        members = Membership.objects.filter(
            user=models.OuterRef("user"), organization__networks=models.OuterRef("network")
        )
        return self.filter(models.Exists(members), user__is_active=True)


class Answerer(models.Model):
    """A professional of the network's organisations appointed by its coordinators to answer families'
    questions."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="answerers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answerer_of")
    title = models.CharField(
        _("professional title shown to families"),
        max_length=80,
        help_text=_("For example: public health nurse, family counsellor, psychologist."),
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointed_at = models.DateTimeField(default=timezone.now)

    objects = AnswererQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="one_answerer_per_network")]

    def __str__(self) -> str:
        return f"answerer {self.user_id} of {self.network_id}"


class QuestionQuerySet(models.QuerySet):
    def for_answerer(self, user):
        """Questions of the networks where `user` serves as an answerer; erased ones are gone."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        networks = Answerer.objects.serving().filter(user=user).values("network")
        return self.filter(network__in=networks, erased_at__isnull=True)

    def waiting(self):
        """Waiting for an answerer: never taken, or taken by someone who no longer answers in the
        network (left the organisation, account closed or deleted): their claim has lapsed."""
        return self.filter(Q(status=Question.Status.WAITING) | self.lapsed_claim())

    @staticmethod
    def lapsed_claim() -> Q:
        holder_serves = Answerer.objects.serving().filter(
            network=models.OuterRef("network"), user=models.OuterRef("claimed_by")
        )
        return Q(status=Question.Status.CLAIMED) & ~Q(models.Exists(holder_serves))


class Question(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for an answerer")
        CLAIMED = "claimed", _("being answered")
        IN_REVIEW = "in-review", _("answer waiting for approval")
        ANSWERED = "answered", _("answered")
        WITHDRAWN = "withdrawn", _("deleted by the family")

    OPEN = (Status.WAITING, Status.CLAIMED, Status.IN_REVIEW)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="questions")
    # The family's private link: only its hash is kept; None once erased: unique, so erased questions cannot share an empty string.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    # Personal data, encrypted, erased at the end of the retention time.
    text = EncryptedTextField(_("question"), blank=True)
    answer = EncryptedTextField(_("answer"), blank=True)
    notify_email = EncryptedTextField(_("e-mail for the notice"), blank=True)
    # The private link's token, kept (encrypted) only until the notice with the link is queued.
    notify_token = EncryptedTextField(blank=True)
    # Coarse and optional: counted in the statistics, kept after erasure.
    child_age_years = models.PositiveSmallIntegerField(
        _("child's age (years)"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE_YEARS)]
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.ForeignKey(
        LifeSituation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    language = models.CharField(max_length=7)
    # Personal details were taken out of the text before it was stored.
    screened = models.BooleanField(default=False)
    family_refuses_publishing = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    due_at = models.DateTimeField()
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The title the family sees beside the answer (the answerer's, when it was written).
    answered_as = models.CharField(max_length=80, blank=True)
    written_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the family could read the answer.
    answered_at = models.DateTimeField(null=True, blank=True)
    # What the approving answerer asked the writer to change (a second pair of eyes); erased with the rest.
    return_note = EncryptedTextField(blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="+")
    in_danger = models.BooleanField(default=False)
    in_danger_flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.BooleanField(default=False)  # an answer was published from it (no link kept)
    read_at = models.DateTimeField(null=True, blank=True)  # the family opened the answer
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["asked_at"]
        indexes = [models.Index(fields=["network", "status", "asked_at"], name="question_queue_idx")]

    def __str__(self) -> str:
        return f"question {str(self.pk)[:8]} {self.asked_at:%Y-%m-%d}"

    @staticmethod
    def hash_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def due_on(self) -> datetime.date:
        """The last day of the promise: `due_at` is the midnight that ends it."""
        return timezone.localtime(self.due_at - datetime.timedelta(microseconds=1)).date()

    @property
    def may_be_published(self) -> bool:
        return not (self.family_refuses_publishing or self.in_danger)


class AnswerTemplate(models.Model):
    """A frequent answer of the network, an answerer's starting point."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="answer_templates")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class AgeGroup(models.TextChoices):
    BABY = "baby", _("under 1 year")
    SMALL = "small", _("1–6 years")
    SCHOOL = "school", _("7–12 years")
    TEEN = "teen", _("13–18 years")

    @classmethod
    def of_years(cls, years: int | None) -> str:
        if years is None:
            return ""
        return next(code for code, (low, high) in AGE_GROUP_YEARS.items() if low <= years <= high)


# The child's whole years of each age group.
AGE_GROUP_YEARS = {
    AgeGroup.BABY: (0, 0),
    AgeGroup.SMALL: (1, 6),
    AgeGroup.SCHOOL: (7, 12),
    AgeGroup.TEEN: (13, MAX_AGE_YEARS),
}


class PublishedAnswerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(withdrawn_at__isnull=True)


class PublishedAnswer(models.Model):
    """A question and its answer in the public library, edited by an answerer to hold nothing that
    identifies the family. Deliberately without a link to the question it came from."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="published_answers")
    title = models.CharField(_("title"), max_length=150)
    question = models.TextField(_("question as published"))
    answer = models.TextField(_("answer as published"))
    language = models.CharField(max_length=7)
    topic = models.ForeignKey(
        LifeSituation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    age_group = models.CharField(_("age"), max_length=10, choices=AgeGroup.choices, blank=True)
    answered_as = models.CharField(max_length=80, blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="+")
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Analysed words of the title, question and answer (search.analysis), for the library's search.
    terms = models.TextField(blank=True, editable=False)

    objects = PublishedAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title


class QuestionAuditEntry(AuditLogEntry):
    """Who read or handled which question, and when. Append-only; holds nothing a family wrote."""

    class Action(models.TextChoices):
        READ = "read", _("opened")
        CLAIM = "claim", _("took to answer")
        RELEASE = "release", _("gave back to the queue")
        ANSWER = "answer", _("wrote the answer")
        APPROVE = "approve", _("approved the answer")
        RETURN = "return", _("returned the answer to its writer")
        FLAG = "flag", _("flagged as a family in danger")
        PUBLISH = "publish", _("published an edited answer")
        ERASE = "erase", _("erased")

    action = models.CharField(max_length=10, choices=Action.choices)
    question_id = models.UUIDField(db_index=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta(AuditLogEntry.Meta):
        constraints = [
            models.CheckConstraint(condition=~Q(action=""), name="question_audit_has_action"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_email or '–'} {self.action} {self.question_id} {self.at:%Y-%m-%d %H:%M}"
