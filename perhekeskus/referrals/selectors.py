"""Who may see which referral (STYLE §4: views fetch referrals only through these), and the anonymous
statistics for coordinators and the insights views."""

import datetime
import statistics
from collections import Counter

from django.db.models import Q, QuerySet

from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core.models import Publication
from perhekeskus.network.models import Membership, Organization
from perhekeskus.referrals.models import Referral


def member_organizations(user) -> QuerySet[Organization]:
    """Organisations whose inbox `user` works: any membership (editor, admin, referrer)."""
    if not (user.is_authenticated and user.is_active):
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user)


def sending_organizations(user) -> QuerySet[Organization]:
    """Published organisations `user` may send referrals from."""
    return member_organizations(user).filter(publication=Publication.PUBLISHED)


def may_refer(user) -> bool:
    return sending_organizations(user).exists()


def referable_services() -> QuerySet:
    return listed_services().filter(accepts_referrals=True)


def visible_to(user) -> QuerySet[Referral]:
    """Referrals `user` may open: those they sent, those their organisation sent where they are its
    admin, and those received by an organisation they are a member of. Coordinators see none (only
    statistics)."""
    if not (user.is_authenticated and user.is_active):
        return Referral.objects.none()
    admin_of = Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)
    return Referral.objects.filter(
        # A sender who has left the organisation no longer sees what they sent from it.
        Q(sender=user, sending_organization__in=member_organizations(user))
        | Q(sending_organization__in=admin_of)
        | Q(receiving_organization__in=member_organizations(user))
    ).distinct()


def is_receiver(user, referral: Referral) -> bool:
    return member_organizations(user).filter(pk=referral.receiving_organization_id).exists()


def is_sender_side(user, referral: Referral) -> bool:
    if referral.sender_id is not None and referral.sender_id == user.pk:
        return member_organizations(user).filter(pk=referral.sending_organization_id).exists()
    return Membership.objects.filter(
        user=user, organization_id=referral.sending_organization_id, role=Membership.Role.ADMIN
    ).exists()


# --- Anonymous statistics (no personal field is read) -----------------------------------------------


def _median_days(spans: list[datetime.timedelta]) -> float | None:
    return round(statistics.median(span.total_seconds() / 86400 for span in spans), 1) if spans else None


def _counts(keys) -> list[tuple]:
    return Counter(keys).most_common()


def statistics_for(
    organizations: QuerySet[Organization], since: datetime.datetime | None = None, services=None
) -> dict:
    """Referrals and contact requests received by or sent from these organisations (to `services`
    only, when given): counts by the sending and receiving organisations' kinds, acceptance rate,
    median days to acceptance and to completion, and the reasons for declining. Counts are lists of
    (key, count), most first: a template reads a Counter's `.items` as the key "items"."""
    rows = Referral.objects.filter(
        Q(receiving_organization__in=organizations) | Q(sending_organization__in=organizations)
    )
    if since is not None:
        rows = rows.filter(sent_at__gte=since)
    if services is not None:
        rows = rows.filter(service__in=services)
    rows = list(
        rows.values(
            "kind", "status", "decline_reason", "outcome", "sent_at", "accepted_at", "closed_at",
            "sending_organization__kind__code", "receiving_organization__kind__code",
        )
    )  # fmt: skip
    decided = [r for r in rows if r["accepted_at"] or r["status"] == Referral.Status.DECLINED]
    accepted = [r for r in decided if r["accepted_at"]]
    completed = [r for r in rows if r["status"] == Referral.Status.COMPLETED]
    return {
        "total": len(rows),
        "by_kind": _counts(r["kind"] for r in rows),
        "by_status": _counts(r["status"] for r in rows),
        "by_organization_kinds": _counts(
            (r["sending_organization__kind__code"] or "family", r["receiving_organization__kind__code"])
            for r in rows
        ),
        "acceptance_rate": round(len(accepted) / len(decided), 3) if decided else None,
        "median_days_to_acceptance": _median_days([r["accepted_at"] - r["sent_at"] for r in accepted]),
        "median_days_to_completion": _median_days([r["closed_at"] - r["sent_at"] for r in completed]),
        "declined_reasons": _counts(
            r["decline_reason"] for r in rows if r["status"] == Referral.Status.DECLINED
        ),
        "outcomes": _counts(r["outcome"] for r in completed),
    }
