"""`make bench`: build the 50,000-service synthetic network on SQLite and PostgreSQL and print figures.

Each backend gets a fresh database of its own (var/bench.sqlite3, PostgreSQL `perhekeskus_bench`).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench.sqlite3"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SERVICES = int(os.environ.get("BENCH_SERVICES", "50000"))
DELIVERIES = int(os.environ.get("BENCH_DELIVERIES", "80000"))


def _manage(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


def _fresh_postgres(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES_SERVER}/{name}"


def _postgres_size(name: str) -> int:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres") as connection:
        return connection.execute("SELECT pg_database_size(%s)", [name]).fetchone()[0]


def run(backend: str, url: str, size) -> None:
    _manage(url, "migrate", "--no-input", "-v0")
    started = time.perf_counter()
    output = _manage(
        url,
        "generate_network",
        "--municipalities", "300",
        "--services", str(SERVICES),
        "--deliveries", str(DELIVERIES),
        "--seed", "1",
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    print(f"[{backend}] {output}")
    print(f"[{backend}] generate_network wall time: {elapsed:.1f} s; database size: {size() / 2**20:.0f} MiB")


def main() -> int:
    SQLITE_PATH.parent.mkdir(exist_ok=True)
    SQLITE_PATH.unlink(missing_ok=True)
    run("sqlite", f"sqlite:///{SQLITE_PATH}", lambda: SQLITE_PATH.stat().st_size)
    run("postgresql", _fresh_postgres("perhekeskus_bench"), lambda: _postgres_size("perhekeskus_bench"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
