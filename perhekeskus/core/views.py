import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def _database_answers(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        log.exception("health check: database %s unreachable", alias)
        return False
    return True


@never_cache
@require_safe
def healthz(request):
    """Public, for load balancers and monitoring (perhekeskus.core.middleware.health_check answers it
    before anything else). 503 when this process cannot reach the database (or the read replica, which
    search reads): take it out of rotation. 200 "degraded" when only the cache is unreachable: the site
    still works without it (rate limits count nothing meanwhile). Says which part failed, never why."""
    started = time.perf_counter()
    checks = {"database": "ok" if _database_answers("default") else "error"}
    if settings.READS_FROM_REPLICA:
        checks["replica"] = "ok" if _database_answers("replica") else "error"
    cache.set("healthz", 1, timeout=10)  # the cache fails open: a miss afterwards means unreachable
    checks["cache"] = "ok" if cache.get("healthz") == 1 else "error"
    serving = all(checks[name] == "ok" for name in checks if name != "cache")
    return JsonResponse(
        {
            "status": ("ok" if checks["cache"] == "ok" else "degraded") if serving else "error",
            **checks,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
        status=200 if serving else 503,
    )
