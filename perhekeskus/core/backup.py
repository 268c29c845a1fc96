"""Backup, restore and fingerprint of the site's database (SQLite or PostgreSQL).

`backup(path)` writes a consistent copy of the live database: on SQLite with SQLite's online backup
API (one step, so one read snapshot; in WAL mode the site keeps writing meanwhile), on PostgreSQL with
`pg_dump --format=custom` from a snapshot the function holds open, so that the fingerprint it returns
describes exactly what the dump holds. The copy goes to a temporary file beside `path` and is renamed
only when complete and checked: a failed backup leaves nothing under `path`.

`restore(path)` replaces the database's content with a backup of the same engine, all or nothing: on
SQLite the file is checked (`PRAGMA integrity_check`) before the backup API copies it over the
database in one transaction; on PostgreSQL `pg_restore --single-transaction` rolls back on any error.

`fingerprint()` is the row count and an order-independent checksum of every table, to compare a
restored database with the one that was backed up. Tables: all that Django's introspection lists in
the database (every model's table, many-to-many tables, django_migrations), without the engine's own:
SQLite's internal tables (`sqlite_%`) and SQLite's FTS5 full-text index (`search_fts` and its shadow
tables), which is derived from `search_searchdocument` — included — and restored with the file.
Sequences (the next ids) are restored but not fingerprinted: PostgreSQL reads them outside
transactions, so they cannot be tied to a snapshot.

Personal data stays encrypted in a backup (core.encryption): reading it after a restore needs the
`PERSONAL_DATA_KEYS` of the time, which are kept apart from the backups.
"""

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
# Shadow tables that SQLite's FTS5 keeps for a virtual table (search_fts_data, search_fts_idx, …).
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
ROW_HASH_MODULUS = 2**256


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why and what was left as it was."""


@dataclasses.dataclass(frozen=True)
class TableFingerprint:
    rows: int
    checksum: str


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    tables: dict[str, TableFingerprint]

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables.values())

    @property
    def checksum(self) -> str:
        lines = "".join(f"{name}\t{t.rows}\t{t.checksum}\n" for name, t in sorted(self.tables.items()))
        return hashlib.sha256(lines.encode()).hexdigest()

    def summary(self) -> str:
        return f"{len(self.tables)} tables, {self.rows:,} rows, fingerprint {self.checksum}"

    def as_json(self) -> dict:
        return {
            "tables": {name: dataclasses.asdict(t) for name, t in sorted(self.tables.items())},
            "table_count": len(self.tables),
            "rows": self.rows,
            "checksum": self.checksum,
        }


@dataclasses.dataclass(frozen=True)
class Result:
    path: Path
    size: int
    seconds: float
    fingerprint: Fingerprint


# Connections ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def connect(using: str = "default", **overrides) -> Iterator[BaseDatabaseWrapper]:
    """A separate connection with the settings of `using`, some replaced (e.g. NAME of another
    database); closed on leaving. Not one of django.db.connections: the ORM does not use it."""
    base = connections[using].settings_dict
    settings_dict = {**base, "OPTIONS": dict(base["OPTIONS"]), **overrides}
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=f"{using}:backup")
    try:
        yield wrapper
    finally:
        wrapper.close()


def connect_sqlite_file(path: Path, *, read_only: bool = True):
    """A connection to a SQLite file as it is: no init commands (they would turn it to WAL mode)."""
    uri = Path(path).resolve().as_uri() + ("?mode=ro" if read_only else "")
    return connect(ENGINE="django.db.backends.sqlite3", NAME=uri, OPTIONS={})


def describe(connection: BaseDatabaseWrapper) -> str:
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"SQLite {name}"
    host = connection.settings_dict.get("HOST") or "local socket"
    return f"PostgreSQL {name} on {host}"


def _is_sqlite_memory(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in name


# Fingerprint ---------------------------------------------------------------------------------------


def fingerprinted_tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        virtual: set[str] = set()
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
            virtual = {row[0] for row in cursor.fetchall()}

    def derived(name: str) -> bool:
        return (
            name.startswith("sqlite_")
            or name in virtual
            or any(name == v + suffix for v in virtual for suffix in FTS_SHADOW_SUFFIXES)
        )

    return sorted(name for name in names if not derived(name))


# How PostgreSQL writes values as text, fixed for the fingerprint (a server's defaults may differ).
POSTGRES_TEXT_SETTINGS = (
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL TimeZone = 'UTC'",
    "SET LOCAL IntervalStyle = 'postgres'",
    "SET LOCAL extra_float_digits = 1",
    "SET LOCAL bytea_output = 'hex'",
)


def _table_fingerprint(connection: BaseDatabaseWrapper, table: str) -> TableFingerprint:
    """The rows and the sum (mod 2**256) of each row's SHA-256 over its values as text, which the
    database writes: PostgreSQL's text of the row, SQLite's quote() of each value (exact, and typed:
    1, 1.0 and '1' differ). A sum is independent of the order in which the rows come (no ORDER BY,
    so no collation either)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quote(table)} LIMIT 0")
        columns = [column[0] for column in cursor.description]
    if connection.vendor == "postgresql":
        query = f"SELECT t::text FROM {quote(table)} AS t"
    else:
        query = (
            "SELECT " + " || ',' || ".join(f"quote({quote(c)})" for c in columns) + f" FROM {quote(table)}"
        )
    total = rows = 0
    server_side = connection.vendor == "postgresql" and not connection.settings_dict.get(
        "DISABLE_SERVER_SIDE_CURSORS"
    )
    cursor = connection.chunked_cursor() if server_side else connection.cursor()
    with cursor:
        cursor.execute(query)
        while batch := cursor.fetchmany(5000):
            for (text,) in batch:
                total += int.from_bytes(hashlib.sha256(text.encode()).digest())
            rows += len(batch)
    head = json.dumps({"columns": columns, "rows": rows, "sum": f"{total % ROW_HASH_MODULUS:064x}"})
    return TableFingerprint(rows=rows, checksum=hashlib.sha256(head.encode()).hexdigest())


def _fingerprint_here(connection: BaseDatabaseWrapper) -> Fingerprint:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in POSTGRES_TEXT_SETTINGS:
                cursor.execute(statement)
    return Fingerprint(
        {table: _table_fingerprint(connection, table) for table in fingerprinted_tables(connection)}
    )


def fingerprint(connection: BaseDatabaseWrapper | None = None) -> Fingerprint:
    """Every table's rows and checksum, read from one snapshot (inside the caller's transaction when
    there is one; otherwise in a read transaction of its own, which does not hold back writers)."""
    connection = connection or connections["default"]
    if connection.in_atomic_block:
        return _fingerprint_here(connection)
    connection.ensure_connection()
    begin = (
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if connection.vendor == "postgresql" else "BEGIN"
    )
    with connection.cursor() as cursor:
        cursor.execute(begin)
    try:
        return _fingerprint_here(connection)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


# Backup --------------------------------------------------------------------------------------------


def _check_output(path: Path, force: bool) -> Path:
    path = Path(path).expanduser().absolute()
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist: create it first (nothing was written).")
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the backup file's name.")
    if path.exists() and not force:
        raise BackupError(f"{path} already exists: choose another name, or give --force to replace it.")
    return path


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _publish(temporary: Path, path: Path, force: bool) -> None:
    """Move the finished backup to its name in one rename (never a half file under `path`)."""
    _fsync(temporary)
    if force:
        os.replace(temporary, path)
    else:
        try:
            os.link(temporary, path)  # fails if `path` appeared meanwhile
        except FileExistsError as error:
            raise BackupError(f"{path} already exists: choose another name, or give --force.") from error
        except OSError:  # a file system without hard links
            if path.exists():
                raise BackupError(f"{path} already exists: choose another name, or give --force.") from None
            os.rename(temporary, path)
        else:
            temporary.unlink()
    _fsync(path.parent)


def backup(path: Path | str, *, force: bool = False, connection: BaseDatabaseWrapper | None = None) -> Result:
    """Write a backup of the database (default: the site's) to `path`; return what it holds."""
    connection = connection or connections["default"]
    path = _check_output(Path(path), force)
    if connection.vendor == "postgresql":
        pg_dump = _program("pg_dump")
    elif connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if not _is_sqlite_memory(name):
            if not Path(name).is_file():
                raise BackupError(f"The database file {name} does not exist: nothing to back up.")
            if any(path == Path(name + end).absolute() for end in ("", "-wal", "-shm", "-journal")):
                raise BackupError(f"{path} is the database's own file: give the backup another name.")
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    if connection.in_atomic_block:
        raise BackupError(
            "A backup reads committed data through a connection of its own: it cannot run inside a "
            "transaction, whose changes it would not see."
        )
    started = time.monotonic()
    descriptor, temporary_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(descriptor)  # the file is made readable by its owner only; the backup is written into it
    temporary = Path(temporary_name)
    try:
        if connection.vendor == "postgresql":
            contents = _pg_dump(connection, pg_dump, temporary)
        else:
            contents = _sqlite_backup(connection, temporary)
        _publish(temporary, path, force)
    finally:
        _remove(temporary, *(Path(f"{temporary}{end}") for end in ("-journal", "-wal", "-shm")))
    return Result(path, path.stat().st_size, time.monotonic() - started, contents)


def _sqlite_backup(connection: BaseDatabaseWrapper, temporary: Path) -> Fingerprint:
    # A connection of its own, so the backup holds committed data only. One step (pages=-1) copies
    # every page in one read transaction: a consistent snapshot, while WAL lets the site write on.
    params = connection.get_connection_params()
    source = sqlite3.connect(params["database"], uri=True)
    target = sqlite3.connect(temporary)
    try:
        try:
            source.backup(target, pages=-1)
        except sqlite3.Error as error:
            raise BackupError(f"The SQLite backup failed: {error}. Nothing was written.") from error
        try:
            # The copy carries the source's WAL mark; a backup is one self-contained file.
            target.execute("PRAGMA journal_mode=DELETE")
            problems = [row[0] for row in target.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as error:
            problems = [str(error)]
    finally:
        target.close()
        source.close()
    if problems != ["ok"]:
        raise BackupError(
            "The copy fails SQLite's integrity check, so the database itself is damaged: "
            + "; ".join(problems[:5])
            + ". Nothing was written."
        )
    with connect_sqlite_file(temporary) as copy:
        return fingerprint(copy)


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} was not found on PATH: install the PostgreSQL client programs (Debian: "
            "postgresql-client), of the server's major version or newer."
        )
    return found


def _libpq(connection: BaseDatabaseWrapper) -> tuple[str, dict[str, str]]:
    """The connection as a libpq connection string without the password, and the environment for the
    client programs with the password in PGPASSWORD (never on the command line, where `ps` shows it)."""
    import psycopg

    keywords = {info.keyword.decode() for info in psycopg.pq.Conninfo.get_defaults()}
    params = connection.get_connection_params()
    password = params.pop("password", None)
    conninfo = psycopg.conninfo.make_conninfo(
        **{
            key: str(value)
            for key, value in params.items()
            if key in keywords and key != "client_encoding" and value not in (None, "")
        }
    )
    environment = dict(os.environ)
    if password:
        environment["PGPASSWORD"] = str(password)
    return conninfo, environment


def _run(command: list[str], environment: dict[str, str], what: str) -> str:
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        message = " ".join(finished.stderr.split()) or f"exit status {finished.returncode}"
        raise BackupError(f"{what}: {message}")
    return finished.stdout


def _pg_dump(connection: BaseDatabaseWrapper, pg_dump: str, temporary: Path) -> Fingerprint:
    conninfo, environment = _libpq(connection)
    # A snapshot that pg_dump takes over: the dump and the fingerprint read the same data.
    with connect(**connection.settings_dict) as snapshot:
        snapshot.ensure_connection()
        with snapshot.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot_id,) = cursor.fetchone()
        try:
            _run(
                [
                    *(pg_dump, "--format=custom", "--no-owner", f"--snapshot={snapshot_id}"),
                    *("--file", str(temporary), "--dbname", conninfo),
                ],
                environment,
                "pg_dump failed, nothing was written",
            )
            return _fingerprint_here(snapshot)
        finally:
            with snapshot.cursor() as cursor:
                cursor.execute("ROLLBACK")


# Restore -------------------------------------------------------------------------------------------


def check_backup_file(path: Path, vendor: str) -> None:
    """Refuse a file that is not a backup of this engine's kind."""
    if not path.is_file():
        raise BackupError(f"There is no file {path}.")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_HEADER))
    is_sqlite, is_dump = head.startswith(SQLITE_HEADER), head.startswith(PG_DUMP_HEADER)
    if vendor == "sqlite" and not is_sqlite:
        kind = "a PostgreSQL dump (pg_dump custom format)" if is_dump else "not a SQLite database"
        raise BackupError(
            f"{path} is {kind}, but this site's database is SQLite: restore a file made by backup_database "
            "on SQLite. Nothing was restored."
        )
    if vendor == "postgresql" and not is_dump:
        kind = "a SQLite database" if is_sqlite else "not a pg_dump custom-format archive"
        raise BackupError(
            f"{path} is {kind}, but this site's database is PostgreSQL: restore a file made by "
            "backup_database on PostgreSQL (pg_dump --format=custom). Nothing was restored."
        )


def restore(path: Path | str, *, connection: BaseDatabaseWrapper | None = None) -> Result:
    """Replace the content of the database (default: the site's) with the backup at `path`, all or
    nothing; return the restored database's fingerprint."""
    connection = connection or connections["default"]
    path = Path(path).expanduser().absolute()
    check_backup_file(path, connection.vendor)
    started = time.monotonic()
    if connection.vendor == "postgresql":
        _pg_restore(connection, path)
    else:
        _sqlite_restore(connection, path)
    connection.close()  # no connection goes on with what it knew of the old tables
    contents = fingerprint(connection)
    return Result(path, path.stat().st_size, time.monotonic() - started, contents)


def _check_outside_transactions(connection: BaseDatabaseWrapper) -> None:
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction: it would wait for its own locks.")


def _sqlite_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    try:
        source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened: {error}. Nothing was restored.") from error
    try:
        try:
            problems = [row[0] for row in source.execute("PRAGMA integrity_check")]
            has_migrations = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        except sqlite3.Error as error:
            raise BackupError(f"{path} is damaged: {error}. Nothing was restored.") from error
        if problems != ["ok"]:
            raise BackupError(f"{path} is damaged: {'; '.join(problems[:5])}. Nothing was restored.")
        if not has_migrations:
            raise BackupError(
                f"{path} has no django_migrations table: it is not a backup of this site. Nothing was restored."
            )
        name = str(connection.settings_dict["NAME"])
        if not _is_sqlite_memory(name) and not Path(name).parent.is_dir():
            raise BackupError(f"The folder of the database file {name} does not exist.")
        # The site's own connection settings (WAL mode, …); the backup API copies every page in one
        # write transaction of the target, which SQLite rolls back if anything fails.
        _check_outside_transactions(connection)
        connection.close()
        target = connection.get_new_connection(connection.get_connection_params())
        try:
            source.backup(target, pages=-1)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            raise BackupError(
                f"The restore failed and was rolled back: {error}. The database is as it was."
            ) from error
        finally:
            target.close()
    finally:
        source.close()


def _pg_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    pg_restore = _program("pg_restore")
    conninfo, environment = _libpq(connection)
    contents = _run(
        [pg_restore, "--list", str(path)], environment, f"pg_restore cannot read {path}; nothing was restored"
    )
    if not re.search(r"\bTABLE \S+ django_migrations\b", contents):
        raise BackupError(
            f"{path} has no django_migrations table: it is not a backup of this site. Nothing was restored."
        )
    _check_outside_transactions(connection)
    connection.close()
    _run(
        [
            *(pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"),
            *("--dbname", conninfo, str(path)),
        ],
        environment,
        "pg_restore failed and its transaction was rolled back, so the database is as it was",
    )
    # pg_restore leaves the planner without statistics until autovacuum gets round to the tables.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# Output of the commands ------------------------------------------------------------------------------


def size_text(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError  # not reached


def table_lines(contents: Fingerprint) -> list[str]:
    width = max((len(name) for name in contents.tables), default=5)
    lines = [f"{'table':<{width}}  {'rows':>10}  checksum"]
    lines += [
        f"{name:<{width}}  {t.rows:>10,}  {t.checksum[:16]}" for name, t in sorted(contents.tables.items())
    ]
    return lines
