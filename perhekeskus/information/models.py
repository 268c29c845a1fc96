import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.core.encryption import EncryptedTextField
from perhekeskus.core.translation import translated_char, translated_text
from perhekeskus.network.models import Network


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Feedback a user may read and handle: a coordinator that of their networks' pages, a superuser
        all (feedback on no network's page, e.g. the home page, only superusers)."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(networks__in=Network.objects.coordinated_by(user)).distinct()


class Feedback(models.Model):
    """Feedback on the service's accessibility, from the accessibility statement's form, for the
    coordinators of the networks whose page it concerns (information.services.feedback_receive). The
    message and the address are personal data: encrypted, and deleted FEEDBACK_RETENTION_DAYS after
    arrival (information.retention)."""

    message = EncryptedTextField(_("message"))
    email = EncryptedTextField(_("e-mail"), blank=True)
    page = models.CharField(_("page concerned"), max_length=500, blank=True)
    # The networks of the page concerned, found when the feedback arrived; none: the site as a whole.
    networks = models.ManyToManyField("network.Network", blank=True, related_name="+")
    language = models.CharField(max_length=2)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"feedback {self.received_at:%Y-%m-%d}"


class AccuracyReport(models.Model):
    """A family's answer on a service's page to "was this information correct?": yes, or no with what
    was wrong (screened for identity codes and contact details). A "no" reaches the organisation's
    editors as a review prompt and stays open until the service is next checked (receivers)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("catalog.Service", on_delete=models.CASCADE, related_name="+")
    correct = models.BooleanField()
    comment = models.TextField(blank=True)
    screened = models.BooleanField(default=False)  # personal details were taken out of the comment
    language = models.CharField(max_length=7)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)  # the service was checked after it
    told = models.BooleanField(default=False)  # the editors were e-mailed of it

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"accuracy report {self.received_at:%Y-%m-%d} {'correct' if self.correct else 'wrong'}"


class PageQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Pages of the networks `user` coordinates."""
        return self.filter(network__in=Network.objects.coordinated_by(user))


class Page(models.Model):
    """Text the network's coordinators write for the public: the family centre's "about" page of the
    network or of a municipality, a life-situation guide's orientation, or a news item on the home
    page (until it expires). What the public sees is the published version; every save is a version."""

    class Kind(models.TextChoices):
        ABOUT = "about", _("About the family centre")
        GUIDE = "guide", _("Guide orientation")
        NEWS = "news", _("News item")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="pages")
    municipality = models.ForeignKey(
        "network.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("municipality"),
    )
    life_situation = models.ForeignKey(
        "catalog.LifeSituation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("life situation"),
    )
    published = models.ForeignKey(
        "PageVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-created_at"]
        # One about page per network and per municipality, one orientation per guide and network.
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(kind="about", municipality__isnull=True),
                name="one_network_about_page",
            ),
            models.UniqueConstraint(
                fields=["network", "municipality"],
                condition=Q(kind="about", municipality__isnull=False),
                name="one_municipality_about_page",
            ),
            models.UniqueConstraint(
                fields=["network", "life_situation"], condition=Q(kind="guide"), name="one_guide_orientation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.network_id})"

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class PageVersion(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = translated_char(_("title"), required=True)
    body = translated_text(_("text"), required=True)
    expires_on = models.DateField(_("shown until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="one_version_number_per_page")]

    def __str__(self) -> str:
        return f"{self.title_fi} v{self.number}"
