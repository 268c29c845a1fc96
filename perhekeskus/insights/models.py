"""Usage counted for the network's reports, without personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Service
from perhekeskus.core.translation import translated_text


class ServiceView(models.Model):
    """How many times a service's public page was opened on a day (people, not robots), by families of
    a municipality when the family had said which (its home-municipality choice, made on purpose or by
    a search in one municipality), else "" (region-wide: counted once, never in every municipality the
    service reaches)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="views")
    day = models.DateField()
    municipality = models.CharField(max_length=3, blank=True, default="")
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "day", "municipality"], name="insights_service_view_day_municipality"
            )
        ]
        indexes = [models.Index(fields=["day"], name="insights_service_view_day_idx")]

    def __str__(self) -> str:
        return f"{self.service_id} {self.day}: {self.views}"


class ReviewReminder(models.Model):
    """A reminder a coordinator sent to an organisation about its services overdue for review."""

    organization = models.ForeignKey(
        "network.Organization", on_delete=models.CASCADE, related_name="review_reminders"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    services = models.PositiveIntegerField()
    recipients = models.PositiveIntegerField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.sent_at:%Y-%m-%d}"


class ReportText(models.Model):
    """What the coordinator (or the municipality's director) writes into the committee item: a summary
    and the decision proposal ("Esitys: …"), in Finnish and Swedish."""

    municipality = models.OneToOneField(
        "network.Municipality", on_delete=models.CASCADE, related_name="report_text"
    )
    summary = translated_text(_("summary"))
    proposal = translated_text(_("decision proposal"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.summary_fi[:40]}"


class FigureSnapshot(models.Model):
    """A municipality's key figures as they stood in a month (insights.snapshots records one a month),
    so that a report can set this year against the same month a year earlier: counts of services,
    coverage and review status cannot be rebuilt from today's listings."""

    municipality = models.ForeignKey("network.Municipality", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    figures = models.JSONField(default=dict)
    # Demo networks get a year-old snapshot of example figures; a real one only what was recorded.
    is_sample_data = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "month"], name="insights_snapshot_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.month:%Y-%m}"
