"""`make bench-search`: relevance and speed of the search on SQLite and PostgreSQL; prints figures.

For each backend, in a fresh database of its own: the demo network and success@3 of this engine and
of two baselines (substring `icontains`, PostgreSQL's `finnish` text search) on both relevance sets
(search.relevance), with the everyday set's failures of this engine; then the 50,000-service
synthetic network, the time to rebuild its index, the database size, and the latency of the search
API and of the search page for a fixed mix of 200 queries.

Latency is server time: from the outermost middleware's call to the response it returns (the Django
test client, in process), so the search log written after the response is left out and shown apart.
The mix runs twice with nothing kept (PUBLIC_CACHE_SECONDS=0): each query's first search (cold: its
words analysed, its database pages read for the first time) and again, warm as the floor is; then the
API and the page as a running site makes an answer it has not kept, with what its process keeps for
the public generation (the code tables, the sample-data flag): each query's API and page in turn, three
times, the median of each (the page / API figures of issue 27).
Each text query is also run as the bare index query (FLOOR_SQL: the ids matching its words, nothing
else), the floor the API is compared with. The targets (issue 21): no search over 200 ms, and the
API's p95 within 3 times the floor's.
"""

import os
import random
import statistics
import subprocess
import sys
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SQLITE_PATH = ROOT / "var" / "bench-search.sqlite3"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
POSTGRES_NAME = "perhekeskus_bench_search"
SERVICES = int(os.environ.get("BENCH_SERVICES", "50000"))
DELIVERIES = int(os.environ.get("BENCH_DELIVERIES", "80000"))
QUERIES = 200
# The bare index query of a text search: every matching id, no filters, scores or page.
FLOOR_SQL = {
    "sqlite": "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
    "postgresql": "SELECT id FROM search_searchdocument WHERE document @@ to_tsquery('simple', %s)",
}
SLOWEST = 10
LIMIT_MS = 200


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
            # The in-process client's host (make's environment names the served one).
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
            # One client makes every request here: no rate limit applies.
            "SEARCHES_PER_MINUTE": "1000000",
            "SEARCH_API_THROTTLE_RATE": "1000000/minute",
            # The process's own cache, which the measurement empties between requests (_made).
            "CACHE_URL": "locmem://",
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

    from perhekeskus.catalog.models import Service
    from perhekeskus.catalog.selectors import listed_services
    from perhekeskus.core.translation import languages_of

    condition = Q()
    for field in ("name", "summary", "description"):
        for code in languages_of(Service, field):
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
    for set_name in relevance.SETS:
        total = len(relevance.cases(set_name))
        for name, search in rows:
            score, failed = relevance.success_at_3(search, set_name)
            print(
                f"[{backend}] success@3, {set_name} set, {name}: {score:.3f} ({total - len(failed)}/{total})"
            )
            if search is relevance.engine and set_name == "everyday":
                for language, (good, count) in relevance.by_language(set_name, failed).items():
                    print(f"[{backend}]   {language}: {good / count:.3f} ({good}/{count})")
                for case in failed:
                    found = [",".join(r["service_types"]) for r in relevance.engine(case)]
                    print(
                        f"[{backend}]   failed: {case.query!r} (wants {','.join(sorted(case.service_types))}"
                        f"{' in ' + case.municipality if case.municipality else ''}); top 3: {found}"
                    )


def query_mix() -> list[dict]:
    """200 API query strings of both relevance sets' words: text only, text with filters, filters
    only; fixed by the seed."""
    from perhekeskus.network.models import Municipality
    from perhekeskus.search import relevance

    rng = random.Random(20261128)
    texts = [case.query for name in relevance.SETS for case in relevance.cases(name)]
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


class ServerTime:
    """The outermost middleware while latency is measured: the time Django takes to produce the
    response, on the response (the test client returns it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        response.server_ms = (time.perf_counter() - started) * 1000
        return response


def _latency(backend: str) -> None:
    from django.test import Client, modify_settings, override_settings

    from perhekeskus.web.warm import warm_process

    # Debugging off, as a served site runs: with it, Django logs every query (and on SQLite runs one
    # more to quote its parameters for the log), which costs a page of more queries more.
    with (
        modify_settings(MIDDLEWARE={"prepend": f"{ServerTime.__module__}.ServerTime"}),
        override_settings(DEBUG=False),
    ):
        client = Client()
        mix = query_mix()
        warm_process()  # as a served worker does before its first request (gunicorn.conf.py)
        # The search itself is measured, not an answer kept in the cache (core.public_cache): nothing
        # is kept at all, the code tables a running process keeps included.
        with override_settings(PUBLIC_CACHE_SECONDS=0):
            # Each query's first search reads its words' analyses and its database pages for the first
            # time; measured, and shown apart. The figures compared with the floor are of the second,
            # when the API's caches and pages are as warm as the floor's (which runs after it).
            first = [_timed(client, "/api/v1/search", params) for params in mix]
            api = [_timed(client, "/api/v1/search", params) for params in mix]
            floors = {params["q"]: _floor(params["q"]) for params in mix if params.get("q")}
            page = [_timed(client, "/search/", params) for params in mix]
        # As a running site makes an answer it has not kept (PUBLIC_CACHE_SECONDS as set): the kept
        # answers forgotten before each request, what the process keeps for the generation kept.
        made_api, made_page = _made_pairs(client, mix)
    _print_latency(backend, mix, first, api, floors, page)
    _print_made(backend, made_api, made_page)


def _print_latency(backend: str, mix: list[dict], first: list, api: list, floors: dict, page: list) -> None:
    first_server = [elapsed for elapsed, _after in first]
    print(
        f"[{backend}] search API, server time, each query's first search (its words analysed and its"
        f" database pages read for the first time), all ({len(first)} queries): {_quantiles(first_server)}"
    )
    server = [elapsed for elapsed, _after in api]
    groups = {
        "all": server,
        "text": [s for s, p in zip(server, mix, strict=True) if set(p) == {"q"}],
        "text and filters": [s for s, p in zip(server, mix, strict=True) if "q" in p and set(p) != {"q"}],
        "filters": [s for s, p in zip(server, mix, strict=True) if "q" not in p],
    }
    for name, values in groups.items():
        print(
            f"[{backend}] search API, server time, again, {name} ({len(values)} queries): {_quantiles(values)}"
        )
    pairs = [
        (floors[p["q"]], s) for s, p in zip(server, mix, strict=True) if floors.get(p.get("q")) is not None
    ]
    floor, same = [f for f, _s in pairs], [s for _f, s in pairs]
    print(
        f"[{backend}] bare index query ({FLOOR_SQL[backend]}), {len(pairs)} text queries: {_quantiles(floor, 50, 95)}"
    )
    print(
        f"[{backend}] search API, the same queries: {_quantiles(same, 50, 95)}; "
        f"p95 API / p95 bare index query: {_quantile(same, 95) / _quantile(floor, 95):.1f} (target: 3 at most)"
    )
    after = [after for _elapsed, after in api]
    print(f"[{backend}] after the response (search log, test client), API: {_quantiles(after, 50, 95)}")
    page_server = [elapsed for elapsed, _after in page]
    print(
        f"[{backend}] search page (HTML), server time, the same {len(page)} queries: {_quantiles(page_server)}"
    )
    print(
        f"[{backend}] search page / search API, the same queries (issue 27: 1.5 at most): "
        f"p50 {_quantile(page_server, 50) / _quantile(server, 50):.2f}, "
        f"p95 {_quantile(page_server, 95) / _quantile(server, 95):.2f}, "
        f"sum {sum(page_server) / sum(server):.2f}"
    )
    for name, values in (
        ("search API, first searches", first_server),
        ("search API, again", server),
        ("search page", page_server),
    ):
        over = sum(value > LIMIT_MS for value in values)
        print(f"[{backend}] {name}: {over} of {len(values)} over {LIMIT_MS} ms, slowest {max(values):.1f} ms")
    print(f"[{backend}] the {SLOWEST} slowest API searches (server time, first searches):")
    for elapsed, params in sorted(zip(first_server, mix, strict=True), key=lambda pair: -pair[0])[:SLOWEST]:
        print(f"[{backend}]   {elapsed:6.1f} ms  {params}")


# Each query's API and page made this many times, one after the other (median of each).
MADE_ROUNDS = 3


def _made_pairs(client, mix: list[dict]) -> tuple[list[float], list[float]]:
    """Server times of each query's API answer and page as `_made` makes them, in milliseconds: each
    the median of MADE_ROUNDS, the API and the page in turn, so that a slower moment of the machine
    falls on both rather than on one of them."""
    api, page = [], []
    for params in mix:
        rounds = [
            (_made(client, "/api/v1/search", params)[0], _made(client, "/search/", params)[0])
            for _round in range(MADE_ROUNDS)
        ]
        api.append(statistics.median(pair[0] for pair in rounds))
        page.append(statistics.median(pair[1] for pair in rounds))
    return api, page


def _made(client, url: str, params: dict) -> tuple[float, float]:
    """`_timed`, with no answer kept: the shared cache emptied but for the public generation (what
    each process keeps is bound to it, core.public_cache.in_process)."""
    from django.core.cache import cache

    from perhekeskus.core import public_cache

    generation = public_cache.generation()
    cache.clear()
    cache.set(public_cache.GENERATION_KEY, generation, timeout=None)
    return _timed(client, url, params)


def _print_made(backend: str, api_server: list[float], page_server: list[float]) -> None:
    print(
        f"[{backend}] made as a running site makes an answer it has not kept (its process's code tables"
        f" kept), server time, the same {len(api_server)} queries, median of {MADE_ROUNDS} each, API and"
        f" page in turn: search API {_quantiles(api_server, 50, 95)};"
        f" search page {_quantiles(page_server, 50, 95)}"
    )
    print(
        f"[{backend}] search page / search API, so made (issue 27: 1.5 at most): "
        f"p50 {_quantile(page_server, 50) / _quantile(api_server, 50):.2f}, "
        f"p95 {_quantile(page_server, 95) / _quantile(api_server, 95):.2f}, "
        f"sum {sum(page_server) / sum(api_server):.2f}"
    )


def _floor(text: str) -> float | None:
    """Milliseconds of the bare index query for the words of `text` (as the engine parses them; a
    municipality named is a filter, not a word); None when no word is left."""
    from django.db import connection, transaction

    from perhekeskus.search import query as search_query
    from perhekeskus.search.vocabulary import vocabulary

    counts = vocabulary()[1]
    parsed = search_query.parse(text, known=lambda term: term in counts)
    if not parsed.words:
        return None
    match = search_query.match_expression(parsed.words, connection.vendor)
    on_postgres = connection.vendor == "postgresql"
    with transaction.atomic() if on_postgres else nullcontext(), connection.cursor() as cursor:
        if on_postgres:
            cursor.execute("SET LOCAL enable_seqscan = off")  # the GIN index, as the engine reads it
        started = time.perf_counter()
        cursor.execute(FLOOR_SQL[connection.vendor], [match])
        cursor.fetchall()
        return (time.perf_counter() - started) * 1000


def _timed(client, url: str, params: dict) -> tuple[float, float]:
    """Server time, and the time after the response (the search log), in milliseconds."""
    started = time.perf_counter()
    response = client.get(url, params)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.content[:200]
    return response.server_ms, elapsed - response.server_ms


def _quantile(values: list[float], n: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[n - 1]


def _quantiles(values: list[float], *which: int) -> str:
    return ", ".join(f"p{n} {_quantile(values, n):.1f} ms" for n in which or (50, 95, 99))


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
    if backend == "postgresql":
        from django.db import connection

        # The tables as autovacuum would soon leave them after a bulk load (bench_load does the same):
        # without planner statistics PostgreSQL reads a service by id through the whole table, and
        # without the VACUUM the first reads of the fresh rows write their pages back (hint bits).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"[{backend}] database size: {_database_size() / 2**20:.0f} MiB")
    _latency(backend)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--backend":
        # The test client's host (the make target sets DJANGO_ALLOWED_HOSTS for `make run`).
        os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
        run(sys.argv[2])
    else:
        sys.exit(main())
