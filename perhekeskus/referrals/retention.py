"""Retention: the personal data of a closed referral (declined, completed, withdrawn) is erased
`REFERRAL_RETENTION_DAYS` after it closed (default 365), and that of a referral nobody has moved on
for twice as long, by a daily background task (core.tasks)."""

import datetime
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from perhekeskus.core.tasks import task
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.services import referral_erase

log = logging.getLogger(__name__)


def due_for_erasure():
    now = timezone.now()
    retention = datetime.timedelta(days=settings.REFERRAL_RETENTION_DAYS)
    closed_long_ago = Q(status__in=Referral.CLOSED, closed_at__lt=now - retention)
    abandoned = ~Q(status__in=Referral.CLOSED) & Q(modified_at__lt=now - 2 * retention)
    return Referral.objects.filter(closed_long_ago | abandoned, erased_at__isnull=True)


@task("referrals.erase_expired", daily_at=datetime.time(3, 0))
def erase_expired() -> str:
    erased, failed = 0, 0
    # By id, without reading the data: a row that cannot be decrypted is erased all the same.
    for pk in due_for_erasure().values_list("pk", flat=True):
        try:
            referral_erase(referral=Referral(pk=pk), why="retention")
        except Exception:
            log.exception("could not erase referral %s", pk)
            failed += 1
        else:
            erased += 1
    if failed:
        raise RuntimeError(f"{erased} referrals erased, {failed} could not be erased (see the log).")
    return f"{erased} referrals erased."
