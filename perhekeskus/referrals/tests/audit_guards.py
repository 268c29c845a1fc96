"""The audit log's guards against being emptied (TRUNCATE on PostgreSQL, DELETE on SQLite: migration
0003) in the test database. Django's flush after each transactional test empties every table with
exactly those statements, so the suite's database goes without them (perhekeskus/conftest.py); a test
of the guards puts them back, with the migration's own code, inside its transaction, which rolls back."""

from importlib import import_module

_migration = import_module("perhekeskus.referrals.migrations.0003_audit_log_refuses_delete_and_truncate")
remove = _migration.drop
put_back = _migration.create
NAME = {"postgresql": "referrals_audit_no_truncate", "sqlite": "referrals_audit_no_delete"}


def present(connection) -> bool:
    """Whether the guard the migration made is in the database (remove() drops it only if it exists)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = 'referrals_auditentry'::regclass",
                [NAME["postgresql"]],
            )
        else:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s AND tbl_name = %s",
                [NAME["sqlite"], "referrals_auditentry"],
            )
        return cursor.fetchone() is not None
