"""When the demo's listings were last confirmed accurate: spread as in a network that has been in use
for a while — most within their review interval, some never confirmed, some overdue — so that the
workspace, the freshness page and the committee report have something true to say. Deterministic
for each service (by its id) and relative to today, so loading the demo again changes nothing that day.
"""

import datetime
import hashlib

from django.utils import timezone

from perhekeskus.catalog.models import Service
from perhekeskus.network.models import Network

NEVER_CONFIRMED = 8  # per cent of the services
OVERDUE = 15  # per cent, reviewed 6½–11 months ago: overdue at a six-month interval, still in search


def _share(service_id) -> int:
    return int(hashlib.sha256(str(service_id).encode()).hexdigest()[:8], 16) % 100


def days_since_review(service_id) -> int | None:
    share = _share(service_id)
    if share < NEVER_CONFIRMED:
        return None
    if share < 100 - OVERDUE:
        return 3 + (share * 7) % 170  # within six months
    return 200 + (share * 11) % 130


def set_review_dates(network: Network, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    counts = {"never": 0, "in_time": 0, "overdue": 0}
    for pk in Service.objects.filter(organization__networks=network).values_list("pk", flat=True):
        days = days_since_review(pk)
        reviewed = None if days is None else today - datetime.timedelta(days=days)
        Service.objects.filter(pk=pk).update(last_reviewed_at=reviewed)
        counts["never" if days is None else "overdue" if days >= 200 else "in_time"] += 1
    return counts
