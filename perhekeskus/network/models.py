import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.core.models import BaseModel, Publication
from perhekeskus.core.translation import PUBLIC_LANGUAGES, translated_char, translated_text
from perhekeskus.core.validators import (
    normalize_phone,
    validate_business_id,
    validate_latitude,
    validate_longitude,
    validate_postal_code_format,
    web_address_validator,
)


class WebAddressField(models.URLField):
    """http(s) addresses only; forms complete a bare host name with https://."""

    default_validators = [web_address_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


# --- Who may work on what (STYLE §4: staff views read only through these scopes) ---------------------
# Each is a QuerySet method named for the user's relation to the rows: `Model.objects.<what>_by(user)`.
# Anyone signed out or deactivated gets none.


def _working(user) -> bool:
    return user.is_authenticated and user.is_active


class NetworkQuerySet(models.QuerySet):
    def coordinated_by(self, user):
        if not _working(user):
            return self.none()
        return self.filter(coordinators__user=user).distinct()

    def insights_readable_by(self, user):
        """Networks whose coverage `user` reads: those they coordinate, and those of the municipalities
        they direct (MunicipalityDirector)."""
        if not _working(user):
            return self.none()
        return self.filter(
            models.Q(coordinators__user=user) | models.Q(municipalities__directors__user=user)
        ).distinct()

    def listings_editable_by(self, user):
        """Networks where `user` keeps listings (an organisation's editor or admin) or coordinates:
        where they may propose a new organisation."""
        if not _working(user):
            return self.none()
        return self.filter(
            models.Q(
                organizations__memberships__user=user,
                organizations__memberships__role__in=Membership.LISTING_ROLES,
            )
            | models.Q(coordinators__user=user)
        ).distinct()

    def joined_by(self, user):
        """Networks `user` works in: a member of one of their organisations (any role), or a coordinator."""
        if not _working(user):
            return self.none()
        return self.filter(
            models.Q(organizations__memberships__user=user) | models.Q(coordinators__user=user)
        ).distinct()


class OrganizationQuerySet(models.QuerySet):
    def listings_editable_by(self, user):
        """Organisations whose listings `user` keeps: where they are an editor or an admin, and every
        organisation in the networks they coordinate."""
        if not _working(user):
            return self.none()
        return self.filter(
            models.Q(memberships__user=user, memberships__role__in=Membership.LISTING_ROLES)
            | models.Q(networks__coordinators__user=user)
        ).distinct()

    def managed_by(self, user):
        """Organisations whose members `user` invites and removes, and whose own details they edit: as
        their admin, or as a coordinator of their networks."""
        if not _working(user):
            return self.none()
        return self.filter(
            models.Q(memberships__user=user, memberships__role=Membership.Role.ADMIN)
            | models.Q(networks__coordinators__user=user)
        ).distinct()

    def coordinated_by(self, user):
        """Organisations in the networks `user` coordinates: theirs to publish and to undo changes of."""
        if not _working(user):
            return self.none()
        return self.filter(networks__coordinators__user=user).distinct()

    def joined_by(self, user):
        """Organisations `user` is a member of, in any role (editor, admin, referrer): whose referral
        inbox they work."""
        if not _working(user):
            return self.none()
        return self.filter(memberships__user=user)


class Network(BaseModel):
    """A service network, e.g. a wellbeing services county with its municipalities."""

    slug = models.SlugField(unique=True)
    name = translated_char(_("name"), required=True)
    description = translated_text(_("description"))
    is_sample_data = models.BooleanField(
        _("sample data"), default=False, help_text=_("Shown to everyone as sample data, not real listings.")
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi


# More people than Finland has: a typing error (and beyond PostgreSQL's integer on a slip of the finger).
MAX_PEOPLE = 10_000_000
# Statistics Finland's population by age begins in 1972; a year past the second is a typing error.
FIRST_STATISTICS_YEAR, LAST_STATISTICS_YEAR = 1972, 2100


class MunicipalityQuerySet(models.QuerySet):
    def directed_by(self, user):
        """Municipalities `user` is a director or committee secretary of (MunicipalityDirector)."""
        if not _working(user):
            return self.none()
        return self.filter(directors__user=user)


class Municipality(BaseModel):
    code = models.CharField(_("municipality code"), max_length=3, unique=True)
    name = translated_char(_("name"), max_length=100, required=True)
    business_id = models.CharField(_("business ID"), max_length=9, blank=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    # Not in the reference data (areas/north-karelia.csv): for figures per child, imported from
    # Statistics Finland (`manage.py import_population`) or, failing that, entered by hand.
    children = models.PositiveIntegerField(
        _("children aged 0–17"), null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    children_under_7 = models.PositiveIntegerField(
        _("children aged 0–6"), null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    population_year = models.PositiveSmallIntegerField(
        _("statistics year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_STATISTICS_YEAR), MaxValueValidator(LAST_STATISTICS_YEAR)],
        help_text=_("The statistics year of the numbers of children (and of the population, when imported)."),
    )
    population_source = models.CharField(
        _("source of the figures"),
        max_length=100,
        blank=True,
        help_text=_(
            "Where the numbers come from, e.g. Tilastokeskus, taulukko 11re; empty when entered by hand."
        ),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=[validate_latitude])
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=[validate_longitude])
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.SET_NULL, related_name="municipalities"
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name_fi} ({self.code})"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if None not in (self.children_under_7, self.children) and self.children_under_7 > self.children:
            errors["children_under_7"] = _("There cannot be more children aged 0–6 than aged 0–17.")
        if None not in (self.children, self.population) and self.children > self.population:
            errors["children"] = _("There cannot be more children than residents.")
        if errors:
            raise ValidationError(errors)

    @property
    def population_source_label(self) -> str:
        """The source to print beside the figures: the one recorded, or that they were entered by hand."""
        if self.population_source:
            return self.population_source
        entered = self.children is not None or self.children_under_7 is not None
        return str(_("entered by hand")) if entered else ""


class PostalCode(models.Model):
    code = models.CharField(max_length=5, primary_key=True, validators=[validate_postal_code_format])
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="postal_codes")
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_fi}"


class ProviderKind(BaseModel):
    code = models.SlugField(unique=True)
    name = translated_char(_("name"), max_length=100, required=True, languages=PUBLIC_LANGUAGES)
    ptv_organization_type = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi


class FamilyCentre(BaseModel):
    """A municipality's family centre: the local network of services, with its local emphasis."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="family_centre")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="family_centres")
    name = translated_char(_("name"), required=True)
    description = translated_text(_("description"))
    local_emphasis = translated_text(_("local emphasis"))

    def __str__(self) -> str:
        return self.name_fi


class Organization(BaseModel):
    """A provider: the wellbeing services county, a municipality, an NGO, a parish or a company."""

    TRACK_HISTORY = True  # every change is recorded (core.history)

    kind = models.ForeignKey(
        ProviderKind, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("kind")
    )
    networks = models.ManyToManyField(
        Network, related_name="organizations", blank=True, verbose_name=_("networks")
    )
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("municipality"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    name = translated_char(_("name"), required=True)
    description = translated_text(_("description"))
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    ptv_id = models.UUIDField(_("PTV id"), null=True, blank=True, unique=True)
    website = WebAddressField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Imported and existing organisations are published; one made in the workspace starts as a draft.
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, default=Publication.PUBLISHED
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_fi

    def is_coordinated_by(self, user) -> bool:
        """`user` coordinates a network of this organisation: may publish it and undo its changes."""
        return Organization.objects.coordinated_by(user).filter(pk=self.pk).exists()

    def _parent_chain_loops(self) -> bool:
        seen, parent = {self.pk}, self.parent
        while parent is not None:
            if parent.pk in seen:
                return True
            seen.add(parent.pk)
            parent = parent.parent
        return False

    def clean(self) -> None:
        errors = {}
        try:
            self.phone = normalize_phone(self.phone)
        except ValidationError as error:
            errors["phone"] = error.messages
        if self._parent_chain_loops():
            errors["parent"] = [_("An organisation cannot be its own parent, directly or through others.")]
        if errors:
            raise ValidationError(errors)


# --- Who works on what -----------------------------------------------------------------------------


class Membership(BaseModel):
    """A person's role in an organisation: editors keep its listings true; admins also manage members."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("editor")
        ADMIN = "admin", _("organisation admin")
        # Sends referrals and works the organisation's inbox; does not edit its listings.
        REFERRER = "referrer", _("referrer")

    LISTING_ROLES = (Role.EDITOR, Role.ADMIN)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        ordering = ["organization__name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                name="membership_unique",
                violation_error_message=_("This person is already a member of the organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.role})"


class Coordinator(BaseModel):
    """A network coordinator: approves organisations and services, edits anything in the network,
    manages its users."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_of"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coordinators")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "network"],
                name="coordinator_unique",
                violation_error_message=_("This person is already a coordinator of the network."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.network}"


class MunicipalityDirector(BaseModel):
    """A municipality's welfare director or committee secretary: reads the municipality's insights,
    report and plans and the network's coverage, and writes the committee item's summary and proposal;
    edits nothing else. A person may direct several municipalities (a row each)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="director_of")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="directors")

    class Meta:
        verbose_name = _("municipal director or committee secretary")
        verbose_name_plural = _("municipal directors and committee secretaries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                name="municipality_director_unique",
                violation_error_message=_("This person already reads this municipality's report."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class Invitation(BaseModel):
    """An e-mailed, one-time invitation to join an organisation. Only a hash of its token is kept."""

    VALID_FOR_DAYS = 7

    email = models.EmailField(_("e-mail"))
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    expires_at = models.DateTimeField(editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @staticmethod
    def hash_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
