"""What the tests of the site as it is served (gunicorn in production mode) share: the static files
collected once, and a migrated database to copy. Collecting compresses every file (about half a
minute) and migrating a new database takes about 12 s: done once a suite, not once a module."""

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

from perhekeskus.core.tests.test_production import manage, production_environment


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """STATIC_ROOT of the served site: hashed and compressed as `collectstatic` leaves it."""
    folder = tmp_path_factory.mktemp("collected") / "static"
    result = manage("collectstatic", "--no-input", env=production_environment(STATIC_ROOT=str(folder)))
    assert result.returncode == 0, result.stderr
    return folder


def _server() -> dict | None:
    """The suite's PostgreSQL server (None when the suite runs on SQLite)."""
    database = settings.DATABASES["default"]
    return database if database["ENGINE"] == "django.db.backends.postgresql" else None


def _maintenance(database: dict):
    import psycopg

    return psycopg.connect(
        host=database["HOST"], port=database["PORT"] or 5432, user=database["USER"],
        password=database["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip


def _url(database: dict, name: str) -> str:
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT'] or 5432}/{name}"


@pytest.fixture(scope="session")
def served_database(tmp_path_factory) -> Callable[[str], tuple[str, Callable[[], None]]]:
    """`served_database(name)`: the URL of a new migrated database on the suite's engine (a PostgreSQL
    database beside the test database, or an SQLite file), and what removes it. Each is a copy of one
    database migrated at the first call."""
    server = _server()
    folder = tmp_path_factory.mktemp("served-databases")
    # Names of this run's own (the process id): two suites on one server never touch each other's.
    prefix = f"test_perhekeskus_{os.getpid()}"
    template = f"{prefix}_served_template" if server else None
    migrated = False

    def migrate_template() -> None:
        if server is not None:
            with _maintenance(server) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{template}"')
            url = _url(server, template)
        else:
            url = f"sqlite:///{folder / 'template.sqlite3'}"
        result = manage("migrate", "--no-input", env=production_environment(DATABASE_URL=url))
        assert result.returncode == 0, result.stderr

    def new(name: str) -> tuple[str, Callable[[], None]]:
        nonlocal migrated
        if not migrated:
            migrate_template()
            migrated = True
        if server is None:
            path = folder / f"{name}.sqlite3"
            shutil.copyfile(folder / "template.sqlite3", path)
            return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
        database = f"{prefix}_{name}"

        def drop() -> None:
            with _maintenance(server) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

        drop()
        with _maintenance(server) as connection:
            connection.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        return _url(server, database), drop

    yield new
    if server is not None and migrated:
        with _maintenance(server) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
