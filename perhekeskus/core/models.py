import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff account. People sign in with their e-mail address (unique, any case)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Raised by "sign out everywhere": every session made before carries the old value and ends.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    # The accounts `load_demo` makes (one per role); they may skip the second factor where the
    # settings allow it (only in debug).
    demo_account = models.BooleanField(default=False, editable=False)

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique",
                violation_error_message=_("An account with this e-mail address already exists."),
            )
        ]

    def get_session_auth_hash(self) -> str:
        # Django checks this hash on every request: a new generation ends all older sessions.
        return salted_hmac(
            "perhekeskus.core.User.session", f"{self.password}:{self.session_generation}", algorithm="sha256"
        ).hexdigest()


class BaseModel(models.Model):
    """UUID key (HSDS requires UUIDs) and creation / modification times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True


class Publication(models.TextChoices):
    """Where a listing is in the review workflow: new organisations and services start as drafts, and a
    network coordinator publishes them; only published listings are public."""

    DRAFT = "draft", _("draft")
    PENDING = "pending", _("waiting for review")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class ChangeRecord(models.Model):
    """One change to a listing: who, when, and each changed field's old and new value."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.UUIDField()
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who acted when there is no user: an import or a command, e.g. "load_demo".
    source = models.CharField(max_length=100, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(default=dict)
    # What a coordinator told the organisation with a review step (publish, return), in their words.
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "changed_at"], name="change_object_idx"),
            # What changed in a week, for the subscriptions' digests (catalog.selectors).
            models.Index(fields=["changed_at"], name="change_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr} {self.action} {self.changed_at:%Y-%m-%d %H:%M}"


class ScheduledRun(models.Model):
    """A periodic task's run for one day or slot (core.tasks): the unique key makes it once, however
    many workers schedule at the same moment. The run itself is a result of Django's task framework."""

    key = models.CharField(max_length=150, unique=True)  # "<task name>@<day or slot start>"
    name = models.CharField(max_length=100)
    due_at = models.DateTimeField()
    result_id = models.CharField(max_length=64, blank=True)  # the task framework's id of the run
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.key


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditLogEntry(models.Model):
    """A row of an append-only audit log (who read or changed what, and when): never updated or deleted,
    by the model and its QuerySet alike. The actor's e-mail stays with the row: deleting an account
    changes no entry (nor does the foreign key, which has no constraint)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_email = models.CharField(max_length=254, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-at"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
