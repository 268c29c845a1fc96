import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from perhekeskus.catalog.models import Service
from perhekeskus.network.models import Invitation, Organization
from perhekeskus.network.selectors import organizations_of

# Until the review workflow sets its own interval per service: a listing unreviewed for this long
# needs a look.
REVIEW_INTERVAL = datetime.timedelta(days=183)


def dashboard(user) -> QuerySet[Organization]:
    """The user's organisations with their services, oldest review first."""
    services = Service.objects.order_by("last_reviewed_at", "name_fi")
    return (
        organizations_of(user)
        .order_by("name_fi")
        .prefetch_related(Prefetch("services", queryset=services), "memberships")
    )


def needs_review(service: Service, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return service.last_reviewed_at is None or service.last_reviewed_at < today - REVIEW_INTERVAL


def open_invitations(organization: Organization) -> QuerySet[Invitation]:
    return organization.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()
