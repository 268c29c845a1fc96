"""`make bench-load`: the site in production mode (gunicorn, PostgreSQL, Redis) under a realistic load
over loopback; prints figures, asserts nothing.

Data: the demo network (activities with registration) and a synthetic national network of 50,000
services in a PostgreSQL database of its own (`perhekeskus_load`, made once and kept). Load: closed-loop
virtual users (each sends its next request when the answer to the last has come), in stages of rising
concurrency, each for a fixed time. Every request comes from one of 5,000 client addresses through a
trusted proxy (X-Forwarded-For), so that the per-client rate limits apply as they would to families.
The mix (MIXES): by default the public one (front page, search page with and without filters, search
API, service pages, HSDS service lists).
A stage is within target when under 1% of its requests fail (5xx, 429, time-outs, refused
connections) and its p95 is under 200 ms.

Settings by environment: BENCH_LOAD_MIX ("public", the default, or "full"), BENCH_LOAD_STAGES (virtual
users per stage, default 1,20: the single-client baseline and the target's twenty),
BENCH_LOAD_SECONDS (per stage, default 30), WEB_CONCURRENCY (gunicorn processes, default 5),
BENCH_POSTGRES (server URL), BENCH_SERVICES.
"""

import gzip
import http.client
import http.cookies
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "perhekeskus_load"
SERVICES = int(os.environ.get("BENCH_SERVICES", "50000"))
HOST, PORT = "127.0.0.1", 8765
TARGETS = ROOT / "var" / "bench-load-targets.json"
SERVER_LOG = ROOT / "var" / "bench-load-gunicorn.log"
CLIENTS = 5000
ADDRESSES = [f"10.0.{number // 250}.{number % 250 + 1}" for number in range(CLIENTS)]
TIMEOUT = 10.0
P95_TARGET_MS, ERROR_TARGET = 200.0, 0.01

# What a share of the requests asks for (weights). "public" (the default): the public mix of issue 27,
# what families and open-data clients read; "full": also the activity calendar and pages, registration
# (form and post) and the municipality pages.
MIXES = {
    "public": {
        "front page": 15,
        "search page": 16,
        "search page, filters only": 4,
        "search API": 25,
        "service page": 25,
        "HSDS services": 15,
    },
    "full": {
        "search page": 24,
        "search page, filters only": 6,
        "search API": 12,
        "service page": 22,
        "HSDS services": 5,
        "HSDS service": 5,
        "activity calendar": 6,
        "activity page": 6,
        "registration form": 3,
        "registration": 3,
        "front page": 4,
        "municipality page": 4,
    },
}
MIX = MIXES[os.environ.get("BENCH_LOAD_MIX", "public")]


def environment() -> dict[str, str]:
    """Production settings, over plain HTTP behind one trusted proxy (the load generator)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_SECRET_KEY": "bench-load-only-not-a-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"{POSTGRES_SERVER}/{DATABASE}",
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/2"),
        "TRUSTED_PROXY_COUNT": "1",
        "PERSONAL_DATA_KEYS": "YmVuY2gtbG9hZC1vbmx5LW5vdC1hLXNlY3JldC1rZXk=",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DEFAULT_FROM_EMAIL": "bench@example.invalid",
        "PRIVACY_CONTROLLER": "Bench",
        "PRIVACY_CONTACT": "bench@example.invalid",
        "DATA_PROTECTION_OFFICER": "bench@example.invalid",
        "GUNICORN_BIND": f"{HOST}:{PORT}",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "5"),
    }


# --- Preparing the database (runs in a process of its own, with the settings above) --------------------


def prepare() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from perhekeskus.activities.selectors import public_activities
    from perhekeskus.catalog.models import Service
    from perhekeskus.catalog.selectors import listed_services
    from perhekeskus.demo.bench_search import query_mix
    from perhekeskus.network.models import Municipality

    call_command("migrate", "--no-input", verbosity=0)
    if not Service.objects.filter(organization__networks__slug="synthetic-1").exists():
        started = time.perf_counter()
        call_command("load_demo", verbosity=0)
        call_command("generate_network", "--municipalities", "300", "--services", str(SERVICES),
                     "--deliveries", str(round(SERVICES * 1.6)), "--seed", "1", verbosity=0)  # fmt: skip
        print(f"Load data made in {time.perf_counter() - started:.0f} s.")
    # The tables as autovacuum would soon leave them after a bulk load: planner statistics fresh, and
    # the new rows marked visible to all. Without the VACUUM, the first requests to read each fresh
    # row wrote its page back (hint bits), and the twenty-client stage of a freshly made database
    # served 124 requests/s instead of 169 (stop 41).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    call_command("collectstatic", "--no-input", verbosity=0)
    rng = random.Random(20261129)
    services = list(listed_services().values_list("pk", flat=True))
    activities = list(public_activities().values_list("pk", flat=True))
    TARGETS.write_text(
        json.dumps(
            {
                "services": [str(pk) for pk in rng.sample(services, min(5000, len(services)))],
                "activities": [str(pk) for pk in activities],
                # Those with a family centre have a public page.
                "municipalities": list(
                    Municipality.objects.filter(family_centre__isnull=False).values_list("code", flat=True)
                ),
                "searches": query_mix(),
            }
        )
    )
    print(f"{Service.objects.count()} services, {len(activities)} activities in '{DATABASE}'.")


# --- The load -------------------------------------------------------------------------------------------


class Site:
    """One request at a time over a new connection (gunicorn's workers close each one)."""

    def __init__(self, address: str):
        self.address = address

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, *, read=False
    ):
        """Status, body and cookies; the body unzipped only when it is to be `read` (a family's browser
        unzips it too, but on its own processor, not on the server's)."""
        connection = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT)
        try:
            connection.request(
                method,
                path,
                body=body,
                headers={"X-Forwarded-For": self.address, "Accept-Encoding": "gzip", **(headers or {})},
            )
            response = connection.getresponse()
            body = response.read()
            if read and response.getheader("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            jar = http.cookies.SimpleCookie()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    jar.load(value)
            return response.status, body, "; ".join(f"{key}={morsel.value}" for key, morsel in jar.items())
        finally:
            connection.close()


class Mix:
    def __init__(self, targets: dict, register_paths: list[str], seed: int):
        self.targets = targets
        self.register_paths = register_paths
        self.rng = random.Random(seed)
        self.kinds = list(MIX)
        self.weights = list(MIX.values())
        self.text_searches = [params for params in targets["searches"] if "q" in params]
        self.filter_searches = [params for params in targets["searches"] if "q" not in params]

    def next(self) -> str:
        kind = self.rng.choices(self.kinds, self.weights)[0]
        if kind.startswith("registration") and not self.register_paths:
            kind = "activity page"
        return kind

    def path(self, kind: str) -> str:
        t, rng = self.targets, self.rng
        if kind == "search page":
            params = rng.choice(self.text_searches)
            return "/search/?" + urllib.parse.urlencode(params)
        if kind == "search page, filters only":
            params = rng.choice(self.filter_searches)
            return "/search/?" + urllib.parse.urlencode(params)
        if kind == "search API":
            return "/api/v1/search?" + urllib.parse.urlencode(rng.choice(t["searches"]))
        if kind == "service page":
            return f"/services/{rng.choice(t['services'])}/"
        if kind == "HSDS services":
            return f"/api/hsds/services?page={rng.randint(1, 50)}&per_page=50"
        if kind == "HSDS service":
            return f"/api/hsds/services/{rng.choice(t['services'])}"
        if kind == "activity calendar":
            return "/activities/?" + urllib.parse.urlencode({"municipality": rng.choice(t["municipalities"])})
        if kind == "activity page":
            return f"/activities/{rng.choice(t['activities'])}/"
        if kind in ("registration form", "registration"):
            return rng.choice(self.register_paths)
        if kind == "front page":
            return "/"
        return f"/municipalities/{rng.choice(t['municipalities'])}/"


CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def one(site: Site, mix: Mix, kind: str) -> int:
    """One request of the kind (a registration also fetches its form first, not counted); its status."""
    path = mix.path(kind)
    if kind != "registration":
        return site.request("GET", path)[0]
    status, body, cookie = site.request("GET", path, read=True)
    token = CSRF_FIELD.search(body)
    if status != 200 or token is None:
        return status if status != 200 else 599
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "name": f"Kuormitus {mix.rng.randrange(10**6)}",
            "email": f"load{mix.rng.randrange(10**6)}@example.invalid",
            "adults": "1",
            "children": "1",
        }
    ).encode()
    return site.request(
        "POST",
        path,
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )[0]


def stage(users: int, seconds: float, targets: dict, register_paths: list[str]) -> dict:
    results: dict[str, list[tuple[float, int]]] = defaultdict(list)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(number: int) -> None:
        mix = Mix(targets, register_paths, seed=users * 1000 + number)
        local = []
        while time.monotonic() < deadline:
            kind = mix.next()
            site = Site(mix.rng.choice(ADDRESSES))
            started = time.perf_counter()
            try:
                status = one(site, mix, kind)
            except (OSError, http.client.HTTPException):
                status = 0
            local.append((kind, (time.perf_counter() - started) * 1000, status))
        with lock:
            for kind, elapsed, status in local:
                results[kind].append((elapsed, status))

    started = time.monotonic()
    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"users": users, "elapsed": time.monotonic() - started, "results": dict(results)}


def failed(status: int) -> bool:
    # 0: no answer (time-out, refused); 4xx: refused (a rate limit, a form's CSRF check, a missing
    # page: none is expected of this mix); 5xx: a server error. A registration ends in 302, or 200
    # with the form's message when the time is full.
    return status == 0 or status >= 400


def quantiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] if values else 0.0
        return value, value, value
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98]


def report(outcome: dict) -> dict:
    every = [item for items in outcome["results"].values() for item in items]
    times = [elapsed for elapsed, _status in every]
    errors = sum(1 for _elapsed, status in every if failed(status))
    p50, p95, p99 = quantiles(times)
    summary = {
        "users": outcome["users"],
        "requests": len(every),
        "rps": len(every) / outcome["elapsed"],
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "errors": errors,
        "error_rate": errors / len(every) if every else 1.0,
    }
    summary["within_target"] = summary["error_rate"] < ERROR_TARGET and p95 < P95_TARGET_MS
    print(
        f"{summary['users']:>3} users: {summary['rps']:6.1f} requests/s, {summary['requests']} requests, "
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, errors {errors} "
        f"({summary['error_rate']:.2%}) {'within target' if summary['within_target'] else 'OVER TARGET'}"
    )
    # Each kind's share of the summed response time: at one client, where the server's work goes.
    total = sum(times) or 1.0
    for kind, items in sorted(outcome["results"].items()):
        elapsed = [elapsed for elapsed, _status in items]
        k50, k95, k99 = quantiles(elapsed)
        statuses = defaultdict(int)
        for _elapsed, status in items:
            statuses[status] += 1
        codes = ", ".join(f"{code}×{count}" for code, count in sorted(statuses.items()))
        print(
            f"      {kind:<26} {len(items):>6}  p50 {k50:6.0f}  p95 {k95:6.0f}  p99 {k99:6.0f} ms"
            f"  {sum(elapsed) / total:4.0%} of the time  [{codes}]"
        )
    return summary


def register_paths(targets: dict) -> list[str]:
    """The registration forms linked from the activity pages (times open for registration)."""
    site = Site("10.255.0.1")
    found = []
    for activity in targets["activities"]:
        status, body, _cookie = site.request("GET", f"/activities/{activity}/", read=True)
        if status == 200:
            found += [match.decode() for match in re.findall(rb'href="(/activities/[^"]+/register/)"', body)]
    return sorted(set(found))


def wait_until_up(server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}); see {SERVER_LOG}")
        try:
            if Site("10.255.0.2").request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /healthz in 120 s")


def main() -> int:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone() is None:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    env = environment()
    TARGETS.parent.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "perhekeskus.demo.bench_load", "--prepare"], env=env, check=True, cwd=ROOT
    )
    targets = json.loads(TARGETS.read_text())
    stages = [int(users) for users in os.environ.get("BENCH_LOAD_STAGES", "1,20").split(",")]
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
    with SERVER_LOG.open("w") as log:
        server = subprocess.Popen([str(BIN / "gunicorn")], env=env, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_until_up(server)
        paths = register_paths(targets)
        print(
            f"gunicorn with {env['WEB_CONCURRENCY']} processes on {HOST}:{PORT}; PostgreSQL '{DATABASE}'; "
            f"the {os.environ.get('BENCH_LOAD_MIX', 'public')} mix; "
            f"{len(paths)} registration forms; stages of {seconds:.0f} s; target p95 < {P95_TARGET_MS:.0f} ms "
            f"and errors < {ERROR_TARGET:.0%}."
        )
        stage(2, 10, targets, paths)  # warm-up: caches, connections, the search snapshot in every process
        summaries = [report(stage(users, seconds, targets, paths)) for users in stages]
    finally:
        server.terminate()
        server.wait(timeout=30)
    best = max((s for s in summaries if s["within_target"]), key=lambda s: s["rps"], default=None)
    if best is None:
        print("No stage was within target.")
    else:
        print(
            f"Highest load within target: {best['users']} users, {best['rps']:.1f} requests/s sustained, "
            f"p50 {best['p50']:.0f} ms, p95 {best['p95']:.0f} ms, p99 {best['p99']:.0f} ms, "
            f"errors {best['errors']} of {best['requests']}."
        )
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        prepare()
    else:
        sys.exit(main())
