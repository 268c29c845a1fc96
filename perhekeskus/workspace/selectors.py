import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from perhekeskus.catalog.freshness import REMIND_BEFORE
from perhekeskus.catalog.models import Location, Service
from perhekeskus.core.models import Publication
from perhekeskus.network.models import Invitation, Organization


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
