"""Queueing and sending messages to families. A message is queued once (its key is unique), claimed
by one worker with a conditional update that is committed before anything is sent, and marked sent
after: two workers or a task run twice never send it twice. A refusal by the provider is tried again
later, and so is no answer in time (a provider that took the message but did not answer may then get
it twice: a repeated reminder is better than a missed one). A message whose worker stopped between the
claim and the mark is never sent again. Text messages keep quiet hours: none between 21 and 08, local
time."""

import datetime
import logging

from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from perhekeskus.core.tasks import task
from perhekeskus.messaging import sms
from perhekeskus.messaging.models import OutgoingMessage

log = logging.getLogger(__name__)

QUIET_FROM = datetime.time(21, 0)
QUIET_UNTIL = datetime.time(8, 0)
MAX_ATTEMPTS = 5
RETRY_AFTER = datetime.timedelta(minutes=10)
# A message still "being sent" this long after its claim belonged to a worker that stopped: whether
# it went is unknown, so it is not sent again.
UNKNOWN_AFTER = datetime.timedelta(hours=1)
# Sent, failed and withdrawn messages (with their encrypted recipient and text) are deleted this long
# after they were queued.
KEPT_FOR = datetime.timedelta(days=30)


def outside_quiet_hours(when: datetime.datetime) -> datetime.datetime:
    """`when`, or 08:00 local time after it when it falls between 21 and 08."""
    local = timezone.localtime(when)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return when
    day = local.date() + datetime.timedelta(days=1 if local.time() >= QUIET_FROM else 0)
    return timezone.make_aware(datetime.datetime.combine(day, QUIET_UNTIL))


def queue(
    *,
    key: str,
    topic: str,
    email: str,
    phone: str,
    subject: str,
    body: str,
    send_after: datetime.datetime,
    expires_at: datetime.datetime | None = None,
    unsubscribe_url: str = "",
) -> OutgoingMessage | None:
    """By e-mail when the family gave an address, else by text message to its phone (when the site
    sends them); None when neither can go, or when a message of this key has been queued already.
    An e-mail with `unsubscribe_url` carries it for mail programs' one-click unsubscribe button."""
    if email:
        channel, recipient = OutgoingMessage.Channel.EMAIL, email
    elif phone and sms.enabled():
        channel, recipient = OutgoingMessage.Channel.SMS, phone
        send_after = outside_quiet_hours(send_after)
    else:
        return None
    try:
        with transaction.atomic():
            return OutgoingMessage.objects.create(
                key=key, topic=topic, channel=channel, recipient=recipient, subject=subject[:200],
                body=body, send_after=send_after, expires_at=expires_at,
                unsubscribe_url=unsubscribe_url if channel == OutgoingMessage.Channel.EMAIL else "",
            )  # fmt: skip
    except IntegrityError:
        return None


def withdraw(topic: str) -> int:
    """Messages of the topic not yet sent are not sent (the family stopped them, or the time they
    were about no longer holds)."""
    return OutgoingMessage.objects.filter(topic=topic, state=OutgoingMessage.State.QUEUED).update(
        state=OutgoingMessage.State.WITHDRAWN
    )


def forget(topic: str) -> int:
    """The topic's messages are deleted with their recipient (a subscription ended: its address must
    go), except one a worker is sending this moment, which goes after its 30 days."""
    deleted, _ = (
        OutgoingMessage.objects.filter(topic=topic).exclude(state=OutgoingMessage.State.SENDING).delete()
    )
    return deleted


def _claim(message: OutgoingMessage, now: datetime.datetime) -> bool:
    return bool(
        OutgoingMessage.objects.filter(pk=message.pk, state=OutgoingMessage.State.QUEUED).update(
            state=OutgoingMessage.State.SENDING, attempts=F("attempts") + 1, last_error="", claimed_at=now
        )
    )


def _deliver(message: OutgoingMessage) -> None:
    if message.channel == OutgoingMessage.Channel.SMS:
        sms.send(message.recipient, message.body)
    elif message.unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{message.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        EmailMessage(message.subject, message.body, None, [message.recipient], headers=headers).send()
    else:
        send_mail(message.subject, message.body, None, [message.recipient])


def send_one(message: OutgoingMessage, now: datetime.datetime) -> bool:
    """Send a due message unless another worker has claimed it; True when this one sent it."""
    if message.expires_at is not None and now >= message.expires_at:
        OutgoingMessage.objects.filter(pk=message.pk, state=OutgoingMessage.State.QUEUED).update(
            state=OutgoingMessage.State.WITHDRAWN, last_error="Its time had passed."
        )
        return False
    if message.channel == OutgoingMessage.Channel.SMS and outside_quiet_hours(now) != now:
        OutgoingMessage.objects.filter(pk=message.pk, state=OutgoingMessage.State.QUEUED).update(
            send_after=outside_quiet_hours(now)
        )
        return False
    if not _claim(message, now):
        return False
    attempts = message.attempts + 1
    try:
        _deliver(message)
    except Exception as error:  # the provider's refusal, a timeout, an SMTP error: tried again
        retry = attempts < MAX_ATTEMPTS
        OutgoingMessage.objects.filter(pk=message.pk).update(
            state=OutgoingMessage.State.QUEUED if retry else OutgoingMessage.State.FAILED,
            send_after=now + RETRY_AFTER * attempts,
            # The error's kind and the provider's status only: its text may repeat the address or number.
            last_error=str(getattr(error, "summary", type(error).__name__))[:300],
        )
        log.warning("message %s not sent (attempt %s): %s", message.key, attempts, type(error).__name__)
        return False
    OutgoingMessage.objects.filter(pk=message.pk).update(
        state=OutgoingMessage.State.SENT, sent_at=timezone.now()
    )
    return True


@task("messaging.send_due", every=datetime.timedelta(minutes=1), atomic=False)
def send_due(now: datetime.datetime | None = None) -> str:
    """Send every queued message whose time has come; give up on those whose fate is unknown; delete
    old ones."""
    now = now or timezone.now()
    OutgoingMessage.objects.filter(
        state=OutgoingMessage.State.SENDING, claimed_at__lt=now - UNKNOWN_AFTER
    ).update(state=OutgoingMessage.State.FAILED, last_error="The worker stopped while sending it.")
    sent = sum(
        send_one(message, now)
        for message in OutgoingMessage.objects.filter(
            state=OutgoingMessage.State.QUEUED, send_after__lte=now
        ).order_by("send_after")
    )
    OutgoingMessage.objects.filter(
        state__in=[OutgoingMessage.State.SENT, OutgoingMessage.State.FAILED, OutgoingMessage.State.WITHDRAWN],
        created_at__lt=now - KEPT_FOR,
    ).delete()
    return f"{sent} messages sent."
