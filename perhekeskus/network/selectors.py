from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core.models import Publication
from perhekeskus.network.models import Membership, Municipality, Network, Organization


def networks_with_municipalities() -> QuerySet[Network]:
    """Networks and their municipalities with the number of listed services reaching each."""
    municipalities = Municipality.objects.select_related("family_centre").annotate(
        service_count=Count(
            "deliveries__service",
            filter=Q(deliveries__service__in=listed_services()),
            distinct=True,
        )
    )

    return Network.objects.prefetch_related(Prefetch("municipalities", queryset=municipalities))


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


# --- Who may work on what (STYLE §4: views never fetch staff data without these scopes) ---------


def organizations_of(user) -> QuerySet[Organization]:
    """Organisations whose listings `user` keeps: where they are an editor or an admin, and every
    organisation in the networks they coordinate."""
    if not (user.is_authenticated and user.is_active):
        return Organization.objects.none()
    return Organization.objects.filter(
        Q(memberships__user=user, memberships__role__in=Membership.LISTING_ROLES)
        | Q(networks__coordinators__user=user)
    ).distinct()


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.is_active and user.coordinator_of.exists()


def organizations_managed_by(user) -> QuerySet[Organization]:
    """Organisations whose members `user` invites and removes: as their admin, or as a coordinator of
    their networks."""
    if not (user.is_authenticated and user.is_active):
        return Organization.objects.none()
    return Organization.objects.filter(
        Q(memberships__user=user, memberships__role=Membership.Role.ADMIN)
        | Q(networks__coordinators__user=user)
    ).distinct()


def manages_members(user, organization: Organization) -> bool:
    return organizations_managed_by(user).filter(pk=organization.pk).exists()


def members_of(organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("user__last_name", "user__email")


def organizations_coordinated_by(user) -> QuerySet[Organization]:
    """Organisations in the networks `user` coordinates: theirs to publish and to undo changes of."""
    if not (user.is_authenticated and user.is_active):
        return Organization.objects.none()
    return Organization.objects.filter(networks__coordinators__user=user).distinct()


def networks_coordinated_by(user) -> QuerySet[Network]:
    if not (user.is_authenticated and user.is_active):
        return Network.objects.none()
    return Network.objects.filter(coordinators__user=user).distinct()


def coordinates(user, organization: Organization) -> bool:
    return organizations_coordinated_by(user).filter(pk=organization.pk).exists()


def networks_of(user) -> QuerySet[Network]:
    """Networks a user works in (through an organisation or as a coordinator): where they may propose
    a new organisation."""
    if not (user.is_authenticated and user.is_active):
        return Network.objects.none()
    return Network.objects.filter(
        Q(
            organizations__memberships__user=user,
            organizations__memberships__role__in=Membership.LISTING_ROLES,
        )
        | Q(coordinators__user=user)
    ).distinct()


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
