"""Reads of subscriptions: the one a link names, what is news to one, and the counts coordinators see
(never addresses)."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.activities import recurrence
from perhekeskus.activities.selectors import matching, public_activities
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.selectors import changes_of_services, listed_services, services_published_between
from perhekeskus.core.translation import active_language, translate
from perhekeskus.subscriptions.models import Subscription

CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"
# How long the link of the confirmation e-mail works; an unconfirmed subscription is deleted then.
CONFIRM_WITHIN = datetime.timedelta(days=7)
# An activity is news when it is held within this time (a course that begins next autumn is too).
AHEAD = datetime.timedelta(days=366)


def confirm_token(subscription: Subscription) -> str:
    return signing.dumps(str(subscription.pk), salt=CONFIRM_SALT)


def manage_token(subscription: Subscription) -> str:
    """The link of every e-mail of a confirmed subscription: to see, renew or end it. It works while
    the subscription exists (ending it deletes it)."""
    return signing.dumps(str(subscription.pk), salt=MANAGE_SALT)


def subscription_for_token(token: str, *, confirming: bool = False) -> Subscription | None:
    try:
        if confirming:
            pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_WITHIN)
        else:
            pk = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:  # also an expired one
        return None
    found = Subscription.objects.select_related("municipality", "category").filter(pk=pk).first()
    if found is None or (not confirming and found.confirmed_at is None):
        return None
    return found


def followed_services(subscription: Subscription) -> QuerySet[Service]:
    """The services a subscription follows that the public still sees."""
    return listed_services().filter(pk__in=subscription.services.values("pk")).order_by("name_fi")


@dataclass(frozen=True)
class NewActivity:
    activity: object
    occurrence: recurrence.Occurrence  # its next time
    near: bool  # held in the subscription's postal code


def new_activities(
    subscription: Subscription, after: datetime.datetime, before: datetime.datetime
) -> list[NewActivity]:
    """Activities published between the two moments that suit the subscription and are still to be
    held, those in its postal code first, then by their next time."""
    # New to the public: made in the window, or of a service that was published in it (an activity
    # may be made while its service waits for a coordinator).
    new = Q(created_at__gt=after, created_at__lte=before) | Q(
        service__in=services_published_between(after, before)
    )
    activities = matching(
        public_activities().filter(new, cancelled=False),
        municipality=subscription.municipality.code if subscription.municipality else "",
        category=subscription.category.code if subscription.category else "",
        age=subscription.age,
    )
    found = []
    for activity in activities:
        upcoming = [o for o in recurrence.occurrences(activity, before, before + AHEAD) if not o.cancelled]
        if upcoming:
            near = bool(
                subscription.postal_code
                and activity.location
                and activity.location.postal_code == subscription.postal_code
                and not activity.location.confidential
            )
            found.append(NewActivity(activity, upcoming[0], near))
    return sorted(found, key=lambda row: (not row.near, row.occurrence.start))


@dataclass(frozen=True)
class ChangedService:
    service: Service
    parts: list[str]  # "status", "contact", "details", "places", "hours"
    listed: bool  # False: it ended, or was taken off the site, in the meantime


PARTS = ("status", "contact", "details", "places", "hours")


def changed_services(
    subscription: Subscription, after: datetime.datetime, before: datetime.datetime
) -> list[ChangedService]:
    """The followed services that changed between the two moments, with what changed; one that the
    public no longer sees is told once, as ended, whatever else changed in it."""
    services = list(subscription.services.order_by("name_fi"))
    listed = set(followed_services(subscription).values_list("pk", flat=True))
    changes = changes_of_services([s.pk for s in services], after, before)
    found = []
    for service in services:
        parts = changes.get(str(service.pk), set())
        if service.pk not in listed and parts & {"publication", "status"}:  # it ended in the window
            found.append(ChangedService(service, [], listed=False))
        elif shown := [part for part in PARTS if part in parts]:
            found.append(ChangedService(service, shown, listed=True))
    return found


def ended_services(subscription: Subscription) -> int:
    """Services followed that the public no longer sees (ended, or taken off the site)."""
    return subscription.services.count() - followed_services(subscription).count()


def description(subscription: Subscription) -> list[str]:
    """What the subscription tells of, in the active language, one choice a line."""
    language = active_language()
    if subscription.kind == Subscription.Kind.SERVICES:
        names = [translate(service, "name", language) for service in followed_services(subscription)]
        return [_("Changes to these services: %(names)s") % {"names": ", ".join(names) or "–"}]
    lines = [
        _("New activities in %(municipality)s")
        % {
            "municipality": translate(subscription.municipality, "name", language)
            if subscription.municipality
            else _("every municipality")
        }
    ]
    if subscription.postal_code:
        lines.append(_("those in postal code %(code)s first") % {"code": subscription.postal_code})
    if subscription.age == 0:
        lines.append(_("for a baby under one year"))
    elif subscription.age is not None:
        lines.append(
            ngettext("for a child of %(age)s year", "for a child of %(age)s years", subscription.age)
            % {"age": subscription.age}
        )
    if subscription.category:
        lines.append(_("kind: %(kind)s") % {"kind": translate(subscription.category, "name", language)})
    return lines


def counts(municipalities, organizations) -> dict:
    """Confirmed subscriptions, for coordinators: to new activities per municipality of theirs (and
    those for any municipality), and to changes of their organisations' services. Counts only: no
    address, no family's choices."""
    confirmed = Subscription.objects.confirmed()
    per_municipality = dict(
        confirmed.filter(kind=Subscription.Kind.ACTIVITIES, municipality__in=municipalities)
        .values("municipality")
        .annotate(n=Count("pk"))
        .values_list("municipality", "n")
    )
    return {
        "rows": [(m, per_municipality.get(m.pk, 0)) for m in municipalities],
        "anywhere": confirmed.filter(kind=Subscription.Kind.ACTIVITIES, municipality__isnull=True).count(),
        "services": confirmed.filter(
            kind=Subscription.Kind.SERVICES, services__organization__in=organizations
        )
        .distinct()
        .count(),
    }
