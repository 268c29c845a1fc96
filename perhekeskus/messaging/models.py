"""Messages to families (reminders, changes to a time they registered for), by e-mail or SMS: queued
in the database, sent once by the worker, retried when the provider fails."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.core.encryption import EncryptedTextField


class OutgoingMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        SMS = "sms", _("text message")

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # What the message is about, unique: the same reminder is never queued twice (two workers, a clock
    # that jumps, a task run again).
    key = models.CharField(max_length=200, unique=True)
    # Whose messages a family can stop together ("registration:<id>"), and withdraw when not due.
    topic = models.CharField(max_length=100, db_index=True)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    recipient = EncryptedTextField()  # an e-mail address or a phone number in E.164
    subject = models.CharField(max_length=200, blank=True)
    body = EncryptedTextField()
    # Where a mail program's "unsubscribe" button goes (RFC 8058 one-click), for messages a family
    # subscribed to; secret like the body.
    unsubscribe_url = EncryptedTextField(blank=True)
    send_after = models.DateTimeField()
    # Not sent after this (a reminder whose time has begun, held back by quiet hours): withdrawn.
    expires_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "send_after"], name="message_due_idx")]

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"
