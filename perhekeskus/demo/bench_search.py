"""`make bench-search`: relevance and speed of the search on SQLite and PostgreSQL; prints figures.

For each backend, in a fresh database of its own: the demo network and success@3 of this engine and
of two baselines (substring `icontains`, PostgreSQL's `finnish` text search); then the 50,000-service
synthetic network, the time to rebuild its index, the database size, and the latency of the search
API and of the search page (through Django, in process) for a fixed mix of 200 queries.
"""

import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SQLITE_PATH = ROOT / "var" / "bench-search.sqlite3"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
POSTGRES_NAME = "perhekeskus_bench_search"
SERVICES = int(os.environ.get("BENCH_SERVICES", "50000"))
DELIVERIES = int(os.environ.get("BENCH_DELIVERIES", "80000"))
QUERIES = 200


def main() -> int:
    import psycopg

    SQLITE_PATH.parent.mkdir(exist_ok=True)
    SQLITE_PATH.unlink(missing_ok=True)
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{POSTGRES_NAME}"')
        connection.execute(f'CREATE DATABASE "{POSTGRES_NAME}"')
    for backend, url in (
        ("sqlite", f"sqlite:///{SQLITE_PATH}"),
        ("postgresql", f"{POSTGRES_SERVER}/{POSTGRES_NAME}"),
    ):
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
            # One client makes every request here: no rate limit applies.
            "SEARCHES_PER_MINUTE": "1000000",
            "SEARCH_API_THROTTLE_RATE": "1000000/minute",
        }
        subprocess.run(
            [sys.executable, "-m", "perhekeskus.demo.bench_search", "--backend", backend], env=env, check=True
        )
    return 0


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args, verbosity=0)


def _database_size() -> int:
    from django.db import connection

    if connection.vendor == "sqlite":
        return SQLITE_PATH.stat().st_size
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def _top3_icontains(case) -> list[dict]:
    from django.db.models import Q

    from perhekeskus.catalog.selectors import listed_services

    condition = Q()
    for field in ("name", "summary", "description"):
        for code in ("fi", "sv", "en"):
            condition |= Q(**{f"{field}_{code}__icontains": case.query})
    services = listed_services().filter(condition).order_by("name_fi")[:3]
    return [_as_result(s) for s in services.prefetch_related("service_types", "deliveries__municipalities")]


def _top3_postgres_finnish(case) -> list[dict]:
    from perhekeskus.catalog.models import Service

    document = "to_tsvector('finnish', name_fi || ' ' || summary_fi || ' ' || description_fi)"
    services = Service.objects.raw(
        f"SELECT id FROM catalog_service WHERE status IN ('active', 'temporarily closed') AND {document}"
        f" @@ plainto_tsquery('finnish', %s) ORDER BY ts_rank({document}, plainto_tsquery('finnish', %s)) DESC,"
        " name_fi LIMIT 3",
        [case.query, case.query],
    )
    return [_as_result(Service.objects.get(pk=s.pk)) for s in services]


def _as_result(service) -> dict:
    return {
        "service_types": [t.code for t in service.service_types.all()],
        "municipalities": sorted({m.code for d in service.deliveries.all() for m in d.municipalities.all()}),
    }


def _relevance(backend: str) -> None:
    from perhekeskus.search import relevance

    _manage("load_demo")
    _manage("rebuild_search_index")
    rows = [("this engine", relevance.engine), ("icontains baseline", _top3_icontains)]
    if backend == "postgresql":
        rows.append(("PostgreSQL 'finnish' baseline", _top3_postgres_finnish))
    for name, search in rows:
        score, failed = relevance.success_at_3(search)
        print(
            f"[{backend}] success@3 {name}: {score:.3f} ({len(relevance.cases()) - len(failed)}/{len(relevance.cases())})"
        )


def query_mix() -> list[str]:
    """200 API query strings: text only, text with filters, filters only; fixed by the seed."""
    from perhekeskus.network.models import Municipality
    from perhekeskus.search import relevance

    rng = random.Random(20261128)
    texts = [case.query for case in relevance.cases()]
    codes = list(Municipality.objects.filter(network__isnull=False).values_list("code", flat=True))
    mix = []
    for index in range(QUERIES):
        params = {}
        if index % 4 != 3:
            params["q"] = rng.choice(texts)
        if index % 2 == 1:
            choice = rng.randrange(5)
            if choice == 0:
                params["municipality"] = rng.choice(codes)
            elif choice == 1:
                params["age_months"] = str(rng.randrange(0, 200))
                params["free"] = "true"
            elif choice == 2:
                params["open_now"] = "true"
            elif choice == 3:
                params.update(lat="62.6", lon="29.76", radius_km="30", sort="distance")
            else:
                params.update(municipality=rng.choice(codes), delivery_mode="home-visit")
        mix.append(params)
    return mix


def _latency(backend: str) -> None:
    from django.test import Client

    client = Client()
    mix = query_mix()
    for params in mix[:20]:  # warm caches (analysis, vocabulary, snapshot, database pages)
        client.get("/api/v1/search", params)
    timings = {"all": [], "text": [], "filters": []}
    for params in mix:
        elapsed = _timed(client, "/api/v1/search", params)
        timings["all"].append(elapsed)
        timings["filters" if set(params) - {"q"} else "text"].append(elapsed)
    for name, values in timings.items():
        print(
            f"[{backend}] search API latency, {name} ({len(values)} queries, facets included): {_quantiles(values)}"
        )
    page = [_timed(client, "/search/", params) for params in mix]
    print(f"[{backend}] search page (HTML, server time) for the same {len(page)} queries: {_quantiles(page)}")


def _timed(client, url: str, params: dict) -> float:
    started = time.perf_counter()
    response = client.get(url, params)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.content[:200]
    return elapsed


def _quantiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms"


def run(backend: str) -> None:
    import django

    django.setup()
    _manage("migrate", "--no-input")
    _relevance(backend)
    started = time.perf_counter()
    _manage("generate_network", "--municipalities", "300", "--services", str(SERVICES),
            "--deliveries", str(DELIVERIES), "--seed", "1")  # fmt: skip
    print(f"[{backend}] generate_network ({SERVICES} services, {DELIVERIES} deliveries, indexed): "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    started = time.perf_counter()
    _manage("rebuild_search_index")
    print(f"[{backend}] rebuild_search_index: {time.perf_counter() - started:.1f} s")
    print(f"[{backend}] database size: {_database_size() / 2**20:.0f} MiB")
    _latency(backend)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--backend":
        os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
        run(sys.argv[2])
    else:
        sys.exit(main())
