"""Who may do what with a referral (which ones a user sees is Referral.objects.visible_to: views fetch
referrals only through it), and the anonymous statistics for coordinators and the insights views."""

import datetime
import statistics
from collections import Counter

from django.db.models import Exists, OuterRef, Q, QuerySet

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core.models import Publication
from perhekeskus.network.models import Membership, Organization
from perhekeskus.network.selectors import reachable_memberships
from perhekeskus.referrals.models import STEPS, Referral, Step


def sending_organizations(user) -> QuerySet[Organization]:
    """Published organisations `user` may send referrals from."""
    return Organization.objects.joined_by(user).filter(publication=Publication.PUBLISHED)


def may_refer(user) -> bool:
    return sending_organizations(user).exists()


def referable_services() -> QuerySet:
    return listed_services().filter(accepts_referrals=True)


def _readers():
    """Someone to read a service's inbox: the same rule as for contact requests (an active member of its
    organisation who can sign in)."""
    return reachable_memberships().filter(organization=OuterRef("organization"))


def referable_services_with_readers() -> QuerySet:
    """Services that take referrals, each with `has_reader`: without one a referral would wait unread."""
    return referable_services().annotate(has_reader=Exists(_readers()))


def has_reader(service: Service) -> bool:
    return reachable_memberships().filter(organization=service.organization_id).exists()


def is_receiver(user, referral: Referral) -> bool:
    return Organization.objects.joined_by(user).filter(pk=referral.receiving_organization_id).exists()


def is_sender_side(user, referral: Referral) -> bool:
    if referral.sender_id is not None and referral.sender_id == user.pk:
        return Organization.objects.joined_by(user).filter(pk=referral.sending_organization_id).exists()
    return Membership.objects.filter(
        user=user, organization_id=referral.sending_organization_id, role=Membership.Role.ADMIN
    ).exists()


# --- A family's contact request ----------------------------------------------------------------------
# The one rule of who offers "Ask this service to contact me": the service page, the search page's next
# steps, the form and contact_request_send all ask it.


def contact_request_services() -> QuerySet[Service]:
    """Listed services that take families' contact requests: marked to take them, and with someone to
    read them, an active member of the service's organisation who can sign in (any role works the
    inbox). Without a reader, "the service will contact you" would be a promise nobody keeps."""
    return listed_services().filter(Exists(_readers()), accepts_contact_requests=True)


def takes_contact_requests(service: Service) -> bool:
    # The flag first: most services take no requests, and their pages are spared the query.
    return service.accepts_contact_requests and contact_request_services().filter(pk=service.pk).exists()


def taking_contact_requests(candidates) -> set[str]:
    """The ids (as strings) of those of the services `candidates` that take contact requests, in one
    query (none for services not marked to take them)."""
    marked = [service.pk for service in candidates if service.accepts_contact_requests]
    if not marked:
        return set()
    return {str(pk) for pk in contact_request_services().filter(pk__in=marked).values_list("pk", flat=True)}


# --- The steps a user may take ------------------------------------------------------------------------


def steps_for(user, referral: Referral) -> list[tuple[str, Step]]:
    """The steps `user` may take with `referral` now."""
    if referral.erased_at is not None:
        return []
    receiver, sender = is_receiver(user, referral), is_sender_side(user, referral)
    return [
        (name, step)
        for name, step in STEPS.items()
        if referral.status in step.from_states and (receiver if step.by_receiver else sender)
    ]


# --- Statistics --------------------------------------------------------------------------------------


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
            "sending_organization__kind__code", "receiving_organization__kind__code", "child_age_years",
            "family_municipality__name_fi",
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
        # The optional child's age in bands, and the family's municipality, where the sender gave them.
        "by_child_age": sorted(
            _counts(_age_band(r["child_age_years"]) for r in rows if r["child_age_years"] is not None)
        ),
        "by_family_municipality": _counts(
            r["family_municipality__name_fi"] for r in rows if r["family_municipality__name_fi"]
        ),
    }


AGE_BANDS = ((0, 2), (3, 6), (7, 12), (13, 18))


def _age_band(years: int) -> str:
    return next(f"{low}–{high}" for low, high in AGE_BANDS if years <= high)


def unread_count(user) -> int:
    """Referrals and contact requests to the user's organisations that nobody has opened yet."""
    return (
        Referral.objects.visible_to(user)
        .filter(receiving_organization__in=Organization.objects.joined_by(user), status=Referral.Status.SENT)
        .count()
    )
