"""Subscriptions without an account: a family asks to hear by e-mail of new activities that suit it, or
of changes to the services on its list. Confirmed by a link in an e-mail (double opt-in), told weekly,
ended by one click or after six months unless renewed. The address is encrypted like the rest of the
families' data."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Category, Service
from perhekeskus.core.encryption import EncryptedTextField
from perhekeskus.network.models import Municipality


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    class Kind(models.TextChoices):
        ACTIVITIES = "activities", _("new activities")
        SERVICES = "services", _("changes to services")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    email = EncryptedTextField()
    # A keyed hash of the address in lower case: how many confirmations one address has been sent is
    # counted without reading the addresses.
    email_key = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=7)  # the e-mails' language: the page's when subscribing
    # New activities: where (a postal code puts those held in it first), for a child of what age, of
    # what kind. Empty choices mean any.
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    postal_code = models.CharField(max_length=5, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)  # years
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Changes: the services followed (from the family's list).
    services = models.ManyToManyField(Service, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # An unconfirmed subscription is deleted when its confirmation link expires; a confirmed one six
    # months after its confirmation or last renewal.
    expires_at = models.DateTimeField()
    warned_at = models.DateTimeField(null=True, blank=True)  # told that it is about to end
    next_digest_at = models.DateTimeField(null=True, blank=True)
    covered_until = models.DateTimeField(null=True, blank=True)  # news up to this were told

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["next_digest_at"], name="subscription_digest_idx"),
            models.Index(fields=["expires_at"], name="subscription_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} subscription {self.pk}"

    @property
    def topic(self) -> str:
        """Its messages, withdrawn together when the family unsubscribes."""
        return f"subscription:{self.pk}"
