"""Backup and restore on the engine the suite runs on (SQLite; PostgreSQL with DATABASE_URL=postgres://…):
real backups of the test database, restored into a database of their own (a SQLite file, or a scratch
PostgreSQL database) and compared by fingerprint with the data as it was at backup time.

Most tests run on both engines, each through its own path (backup API or pg_dump/pg_restore). The few
that only make sense on one engine say so in their skip reason; the other engine's run has its own.
Tests that back up the test database commit their data (transaction=True): a backup reads committed
data only, from a connection of its own."""

import io
import json
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.core import backup
from perhekeskus.core.encryption import decrypt
from perhekeskus.network.models import Membership
from perhekeskus.referrals import services as referral_services
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.tests.conftest import referral_values, sides  # noqa: F401
from perhekeskus.workspace.tests.conftest import people  # noqa: F401

SQLITE = connection.vendor == "sqlite"
sqlite_only = pytest.mark.skipif(
    not SQLITE, reason="SQLite only; the PostgreSQL run tests pg_dump and pg_restore instead"
)
postgres_only = pytest.mark.skipif(
    SQLITE, reason="PostgreSQL only; the SQLite run tests the backup API instead"
)
FAMILY = "Maija Meikäläinen"


@pytest.fixture
def site(sides):  # noqa: F811
    """A small network with a referral (personal data encrypted), a service with opening hours."""
    referral = referral_services.referral_send(
        actor=sides["referrer"],
        service=sides["service"],
        sending_organization=sides["theirs"],
        values=referral_values(family_name=FAMILY),
    )
    factories.weekday_schedule(factories.delivery(service_obj=factories.service(name_fi="Vauvakahvila")))
    return {**sides, "referral": referral}


@pytest.fixture
def scratch(tmp_path):
    """An empty database of its own, with the site's connection settings: a SQLite file (not made yet),
    or the PostgreSQL database `<test database>_restore`, made and dropped here."""
    if SQLITE:
        with backup.connect(NAME=str(tmp_path / "scratch.sqlite3")) as database:
            yield database
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    _postgres(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")
    _postgres(f"CREATE DATABASE {connection.ops.quote_name(name)} TEMPLATE template0")
    try:
        with backup.connect(NAME=name) as database:
            yield database
    finally:
        _postgres(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def _postgres(*statements: str, **settings) -> None:
    """Statements on the PostgreSQL server outside any transaction (CREATE DATABASE, roles)."""
    with backup.connect(**{"NAME": "postgres", **settings}) as server, server.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _execute(database, *statements: str) -> None:
    with database.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _assert_is_a_backup_file(path: Path) -> None:
    head = path.read_bytes()[:100]
    if SQLITE:
        # One self-contained file: rollback journal (1, 1), not WAL (2, 2), and sound.
        assert head.startswith(backup.SQLITE_HEADER) and head[18:20] == b"\x01\x01"
        with sqlite3.connect(path) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert not Path(f"{path}-wal").exists()
    else:
        assert head.startswith(backup.PG_DUMP_HEADER)
        listing = subprocess.run(
            ["pg_restore", "--list", str(path)], capture_output=True, text=True, check=True
        )
        assert " django_migrations " in listing.stdout
    # Password hashes and (encrypted) personal data: for the owner's eyes only.
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_holds_the_data_as_it_was_at_backup_time(site, scratch, tmp_path):
    at_backup = backup.fingerprint()
    # The site has a connection open, in the middle of a read, while the backup is taken.
    with backup.connect() as worker:
        _execute(worker, "BEGIN", "SELECT count(*) FROM catalog_service")
        result = backup.backup(tmp_path / "site.backup")
        _execute(worker, "ROLLBACK")
    assert result.fingerprint == at_backup
    assert result.fingerprint.tables["referrals_referral"].rows == 1
    assert result.size == result.path.stat().st_size > 0
    _assert_is_a_backup_file(result.path)
    assert _files(tmp_path) == ["site.backup"]  # no temporary file left beside it

    # Changed after the backup: a service renamed, an organisation added, a membership removed.
    Service.objects.filter(pk=site["service"].pk).update(name_fi="Perhekahvila Uusi nimi")
    factories.organization(name_fi="Myöhempi yhdistys ry")
    Membership.objects.filter(user=site["editor"]).delete()
    now = backup.fingerprint()
    assert now != at_backup
    for table in ("catalog_service", "network_organization", "network_membership"):
        assert now.tables[table] != at_backup.tables[table]

    restored = backup.restore(result.path, connection=scratch)
    assert restored.fingerprint == at_backup
    assert backup.fingerprint(scratch) == at_backup
    with scratch.cursor() as cursor:
        key = Service._meta.pk.get_db_prep_value(site["service"].pk, scratch)
        cursor.execute("SELECT name_fi FROM catalog_service WHERE id = %s", [key])
        assert cursor.fetchone() == ("Perhekahvila Pankakoski",)
        cursor.execute("SELECT family_name, phone FROM referrals_referral")
        family_name, phone = cursor.fetchone()
    # The personal data is restored encrypted, and PERSONAL_DATA_KEYS read it.
    assert family_name.startswith("fernet:") and decrypt(family_name) == FAMILY
    assert decrypt(phone) == "040 123 4567"
    assert FAMILY.encode() not in result.path.read_bytes()


@pytest.mark.django_db(transaction=True)
def test_the_commands_back_up_and_restore_the_sites_database(site, tmp_path):
    path = tmp_path / "perhekeskus.backup"
    output = io.StringIO()
    call_command("backup_database", "--output", str(path), stdout=output)
    at_backup = backup.fingerprint()
    assert f"to {path} (" in output.getvalue()
    assert f"{at_backup.summary()}." in output.getvalue()
    _assert_is_a_backup_file(path)

    Referral.objects.all().delete()
    Service.objects.update(name_fi="Nimi muutettu")
    assert backup.fingerprint() != at_backup

    output = io.StringIO()
    call_command("restore_database", str(path), "--yes", stdout=output)
    assert f"{at_backup.summary()}." in output.getvalue()
    assert backup.fingerprint() == at_backup
    # The site reads the restored data, personal data included.
    assert Referral.objects.get().family_name == FAMILY
    assert Service.objects.get(pk=site["service"].pk).name_fi == "Perhekahvila Pankakoski"

    output = io.StringIO()
    call_command("database_fingerprint", "--json", stdout=output)
    assert json.loads(output.getvalue()) == at_backup.as_json()


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_committed_data_only_while_the_site_writes(scratch, tmp_path):
    seed = backup.backup(tmp_path / "seed.backup")
    backup.restore(seed.path, connection=scratch)
    before = backup.fingerprint(scratch)
    assert before == seed.fingerprint
    # The site writes: a transaction open with a change not committed yet (SQLite: WAL mode).
    with backup.connect(**scratch.settings_dict) as site_connection:
        _execute(site_connection, "BEGIN", "UPDATE network_municipality SET name_fi = name_fi || ' (uusi)'")
        result = backup.backup(tmp_path / "online.backup", connection=scratch)
        _execute(site_connection, "COMMIT")
    assert result.fingerprint == before
    after = backup.fingerprint(scratch)
    assert after.tables["network_municipality"] != before.tables["network_municipality"]
    # What the file holds is the state before the write (restored over the changed database).
    assert backup.restore(result.path, connection=scratch).fingerprint == before


def test_the_fingerprint_follows_content_not_the_order_of_rows(db):
    expires = timezone.now() + timezone.timedelta(days=1)
    keys = [f"session{n:02}" for n in range(20)]
    Session.objects.bulk_create(
        Session(session_key=key, session_data="x", expire_date=expires) for key in keys
    )
    before = backup.fingerprint()
    # The same rows written in the opposite order: stored and read back in another order.
    Session.objects.all().delete()
    Session.objects.bulk_create(
        Session(session_key=key, session_data="x", expire_date=expires) for key in reversed(keys)
    )
    assert backup.fingerprint() == before
    Session.objects.filter(session_key="session07").update(session_data="y")
    after = backup.fingerprint()
    assert after.tables["django_session"].rows == 20
    assert after.tables["django_session"].checksum != before.tables["django_session"].checksum
    assert {t: f for t, f in after.tables.items() if t != "django_session"} == {
        t: f for t, f in before.tables.items() if t != "django_session"
    }
    assert after.checksum != before.checksum


def test_the_fingerprint_covers_every_models_table_and_the_migrations(db):
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    contents = backup.fingerprint()
    # SQLite's full-text index (search_fts and its shadow tables) is derived, and left out.
    assert set(contents.tables) == tables | {"django_migrations"}
    assert contents.tables["django_migrations"].rows > 0


def test_the_fingerprint_command_prints_each_table_and_the_total(db):
    factories.service(name_fi="Perhekahvila Taulu")
    contents = backup.fingerprint()
    output = io.StringIO()
    call_command("database_fingerprint", stdout=output)
    lines = output.getvalue().splitlines()
    service = contents.tables["catalog_service"]
    assert any(
        line.split() == ["catalog_service", f"{service.rows:,}", service.checksum[:16]] for line in lines
    )
    assert lines[-1].endswith(f": {contents.summary()}.")
    output = io.StringIO()
    call_command("database_fingerprint", "--json", stdout=output)
    assert json.loads(output.getvalue()) == contents.as_json()


# Refusals ------------------------------------------------------------------------------------------


def test_a_backup_into_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match=r"The folder .*missing does not exist"):
        call_command("backup_database", "--output", str(tmp_path / "missing" / "x.backup"))
    assert _files(tmp_path) == []


@pytest.mark.django_db(transaction=True)
def test_a_backup_does_not_replace_a_file_unless_forced(tmp_path):
    path = tmp_path / "perhekeskus.backup"
    path.write_text("an older backup")
    with pytest.raises(CommandError, match="already exists: choose another name, or give --force"):
        call_command("backup_database", "--output", str(path))
    assert path.read_text() == "an older backup"
    call_command("backup_database", "--output", str(path), "--force", stdout=io.StringIO())
    _assert_is_a_backup_file(path)
    assert _files(tmp_path) == ["perhekeskus.backup"]


def test_a_backup_inside_a_transaction_is_refused(db, tmp_path):
    # It would not see the transaction's changes (and on SQLite would wait for its locks).
    with pytest.raises(backup.BackupError, match="cannot run inside a transaction"):
        backup.backup(tmp_path / "x.backup")
    assert _files(tmp_path) == []


@sqlite_only
def test_a_sqlite_backup_over_the_database_file_itself_is_refused(db, tmp_path):
    database_file = tmp_path / "site.sqlite3"
    _sqlite_file(database_file)
    with (
        backup.connect(NAME=str(database_file)) as database,
        pytest.raises(backup.BackupError, match="is the database's own file"),
    ):
        backup.backup(database_file, force=True, connection=database)
    with sqlite3.connect(database_file) as database:
        assert database.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]


@sqlite_only
def test_a_failed_sqlite_backup_leaves_no_file(db, tmp_path):
    damaged = tmp_path / "damaged.sqlite3"
    with sqlite3.connect(damaged) as database:
        database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
        database.execute("CREATE INDEX t_text ON t (text)")
        database.executemany("INSERT INTO t (text) VALUES (?)", [(f"rivi {n}" * 20,) for n in range(2000)])
    with damaged.open("r+b") as file:  # a few pages in the middle overwritten
        file.seek(damaged.stat().st_size // 2)
        file.write(b"\xff" * 20000)
    output = tmp_path / "out"
    output.mkdir()
    with (
        backup.connect(NAME=str(damaged)) as database,
        pytest.raises(backup.BackupError, match="integrity check, so the database itself is damaged"),
    ):
        backup.backup(output / "x.backup", connection=database)
    assert _files(output) == []


@postgres_only
def test_a_failed_postgres_backup_leaves_no_file(db, scratch, tmp_path):
    # pg_dump fails half-way: its user may not read one of the tables.
    role = f"{scratch.settings_dict['NAME']}_reader"
    _execute(scratch, "CREATE TABLE a_readable (id int)", "CREATE TABLE z_secret (id int)")
    _postgres(f"DROP ROLE IF EXISTS {role}", f"CREATE ROLE {role} LOGIN")
    try:
        _execute(scratch, f"GRANT SELECT ON a_readable TO {role}")
        with (
            backup.connect(NAME=scratch.settings_dict["NAME"], USER=role, PASSWORD="") as database,
            pytest.raises(backup.BackupError, match=r"pg_dump failed.*permission denied"),
        ):
            backup.backup(tmp_path / "x.backup", connection=database)
    finally:
        _execute(scratch, f"DROP OWNED BY {role}")
        _postgres(f"DROP ROLE IF EXISTS {role}")
    assert _files(tmp_path) == []


@postgres_only
def test_a_backup_without_pg_dump_is_refused(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match="pg_dump was not found on PATH: install the PostgreSQL client"):
        call_command("backup_database", "--output", str(tmp_path / "x.backup"))
    assert _files(tmp_path) == []


def test_a_restore_without_yes_is_refused(db, tmp_path):
    before = backup.fingerprint()
    with pytest.raises(
        CommandError, match="Stop the site and the worker, then run the command again with --yes"
    ):
        call_command("restore_database", str(tmp_path / "any.backup"))
    assert backup.fingerprint() == before


def _sqlite_file(path: Path) -> None:
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("text", "is not a SQLite database" if SQLITE else "is not a pg_dump custom-format archive"),
        ("empty", "is not a SQLite database" if SQLITE else "is not a pg_dump custom-format archive"),
        ("other engine", "is a PostgreSQL dump" if SQLITE else "is a SQLite database"),
        ("missing", "There is no file"),
    ],
)
def test_a_file_that_is_no_backup_of_this_engine_is_refused(db, tmp_path, kind, message):
    path = tmp_path / "file"
    if kind == "text":
        path.write_text("BEGIN; DROP TABLE catalog_service; COMMIT;\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "other engine" and SQLITE:
        path.write_bytes(backup.PG_DUMP_HEADER + bytes(200))
    elif kind == "other engine":
        _sqlite_file(path)
    before = backup.fingerprint()
    with pytest.raises(CommandError, match=message):
        call_command("restore_database", str(path), "--yes")
    assert backup.fingerprint() == before


def test_a_backup_of_another_database_is_refused(db, scratch, tmp_path):
    path = tmp_path / "other.backup"
    if SQLITE:
        _sqlite_file(path)
    else:
        _execute(scratch, "CREATE TABLE t (id int)")
        backup.backup(path, connection=scratch)
    before = backup.fingerprint()
    with pytest.raises(CommandError, match="has no django_migrations table: it is not a backup of this site"):
        call_command("restore_database", str(path), "--yes")
    assert backup.fingerprint() == before


@pytest.mark.django_db(transaction=True)
def test_a_failed_restore_leaves_the_database_as_it_was(scratch, tmp_path):
    seed = backup.backup(tmp_path / "seed.backup")
    backup.restore(seed.path, connection=scratch)
    _execute(scratch, "DELETE FROM network_postalcode")
    before = backup.fingerprint(scratch)
    assert before.tables["network_postalcode"].rows == 0
    # A backup cut short (a full disk, a copy broken off): its start is sound, its end missing.
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(seed.path.read_bytes()[: seed.size * 95 // 100])
    if not SQLITE:
        # pg_restore reads its table of contents (at the start), so it fails half-way through the
        # restore, after it has dropped and created tables in its transaction.
        subprocess.run(["pg_restore", "--list", str(damaged)], capture_output=True, check=True)
    message = "is damaged" if SQLITE else "pg_restore failed and its transaction was rolled back"
    with pytest.raises(backup.BackupError, match=message):
        backup.restore(damaged, connection=scratch)
    assert backup.fingerprint(scratch) == before
