"""The family centre's action plan, per network or municipality: goals for a period, each with
measures (who is responsible, when, how it goes) and indicators (figures entered with a date, or
figures the service computes). Every change is recorded like a listing's (core.history)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.core.models import BaseModel
from perhekeskus.core.translation import translated_char, translated_text
from perhekeskus.network.models import Municipality, Network


def validate_plan_year(value: int) -> None:
    if value is not None and not 2000 <= value <= 2100:
        raise ValidationError(_("Give a year between 2000 and 2100."), code="year_out_of_range")


class PlanQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Plans of the networks `user` works in (a member of one of its organisations, or a
        coordinator); a municipal director reads their municipalities' plans and their networks'
        common ones."""
        directed = Municipality.objects.directed_by(user)
        return self.filter(
            models.Q(network__in=Network.objects.joined_by(user))
            | models.Q(municipality__in=directed)
            | models.Q(
                municipality__isnull=True, network__in=Network.objects.filter(municipalities__in=directed)
            )
        )

    def editable_by(self, user):
        """Plans of the networks `user` coordinates."""
        return self.filter(network__in=Network.objects.coordinated_by(user))


class Plan(BaseModel):
    TRACK_HISTORY = True

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="plans", verbose_name=_("network")
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("municipality"),
        help_text=_("Empty for the whole network's plan."),
    )
    title = translated_char(_("title"), required=True)
    starts = models.PositiveSmallIntegerField(_("first year"), validators=[validate_plan_year])
    ends = models.PositiveSmallIntegerField(_("last year"), validators=[validate_plan_year])
    # Shown on the municipality's public family centre page (the network's common plan on every one of
    # its municipalities' pages), with the goals that are public.
    public = models.BooleanField(
        _("shown on the public family centre page"),
        default=False,
        help_text=_(
            "Families and residents see its public goals, the measures' status and the indicators' latest figures."
        ),
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-starts", "title_fi"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="plan_period_order")
        ]

    def __str__(self) -> str:
        return f"{self.title_fi} {self.starts}–{self.ends}"


class Goal(BaseModel):
    TRACK_HISTORY = True

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    title = translated_char(_("goal"), required=True)
    description = translated_text(_("description"))
    position = models.PositiveSmallIntegerField(_("order"), default=0, validators=[MaxValueValidator(9999)])
    public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Shown with its measures and indicators when the plan is on the public page."),
    )

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.title_fi


class Measure(BaseModel):
    TRACK_HISTORY = True

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in-progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures", verbose_name=_("goal"))
    title = translated_char(_("measure"), required=True)
    description = translated_text(_("description"))
    schedule = models.CharField(
        _("schedule"), max_length=100, help_text=_("For example: spring 2026, or 2026–2027.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    responsible = models.ManyToManyField(
        "network.Organization", related_name="plan_measures", verbose_name=_("responsible organisations")
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title_fi


class Indicator(BaseModel):
    TRACK_HISTORY = True

    class Source(models.TextChoices):
        ENTERED = "entered", _("entered by a coordinator")
        CORE_LOCAL = "core-local", _("core services of the model delivered in the municipality (%)")
        CORE_COVERAGE = (
            "core-coverage",
            _("core services of the model available, locally or from elsewhere (%)"),
        )
        OVERDUE_SERVICES = "overdue-services", _("services overdue for review")
        SEARCHES_NO_RESULTS = "searches-no-results", _("searches with no results in 30 days")
        REFERRALS_ACCEPTED = "referrals-accepted", _("referrals accepted in 30 days")

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = translated_char(_("indicator"), required=True)
    source = models.CharField(_("figures"), max_length=20, choices=Source.choices, default=Source.ENTERED)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name_fi


class IndicatorValue(models.Model):
    """A figure of an indicator on a date: entered by a coordinator, or recorded by the daily task."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on"]
        constraints = [models.UniqueConstraint(fields=["indicator", "on"], name="one_indicator_value_a_day")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.on}: {self.value}"


class MeasureComment(models.Model):
    """A responsible organisation's word on a measure."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "network.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"comment on {self.measure_id}"
