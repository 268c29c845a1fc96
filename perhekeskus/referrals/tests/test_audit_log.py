"""The audit log in the database: triggers refuse changing and emptying it (migrations 0002, 0003), and
on PostgreSQL the roles of docs/operations.md keep the site from disabling them."""

import io
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from perhekeskus.core import backup
from perhekeskus.referrals import services
from perhekeskus.referrals.models import AuditEntry, Referral
from perhekeskus.referrals.tests import audit_guards
from perhekeskus.referrals.tests.conftest import referral_values

ROOT = Path(__file__).resolve().parents[3]
POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def guarded(db):
    """The triggers as migrated, for this test's transaction (the suite's database goes without the ones
    Django's flush would meet)."""
    audit_guards.put_back(connection)


def _refused(sql: str, *params) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_the_database_refuses_to_change_or_empty_the_audit_log(sent, guarded):
    entries = list(AuditEntry.objects.order_by("pk").values_list("pk", "detail"))
    assert entries
    _refused("UPDATE referrals_auditentry SET detail = 'x'")
    _refused("DELETE FROM referrals_auditentry WHERE id = %s", entries[0][0])
    _refused("DELETE FROM referrals_auditentry")
    if POSTGRES:
        _refused("TRUNCATE referrals_auditentry")
    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "detail")) == entries


def test_erasing_personal_data_needs_no_change_to_the_audit_log(sides, sent, guarded):
    """The daily erasure and the data subject tool change referrals, and add audit entries."""
    services.referral_erase(referral=sent, why="retention")
    other = services.referral_send(
        actor=sides["referrer"], service=sides["service"], sending_organization=sides["theirs"],
        values=referral_values(family_name="Toinen Perhe"),
    )  # fmt: skip
    call_command("personal_data", "--name", "toinen perhe", "--erase", "--yes", stdout=io.StringIO())
    assert Referral.objects.filter(pk__in=[sent.pk, other.pk], family_name="").count() == 2
    assert AuditEntry.objects.filter(action="erase").count() == 2


@pytest.mark.django_db(transaction=True)
def test_transactional_tests_can_still_empty_the_audit_log():
    """Django's flush after this test empties the audit log: it would fail if the test database had
    the triggers that refuse it."""
    services.audit_record(actor=None, action=AuditEntry.Action.READ, detail="flushed after the test")


LOSING_PLUGIN = """
from django.db import connections
from django.db.models.signals import post_migrate


def lose_the_guard(using, **kwargs):
    from perhekeskus.referrals.tests import audit_guards

    audit_guards.remove(connections[using])


post_migrate.connect(lose_the_guard, dispatch_uid="lose_the_guard")
"""


@pytest.mark.django_db
def test_the_suite_stops_when_migrate_left_the_guard_out(tmp_path):
    """The suite drops the guard its flush would meet: it first checks that migrate made it. A suite
    whose migrations lose it (here: dropped once they ran) fails at its start."""
    (tmp_path / "lose_the_guard.py").write_text(LOSING_PLUGIN)
    if POSTGRES:
        server = connection.settings_dict
        password = f":{server['PASSWORD']}" if server["PASSWORD"] else ""
        where = f"{server['USER']}{password}@{server['HOST']}:{server['PORT'] or 5432}"
        url = f"postgres://{where}/{uuid.uuid4().hex[:8]}_lost_guard"
    else:
        url = f"sqlite:///{tmp_path / 'lost_guard.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "perhekeskus/referrals/tests/test_audit_log.py",
         "-k", "test_the_database_refuses_to_change_or_empty_the_audit_log",
         "-p", "lose_the_guard", "-p", "no:cacheprovider"],
        env={**os.environ, "PYTHONPATH": str(tmp_path), "DATABASE_URL": url},
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode != 0, result.stdout[-2000:]
    name = audit_guards.NAME[connection.vendor]
    assert f"The audit log's guard {name} is missing after migrate" in result.stdout, result.stdout[-3000:]


# --- PostgreSQL: the site's role does not own the audit log ------------------------------------------


def _documented_sql() -> tuple[str, str]:
    """The two SQL blocks of docs/operations.md, "Database roles": as a superuser; after migrate."""
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text.split("### Database roles:", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 2, blocks
    return blocks[0], blocks[1]


def _psql(sql: str, *, user: str, database: str) -> None:
    """SQL as an operator runs it (psql meta-commands such as \\connect included), one statement at a
    time, stopping at the first error."""
    settings = connection.settings_dict
    command = [
        shutil.which("psql") or "psql",
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-U",
        user,
        "-d",
        database,
    ]
    if settings["HOST"]:
        command += ["-h", settings["HOST"]]
    if settings["PORT"]:
        command += ["-p", str(settings["PORT"])]
    subprocess.run([*command, "-f", "-"], input=sql, text=True, capture_output=True, check=True, timeout=60)


def _fails(cursor, sql: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message):
        cursor.execute(sql)


@pytest.mark.skipif(not POSTGRES, reason="roles are PostgreSQL's")
@pytest.mark.django_db  # for connections of its own to a database of its own
def test_the_documented_roles_keep_the_site_from_rewriting_the_audit_log():
    setup, after_migrate = _documented_sql()
    # Roles belong to the whole server: names of this run's own.
    suffix = uuid.uuid4().hex[:8]
    owner, site, name = f"pk_owner_{suffix}", f"pk_site_{suffix}", f"pk_roles_{suffix}"

    def ours(sql: str) -> str:
        sql = sql.replace("perhekeskus_owner", owner).replace("perhekeskus_app", site)
        return re.sub(r"\bperhekeskus\b", name, sql)

    superuser = connection.settings_dict["USER"]
    settings = connection.settings_dict
    try:
        _psql(ours(setup), user=superuser, database="postgres")
        # migrate as the owner, as an operator runs it.
        url = f"postgres://{owner}@{settings['HOST'] or ''}:{settings['PORT'] or 5432}/{name}"
        keep = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
        migrated = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            env={
                **keep,
                "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
                "DJANGO_DEBUG": "true",
                "DATABASE_URL": url,
            },
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert migrated.returncode == 0, migrated.stderr
        _psql(ours(after_migrate), user=owner, database=name)

        with backup.connect(NAME=name, USER=site, PASSWORD="") as database, database.cursor() as cursor:
            cursor.execute(
                "INSERT INTO referrals_auditentry (at, actor_email, action, detail) VALUES (now(), '', 'read', 'x')"
            )
            cursor.execute("SELECT count(*) FROM referrals_auditentry")
            assert cursor.fetchone() == (1,)
            denied = "permission denied for table referrals_auditentry"
            _fails(cursor, "UPDATE referrals_auditentry SET detail = 'y'", denied)
            _fails(cursor, "DELETE FROM referrals_auditentry", denied)
            _fails(cursor, "TRUNCATE referrals_auditentry", denied)
            _fails(cursor, "ALTER TABLE referrals_auditentry DISABLE TRIGGER ALL", "must be owner")
            _fails(cursor, "DROP TABLE referrals_auditentry", "must be owner")
            # Every other table the site reads and writes as usual.
            cursor.execute("INSERT INTO django_session VALUES ('k', 'd', now())")
            cursor.execute("UPDATE django_session SET session_data = 'e'")
            cursor.execute("DELETE FROM django_session")

        with backup.connect(NAME=name, USER=owner, PASSWORD="") as database, database.cursor() as cursor:
            # The triggers are in place as migrated, and stop the owner too (unless it disables them).
            cursor.execute(
                "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'referrals_auditentry'::regclass"
            )
            assert sorted(cursor.fetchall()) == [
                ("referrals_audit_append_only", "O"),
                ("referrals_audit_no_truncate", "O"),
            ]
            _fails(cursor, "TRUNCATE referrals_auditentry", "append-only")
            # A table of a later release gets the site's rights by the default privileges.
            cursor.execute("CREATE TABLE a_later_table (id integer)")
        with backup.connect(NAME=name, USER=site, PASSWORD="") as database, database.cursor() as cursor:
            cursor.execute("INSERT INTO a_later_table VALUES (1)")
            cursor.execute("DELETE FROM a_later_table")
    finally:
        _psql(
            f"DROP DATABASE IF EXISTS {name} WITH (FORCE);\nDROP ROLE IF EXISTS {site};\nDROP ROLE IF EXISTS {owner};\n",
            user=superuser,
            database="postgres",
        )
