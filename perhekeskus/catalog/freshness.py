"""The daily freshness review, a background task (core.tasks; `manage.py run_worker`).

Each listed (public) service is due for review `review_interval_months` after it was last confirmed
accurate. Two weeks before that date its organisation's editors get one reminder (a person gets one
e-mail for all their services); past the date the workspace and the public page say it needs review
(Service.needs_review); a service unreviewed for 12 months leaves search until it is confirmed
again, and the network's coordinators are told. Running the review twice a day changes nothing more.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from perhekeskus.catalog.models import Service, add_months
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.catalog.signals import services_changed
from perhekeskus.core.mail import absolute_url, mail_on_commit
from perhekeskus.core.tasks import task
from perhekeskus.network.models import Membership
from perhekeskus.network.selectors import reachable_coordinators, reachable_members

REMIND_BEFORE = datetime.timedelta(days=14)
HIDE_AFTER_MONTHS = 12


def is_stale(service: Service, today: datetime.date) -> bool:
    return today > add_months(service.reviewed_on, HIDE_AFTER_MONTHS)


# The task keeps the name it was stored under when the review lived in the workspace app.
@task("workspace.review_freshness", daily_at=datetime.time(6, 0))
def review_freshness() -> str:
    today = timezone.localdate()
    services = list(
        listed_services().select_related("organization").order_by("organization__name_fi", "name_fi")
    )
    due = [
        s for s in services if s.review_due - REMIND_BEFORE <= today and s.review_reminded_for != s.review_due
    ]
    stale = [s for s in services if s.hidden_from_search_at is None and is_stale(s, today)]
    reminded = _remind(due)
    hidden = _hide(stale)
    return f"{len(due)} services due for review ({reminded} people reminded); {hidden} left search."


def keepers(organization_ids) -> dict:
    """Active members with an e-mail address of each organisation; where an organisation has none,
    the coordinators of its networks."""
    people = defaultdict(set)
    for membership in reachable_members(organization_ids, roles=Membership.LISTING_ROLES):
        people[membership.organization_id].add(membership.user)
    for organization_id in set(organization_ids) - set(people):
        people[organization_id] = set(reachable_coordinators([organization_id]))
    return people


def _still(service: Service):
    """The service as the review read it: unchanged since (a confirmation in between wins)."""
    return Service.objects.filter(
        pk=service.pk,
        last_reviewed_at=service.last_reviewed_at,
        review_interval_months=service.review_interval_months,
    )


def _remind(services: list[Service]) -> int:
    services = [s for s in services if _still(s).update(review_reminded_for=s.review_due)]
    return remind_now(services) if services else 0


def overdue(organizations, today: datetime.date) -> list[Service]:
    """Listed services of these organisations past their review date, the longest overdue first."""
    services = listed_services().filter(organization__in=organizations).select_related("organization")
    return sorted((s for s in services if s.needs_review(today)), key=lambda s: (s.review_due, s.name_fi))


@dataclass(frozen=True)
class ReviewStatus:
    """Services by where they stand, as their pages say it: confirmed accurate within their interval,
    never confirmed (not yet due: counted from when they were listed), or past their review date
    (`overdue`, some of them never confirmed either)."""

    in_time: list[Service]
    never: list[Service]
    overdue: list[Service]

    @property
    def total(self) -> int:
        return len(self.in_time) + len(self.never) + len(self.overdue)

    @property
    def overdue_never_confirmed(self) -> int:
        return sum(1 for service in self.overdue if service.last_reviewed_at is None)


def review_status(services, today: datetime.date) -> ReviewStatus:
    in_time, never, late = [], [], []
    for service in services:
        if service.needs_review(today):
            late.append(service)
        elif service.last_reviewed_at is None:
            never.append(service)
        else:
            in_time.append(service)
    late.sort(key=lambda s: (s.review_due, s.name_fi))
    never.sort(key=lambda s: s.name_fi)
    return ReviewStatus(in_time=in_time, never=never, overdue=late)


def remind_now(services: list[Service]) -> int:
    """A coordinator's reminder about these overdue services, at once: one e-mail a person, like the
    daily review's. The number of people reminded."""
    people = keepers({s.organization_id for s in services})
    by_person = defaultdict(list)
    for service in services:
        for user in people.get(service.organization_id, ()):
            by_person[user].append(service)
    for user, theirs in by_person.items():
        rows = [(s, absolute_url("workspace:service_edit", s.pk)) for s in theirs]
        mail_on_commit(
            to=user.email, template="catalog/email/review_reminder", context={"user": user, "rows": rows}
        )
    return len(by_person)


def _hide(services: list[Service]) -> int:
    now = timezone.now()
    services = [
        s
        for s in services
        if _still(s).filter(hidden_from_search_at__isnull=True).update(hidden_from_search_at=now)
    ]
    if not services:
        return 0
    services_changed.send(sender=Service, service_ids=[s.pk for s in services])
    by_coordinator = defaultdict(list)
    for service in services:
        for user in reachable_coordinators([service.organization_id]):
            by_coordinator[user].append(service)
    for user, theirs in by_coordinator.items():
        rows = [(s, absolute_url("workspace:service_edit", s.pk)) for s in theirs]
        mail_on_commit(
            to=user.email,
            template="catalog/email/hidden_from_search",
            context={"user": user, "rows": rows, "months": HIDE_AFTER_MONTHS},
        )
    return len(services)
