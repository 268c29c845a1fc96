from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from perhekeskus.core.models import Publication
from perhekeskus.network.models import Invitation, Membership, Municipality, Organization


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


def invitation_for_token(token: str) -> Invitation | None:
    """A valid invitation: known, not accepted, not expired."""
    return (
        Invitation.objects.select_related("organization")
        .filter(token_hash=Invitation.hash_of(token), accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


# --- Whom to tell (e-mails from background work and referrals) ------------------------------------


def reachable_members(organization_ids, roles=None) -> QuerySet[Membership]:
    """Memberships of active people with an e-mail address in these organisations (in these roles)."""
    memberships = Membership.objects.filter(organization__in=organization_ids, user__is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.exclude(user__email="").select_related("user")


def reachable_coordinators(organization_ids):
    """Active coordinators with an e-mail address of the networks these organisations belong to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, coordinator_of__network__organizations__in=organization_ids)
        .exclude(email="")
        .distinct()
    )
