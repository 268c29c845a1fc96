from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from perhekeskus.core.models import Publication
from perhekeskus.network.models import (
    Invitation,
    Membership,
    Municipality,
    MunicipalityDirector,
    Network,
    Organization,
    PostalCode,
)


def municipality_for_page(code: str) -> Municipality | None:
    return (
        Municipality.objects.select_related("network", "family_centre")
        .filter(code=code, family_centre__isnull=False)
        .first()
    )


def organization_for_page(pk) -> Organization | None:
    return (
        Organization.objects.filter(publication=Publication.PUBLISHED)
        .select_related("kind", "municipality", "parent")
        .filter(pk=pk)
        .first()
    )


def members_of(organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("user__last_name", "user__email")


def municipalities_with_directors(network: Network) -> QuerySet[Municipality]:
    """The network's municipalities by name, each with its `directors` (and their accounts) by name."""
    directors = MunicipalityDirector.objects.select_related("user").order_by(
        "user__last_name", "user__first_name", "user__email"
    )
    return network.municipalities.order_by("name_fi").prefetch_related(Prefetch("directors", directors))


def invitation_for_token(token: str) -> Invitation | None:
    """A valid invitation: known, not accepted, not expired."""
    return (
        Invitation.objects.select_related("organization")
        .filter(token_hash=Invitation.hash_of(token), accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


# --- Whom to tell (e-mails from background work and referrals) ------------------------------------


def reachable_memberships() -> QuerySet[Membership]:
    """Memberships of active people with an e-mail address: who can sign in (by e-mail) to work their
    organisation's inbox, in any role, and is told by e-mail of what arrives there."""
    return Membership.objects.filter(user__is_active=True).exclude(user__email="")


def reachable_members(organization_ids, roles=None) -> QuerySet[Membership]:
    """Memberships of active people with an e-mail address in these organisations (in these roles)."""
    memberships = reachable_memberships().filter(organization__in=organization_ids)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.select_related("user")


def reachable_coordinators(organization_ids):
    """Active coordinators with an e-mail address of the networks these organisations belong to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, coordinator_of__network__organizations__in=organization_ids)
        .exclude(email="")
        .distinct()
    )


def municipalities_of_networks() -> QuerySet[Municipality]:
    """The municipalities a family can choose as their own: those of the family centre networks."""
    return Municipality.objects.filter(network__isnull=False).order_by("name_fi")


def postal_code_of_networks(code: str) -> PostalCode | None:
    """The postal code, when it is one of a network municipality's; None otherwise."""
    return (
        PostalCode.objects.select_related("municipality")
        .filter(code=code, municipality__network__isnull=False)
        .first()
    )


# Postal codes where no family lives: parcel lockers' and mail scanning's.
NO_HOMES = ("SMARTPOST", "KOLLEKTOR SCAN")


def postal_codes_in(municipalities) -> QuerySet[PostalCode]:
    """The postal codes of these municipalities where families live."""
    return (
        PostalCode.objects.filter(municipality__in=municipalities)
        .exclude(name_fi__in=NO_HOMES)
        .select_related("municipality")
    )


def postal_codes_of_networks() -> QuerySet[PostalCode]:
    """The postal codes a family can choose: those of the networks' municipalities."""
    return postal_codes_in(Municipality.objects.filter(network__isnull=False)).order_by("code")


def postal_code_exists(code: str) -> bool:
    return PostalCode.objects.filter(code=code).exists()
