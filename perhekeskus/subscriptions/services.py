"""Subscribing, confirming, renewing and ending subscriptions, and the worker's tasks that send the
weekly digests and the warnings before a subscription ends (through the messaging outbox: each once).
Every e-mail carries the link that ends the subscription in one click."""

import datetime
import logging
from urllib.parse import urlencode

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perhekeskus.activities.confirmation import when
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.core.mail import absolute_url
from perhekeskus.core.tasks import task
from perhekeskus.core.translation import translate
from perhekeskus.messaging import services as messaging
from perhekeskus.subscriptions import selectors
from perhekeskus.subscriptions.models import Subscription

log = logging.getLogger(__name__)

# A confirmed subscription ends six months after its confirmation or its last renewal; the family
# is told two weeks before, with the link that renews it.
LIFETIME = datetime.timedelta(days=183)
WARN_BEFORE = datetime.timedelta(days=14)
# The digest goes out on Monday mornings, when there is news.
DIGEST_WEEKDAY, DIGEST_AT = 0, datetime.time(8, 0)
# Confirmation e-mails one address gets in a day at most: a form cannot be used to flood someone's
# mailbox.
CONFIRMATIONS_PER_DAY = 3


def email_key(email: str) -> str:
    return salted_hmac(
        "perhekeskus.subscriptions.email", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


def next_digest_moment(after: datetime.datetime) -> datetime.datetime:
    """The first Monday 08:00 in Helsinki after `after`."""
    local = after.astimezone(HELSINKI)
    day = local.date() + datetime.timedelta(days=(DIGEST_WEEKDAY - local.weekday()) % 7)
    moment = datetime.datetime.combine(day, DIGEST_AT, tzinfo=HELSINKI)
    return moment if moment > after else moment + datetime.timedelta(days=7)


def _links(subscription: Subscription) -> dict[str, str]:
    token = selectors.manage_token(subscription)
    language = subscription.language
    return {
        "manage_url": absolute_url("subscription", token, language=language),
        "unsubscribe_url": absolute_url("subscription_unsubscribe", token, language=language),
    }


def _queue(subscription: Subscription, key: str, template: str, now: datetime.datetime, **context) -> bool:
    with translation.override(subscription.language):
        context = {"subscription": subscription, "what": selectors.description(subscription), **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context).strip()
    return (
        messaging.queue(
            key=key,
            topic=subscription.topic,
            email=subscription.email,
            phone="",
            subject=subject,
            body=body,
            send_after=now,
            unsubscribe_url=context.get("unsubscribe_url", ""),
        )
        is not None
    )


@transaction.atomic
def subscribe(
    *,
    kind: str,
    email: str,
    language: str,
    municipality=None,
    postal_code: str = "",
    age: int | None = None,
    category=None,
    services=(),
    now: datetime.datetime | None = None,
) -> Subscription | None:
    """An unconfirmed subscription, and the e-mail with the link that confirms it (for seven days).
    None when the address has had its confirmations for the day (the page says the same either way:
    it does not tell who subscribes)."""
    now = now or timezone.now()
    key = email_key(email)
    recent = Subscription.objects.filter(
        email_key=key, confirmed_at__isnull=True, created_at__gt=now - datetime.timedelta(days=1)
    )
    if recent.count() >= CONFIRMATIONS_PER_DAY:
        return None
    subscription = Subscription.objects.create(
        kind=kind, email=email.strip(), email_key=key, language=language, municipality=municipality,
        postal_code=postal_code, age=age, category=category, created_at=now,
        expires_at=now + selectors.CONFIRM_WITHIN,
    )  # fmt: skip
    if services:
        subscription.services.set(services)
    confirm_url = absolute_url(
        "subscription_confirm", selectors.confirm_token(subscription), language=language
    )
    _queue(
        subscription,
        f"subscription-confirm:{subscription.pk}",
        "subscriptions/email/confirm",
        now,
        confirm_url=confirm_url,
        valid_until=subscription.expires_at,
    )
    return subscription


def _same_choices(a: Subscription, b: Subscription) -> bool:
    return (a.kind, a.municipality_id, a.postal_code, a.age, a.category_id) == (
        b.kind, b.municipality_id, b.postal_code, b.age, b.category_id,
    ) and set(a.services.values_list("pk", flat=True)) == set(b.services.values_list("pk", flat=True))  # fmt: skip


@transaction.atomic
def confirm(subscription: Subscription, now: datetime.datetime | None = None) -> Subscription:
    """The family confirmed by the e-mailed link: the weekly digest begins. A subscription of the same
    address to the same news is replaced, so that nobody gets the same digest twice."""
    now = now or timezone.now()
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.confirmed_at is not None:
        return subscription
    for older in Subscription.objects.confirmed().filter(
        email_key=subscription.email_key, kind=subscription.kind
    ):
        if _same_choices(older, subscription):
            unsubscribe(older)
    subscription.confirmed_at = subscription.covered_until = now
    subscription.expires_at = now + LIFETIME
    subscription.next_digest_at = next_digest_moment(now)
    subscription.save(update_fields=["confirmed_at", "covered_until", "expires_at", "next_digest_at"])
    return subscription


def renew(subscription: Subscription, now: datetime.datetime | None = None) -> Subscription:
    now = now or timezone.now()
    Subscription.objects.filter(pk=subscription.pk).update(expires_at=now + LIFETIME, warned_at=None)
    subscription.refresh_from_db()
    return subscription


@transaction.atomic
def unsubscribe(subscription: Subscription) -> None:
    """Ended: deleted with its address, and its e-mails with it (those not yet sent are not sent)."""
    messaging.forget(subscription.topic)
    Subscription.objects.filter(pk=subscription.pk).delete()


# A digest names this many new activities at most, and links the calendar for the rest.
DIGEST_ACTIVITIES = 12
# What changed in a followed service, as the digest names it.
PART_NAMES = {
    "status": gettext_lazy("whether it is offered"),
    "contact": gettext_lazy("contact details"),
    "details": gettext_lazy("description"),
    "places": gettext_lazy("places"),
    "hours": gettext_lazy("opening hours"),
}


def _calendar_url(subscription: Subscription) -> str:
    """The activity calendar with the subscription's choices."""
    choices = {
        "municipality": subscription.municipality.code if subscription.municipality else "",
        "age": "" if subscription.age is None else subscription.age,
        "category": subscription.category.code if subscription.category else "",
    }
    # "municipality=" even when empty: every municipality, not the one the browser remembers.
    query = urlencode(
        {name: value for name, value in choices.items() if value != "" or name == "municipality"}
    )
    return f"{absolute_url('activities', language=subscription.language)}?{query}"


def _place(activity, language: str) -> str:
    place = activity.location
    if place is None:
        return _("online")
    municipality = translate(place.municipality, "name", language)
    if place.confidential:
        return municipality
    return ", ".join(part for part in (translate(place, "name", language), municipality) if part)


def _digest_news(subscription: Subscription, after: datetime.datetime, now: datetime.datetime) -> dict:
    """The digest's news in the family's language: new activities, or changed services."""
    language = subscription.language
    with translation.override(language):
        if subscription.kind == Subscription.Kind.ACTIVITIES:
            rows = selectors.new_activities(subscription, after, now)
            return {
                "activities": [
                    {
                        "title": translate(row.activity, "title", language),
                        "when": when(row.occurrence.start, row.occurrence.end, language),
                        "place": _place(row.activity, language),
                        "near": row.near,
                        "url": absolute_url("activity", row.activity.pk, language=language),
                    }
                    for row in rows[:DIGEST_ACTIVITIES]
                ],
                "more": len(rows) - DIGEST_ACTIVITIES if len(rows) > DIGEST_ACTIVITIES else 0,
                "calendar_url": _calendar_url(subscription),
            }
        return {
            "services": [
                {
                    "name": translate(row.service, "name", language),
                    "parts": ", ".join(str(PART_NAMES[part]) for part in row.parts),
                    "url": absolute_url("service", row.service.pk, language=language) if row.listed else "",
                }
                for row in selectors.changed_services(subscription, after, now)
            ]
        }


def _send_digest(subscription: Subscription, now: datetime.datetime) -> bool:
    news = _digest_news(subscription, subscription.covered_until or subscription.confirmed_at, now)
    if not (news.get("activities") or news.get("services")):
        return False  # no e-mail without news
    return _queue(
        subscription,
        f"subscription-digest:{subscription.pk}:{subscription.next_digest_at.isoformat()}",
        "subscriptions/email/digest",
        now,
        **news,
        **_links(subscription),
    )


@task("subscriptions.send_digests", every=datetime.timedelta(hours=1))
def send_digests(now: datetime.datetime | None = None) -> str:
    """The weekly digest of each confirmed subscription whose Monday has come: what is new since the
    last one, or nothing when nothing is."""
    now = now or timezone.now()
    sent = 0
    due = Subscription.objects.confirmed().filter(next_digest_at__lte=now, expires_at__gt=now)
    failed = 0
    for subscription in due.select_related("municipality", "category"):
        try:
            with transaction.atomic():
                sent += _send_digest(subscription, now)
                Subscription.objects.filter(pk=subscription.pk).update(
                    covered_until=now, next_digest_at=next_digest_moment(now)
                )
        except Exception:  # one subscription's fault stops none of the others; tried again next hour
            failed += 1
            log.exception("the digest of subscription %s failed", subscription.pk)
    return f"{sent} digests queued" + (f", {failed} failed." if failed else ".")


@task("subscriptions.expire", every=datetime.timedelta(hours=1))
def expire(now: datetime.datetime | None = None) -> str:
    """Unconfirmed subscriptions whose link has expired and subscriptions whose six months are over
    are deleted; those ending within two weeks are told so, once, with the link that renews them."""
    now = now or timezone.now()
    ended = 0
    for subscription in Subscription.objects.filter(expires_at__lte=now):
        unsubscribe(subscription)
        ended += 1
    warned = 0
    ending = Subscription.objects.confirmed().filter(
        expires_at__lte=now + WARN_BEFORE, warned_at__isnull=True
    )
    for subscription in ending.select_related("municipality", "category"):
        warned += _queue(
            subscription,
            f"subscription-expiring:{subscription.pk}:{subscription.expires_at.isoformat()}",
            "subscriptions/email/expiring",
            now,
            ends_on=subscription.expires_at,
            **_links(subscription),
        )
        Subscription.objects.filter(pk=subscription.pk).update(warned_at=now)
    return f"{ended} subscriptions ended, {warned} told they are ending."
