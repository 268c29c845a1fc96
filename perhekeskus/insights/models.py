"""Usage counted for the network's reports, without personal data."""

from django.conf import settings
from django.db import models

from perhekeskus.catalog.models import Service


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
