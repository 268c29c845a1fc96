"""Writes of network data and of the people who work on it: organisations (every change recorded in
the change history), municipalities' numbers of children, members, invitations, municipalities'
directors, and accounts' sessions and second factors."""

import datetime
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.core.models import Publication
from perhekeskus.core.services import save_tracked
from perhekeskus.network.models import (
    Invitation,
    Membership,
    Municipality,
    MunicipalityDirector,
    Network,
    Organization,
)


def organization_save(
    *,
    actor,
    values: Mapping[str, Any],
    organization: Organization | None = None,
    networks: Iterable[Network] | None = None,
    source: str = "",
) -> Organization:
    """Create an organisation (no `organization` given) or update one."""
    relations = {} if networks is None else {"networks": networks}
    return save_tracked(
        instance=organization or Organization(),
        values=values,
        relations=relations,
        actor=actor,
        source=source,
    )


# --- Municipalities' figures --------------------------------------------------------------------

# What `municipality_population_save` may write of a municipality, beside the year and the source.
POPULATION_FIGURES = ("children", "children_under_7", "population")


@dataclass
class PopulationSaved:
    updated: list[Municipality] = field(default_factory=list)
    unchanged: list[Municipality] = field(default_factory=list)
    # Codes of the figures that name no municipality here: reported, never created.
    unknown: list[str] = field(default_factory=list)


@transaction.atomic
def municipality_population_save(
    *, figures: Mapping[str, Mapping[str, int]], year: int, source: str
) -> PopulationSaved:
    """Numbers of children (0–17 `children`, 0–6 `children_under_7`) and optionally `population` for the
    municipalities by code (e.g. "167"), marked with the statistics `year` and `source`. Validated; one
    invalid municipality undoes them all. Codes unknown here are returned, not created."""
    saved = PopulationSaved()
    municipalities = Municipality.objects.in_bulk(list(figures), field_name="code")
    for code in sorted(figures):
        municipality = municipalities.get(code)
        if municipality is None:
            saved.unknown.append(code)
            continue
        values = dict(figures[code])
        if unknown_fields := set(values) - set(POPULATION_FIGURES):
            raise ValueError(f"municipality_population_save cannot write {sorted(unknown_fields)}")
        values |= {"population_year": year, "population_source": source}
        if all(getattr(municipality, name) == value for name, value in values.items()):
            saved.unchanged.append(municipality)
            continue
        for name, value in values.items():
            setattr(municipality, name, value)
        try:
            municipality.full_clean()
        except ValidationError as error:
            # Which municipality: the import names it for the person who runs it.
            raise ValidationError(f"{municipality}: {'; '.join(error.messages)}") from error
        municipality.save(update_fields=[*values, "modified_at"])
        saved.updated.append(municipality)
    return saved


# --- Members and invitations -----------------------------------------------------------------------


@transaction.atomic
def invitation_send(
    *, actor, organization: Organization, email: str, role: str, accept_url: Callable[[str], str]
) -> Invitation:
    """Invite `email` to `organization`; the e-mail carries a one-time link that expires. Only the
    token's hash is stored, so the database alone cannot be used to accept an invitation."""
    address = email.strip()
    if organization.memberships.filter(user__email__iexact=address).exists():
        raise ValidationError({"email": [_("This person is already a member of the organisation.")]})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=address,
        organization=organization,
        role=role,
        token_hash=Invitation.hash_of(token),
        invited_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=Invitation.VALID_FOR_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    message = render_to_string(
        "workspace/email/invitation.txt",
        {"invitation": invitation, "url": accept_url(token), "inviter": actor.get_full_name() or actor.email},
    )
    subject = _("Invitation to keep %(organization)s listings in Perhekeskus") % {
        "organization": organization.name
    }
    transaction.on_commit(lambda: send_mail(subject, message, None, [address]))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, first_name: str, last_name: str, password: str):
    """Join the organisation: a new account with the invited address, or the existing one (whose
    password stays as it is: accepting does not sign anyone in)."""
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk, accepted_at__isnull=True).first()
    if locked is None:
        raise ValidationError(_("This invitation has already been used."))
    invitation = locked
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = user_model(
            username=invitation.email.lower(),
            email=invitation.email,
            first_name=first_name,
            last_name=last_name,
        )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
        user.full_clean()
        user.save()
    Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "modified_at"])
    return user


def membership_remove(*, actor, membership: Membership) -> None:
    membership.delete()


# --- Municipalities' directors and committee secretaries ---------------------------------------------


@dataclass
class DirectorsAppointed:
    user: Any
    # The municipalities whose report the person now reads, and those they already read before.
    appointed: list[Municipality]
    already: list[Municipality]


@transaction.atomic
def director_appoint(
    *,
    actor,
    municipalities: Iterable[Municipality],
    email: str,
    first_name: str = "",
    last_name: str = "",
    password_url: Callable[[str, str], str],
    sign_in_url: str,
) -> DirectorsAppointed:
    """Make `email` a reader of the reports of `municipalities` (of the networks `actor` coordinates),
    creating the account when there is none, and tell them by e-mail. An account without a password
    (new, or never finished) gets a one-time link to choose one, `password_url(uidb64, token)`; others
    get the sign-in address. Municipalities they already read are skipped, not refused; none new is."""
    address = email.strip()
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValidationError({"email": error.messages}) from error
    chosen = sorted(set(municipalities), key=lambda m: m.name_fi)
    if not chosen:
        raise ValidationError({"municipalities": [_("Choose at least one municipality.")]})
    networks = {m.network_id for m in chosen}
    coordinated = Network.objects.coordinated_by(actor).filter(pk__in=networks).values_list("pk", flat=True)
    if networks != set(coordinated):
        raise ValidationError(
            {"municipalities": [_("You can appoint readers only in the networks you coordinate.")]}
        )
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=address).first()
    if user is None:
        # No password: unusable until chosen through the link in the e-mail.
        user = user_model(username=address.lower(), email=address, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean(exclude=["username"])  # the address, already checked as one
        user.save()
    saved = DirectorsAppointed(user=user, appointed=[], already=[])
    for municipality in chosen:
        _director, created = MunicipalityDirector.objects.get_or_create(user=user, municipality=municipality)
        (saved.appointed if created else saved.already).append(municipality)
    if not saved.appointed:
        raise ValidationError(
            {
                "municipalities": [
                    ngettext(
                        "%(email)s already reads the report of %(municipalities)s.",
                        "%(email)s already reads the reports of %(municipalities)s.",
                        len(saved.already),
                    )
                    % {"email": address, "municipalities": municipality_names(saved.already)}
                ]
            }
        )
    _director_tell(actor, user, saved.appointed, password_url, sign_in_url)
    return saved


def municipality_names(municipalities: Iterable[Municipality]) -> str:
    """The municipalities' names in the active language, as a sentence lists them: "Joensuu, Lieksa"."""
    return ", ".join(str(m.name) for m in municipalities)


def _director_tell(actor, user, municipalities, password_url, sign_in_url) -> None:
    """The e-mail of an appointment, in the language of the request that made it."""
    url = ""
    if not user.has_usable_password():
        url = password_url(
            urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
        )
    message = render_to_string(
        "workspace/email/director_appointed.txt",
        {
            "appointer": actor.get_full_name() or actor.email,
            "municipalities": municipality_names(municipalities),
            "count": len(municipalities),
            "password_url": url,
            "sign_in_url": sign_in_url,
        },
    )
    subject = ngettext(
        "You can now read the family centre report of %(municipalities)s in Perhekeskus",
        "You can now read the family centre reports of %(municipalities)s in Perhekeskus",
        len(municipalities),
    ) % {"municipalities": municipality_names(municipalities)}
    transaction.on_commit(lambda: send_mail(subject, message, None, [user.email]))


def director_remove(*, actor, director: MunicipalityDirector) -> None:
    """The person no longer reads the municipality's report, from their next request on (every view
    asks `Municipality.objects.directed_by`)."""
    director.delete()


def user_sign_out_everywhere(*, user) -> None:
    """Every session of the user ends (Django checks the session hash on each request)."""
    get_user_model().objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


def user_deactivate(*, user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    user_sign_out_everywhere(user=user)


RECOVERY_CODES = 10


def totp_device_start(*, user, name: str) -> TOTPDevice:
    """The authenticator app being connected: the user's unconfirmed device, made when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=False)
    return device


def totp_device_confirm(*, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def recovery_codes_replace(*, user) -> list[str]:
    """Ten one-time codes for when the phone is lost; shown once, replacing any earlier ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def organization_propose(*, actor, values: Mapping[str, Any], network: Network) -> Organization:
    """A new organisation in `network`, as a draft that a coordinator publishes; its proposer becomes its
    admin (a coordinator of the network needs no membership)."""
    organization = organization_save(
        actor=actor, values={**values, "publication": Publication.DRAFT}, networks=[network]
    )
    if not network.coordinators.filter(user=actor).exists():
        Membership.objects.create(user=actor, organization=organization, role=Membership.Role.ADMIN)
    return organization
