"""The search log is deleted SEARCH_LOG_RETENTION_DAYS after each search (a daily task); its monthly
figures stay for the usage report (services.search_logs_delete_before)."""

import datetime

from django.conf import settings
from django.utils import timezone

from perhekeskus.core.tasks import task
from perhekeskus.search.services import search_logs_delete_before


@task("search.delete_old_searches", daily_at=datetime.time(3, 50))
def delete_old_searches() -> str:
    cutoff = timezone.now() - datetime.timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    return f"{search_logs_delete_before(cutoff)} logged searches deleted."
