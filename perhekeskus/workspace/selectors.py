import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from perhekeskus.catalog.freshness import REMIND_BEFORE
from perhekeskus.catalog.models import Location, Service
from perhekeskus.core.models import ChangeRecord, Publication
from perhekeskus.network.models import Invitation, Membership, Network, Organization


def dashboard(user) -> QuerySet[Organization]:
    """The user's organisations with their services (oldest review first) and places."""
    services = Service.objects.select_related("last_reviewed_by").order_by("last_reviewed_at", "name_fi")
    return (
        Organization.objects.listings_editable_by(user)
        .order_by("name_fi")
        .prefetch_related(
            Prefetch("services", queryset=services),
            Prefetch("locations", queryset=Location.objects.order_by("name_fi")),
        )
    )


def attention(service: Service, today: datetime.date) -> str:
    """What a service needs from its organisation now, in a few words ("" when nothing)."""
    if service.publication == Publication.DRAFT:
        return _("draft: send it for review when it is ready")
    if service.publication != Publication.PUBLISHED:
        return ""
    if service.hidden_from_search_at is not None:
        return _("left out of search: check it")
    if service.needs_review(today):
        return _("needs review")
    if service.review_due - REMIND_BEFORE <= today:
        return _("review by %(date)s") % {"date": date_format(service.review_due, "j.n.Y")}
    return ""


def waiting_for(user) -> int:
    """How many organisations and services wait for `user` to review them (coordinators)."""
    coordinated = Organization.objects.coordinated_by(user)
    return (
        coordinated.filter(publication=Publication.PENDING).count()
        + Service.objects.filter(organization__in=coordinated, publication=Publication.PENDING).count()
    )


def open_invitations(organization: Organization) -> QuerySet[Invitation]:
    return organization.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


NOTICE_DAYS = 14


@dataclass(frozen=True)
class Decision:
    record: ChangeRecord
    published: bool  # else returned to the organisation
    service_id: object | None  # the service's page to link to; None for an organisation


def decisions_for(user) -> list[Decision]:
    """The coordinators' latest decisions (published, returned) in the last 14 days on the listings of
    the organisations whose listings `user` keeps as an editor or admin, with the coordinator's note;
    read from the review steps' change records. One per listing, and only while it is the listing's
    latest move: a returned service sent for review again no longer shows its return."""
    organizations = Organization.objects.filter(
        memberships__user=user, memberships__role__in=Membership.LISTING_ROLES
    )
    service_type = ContentType.objects.get_for_model(Service)
    organization_type = ContentType.objects.get_for_model(Organization)
    moves = (
        ChangeRecord.objects.filter(
            Q(
                content_type=service_type,
                object_id__in=Service.objects.filter(organization__in=organizations).values("pk"),
            )
            | Q(content_type=organization_type, object_id__in=organizations.values("pk")),
            changes__has_key="publication",
            changed_at__gte=timezone.now() - datetime.timedelta(days=NOTICE_DAYS),
        )
        .select_related("actor")
        .order_by("-changed_at")
    )
    coordinators = set(
        get_user_model()
        .objects.filter(coordinator_of__network__in=Network.objects.joined_by(user))
        .values_list("pk", flat=True)
    )
    latest, seen = [], set()
    for record in moves:
        if record.object_id in seen:
            continue
        seen.add(record.object_id)
        change = record.changes["publication"]
        published = change["new"] == Publication.PUBLISHED
        returned = change["old"] == Publication.PENDING and change["new"] == Publication.DRAFT
        # A member's own withdrawal also goes from waiting back to draft: only a coordinator returns.
        if (published or returned) and record.actor_id in coordinators and record.actor_id != user.pk:
            is_service = record.content_type_id == service_type.pk
            latest.append(Decision(record, published, record.object_id if is_service else None))
    return latest
