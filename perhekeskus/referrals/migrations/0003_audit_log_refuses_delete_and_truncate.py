"""The database refuses to empty the audit log too: TRUNCATE on PostgreSQL (row triggers do not see it),
DELETE on SQLite (0002 left it out there).

These triggers stop the application and mistakes (`manage.py flush`, a stray TRUNCATE); the owner of the
table can still disable them, which is why production runs the site as a role that does not own it
(docs/operations.md, "Database roles"). Django's test flush empties
tables with exactly these statements, so the test database has them off (perhekeskus/conftest.py)."""

from django.db import migrations

APPEND_ONLY = "The audit log is append-only."


def create(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The function of 0002 raises for a statement as it does for a row.
            cursor.execute(
                "CREATE TRIGGER referrals_audit_no_truncate BEFORE TRUNCATE ON referrals_auditentry "
                "FOR EACH STATEMENT EXECUTE FUNCTION referrals_audit_append_only()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER referrals_audit_no_delete BEFORE DELETE ON referrals_auditentry "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )


def drop(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS referrals_audit_no_truncate ON referrals_auditentry")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS referrals_audit_no_delete")


def forwards(apps, schema_editor):
    create(schema_editor.connection)


def backwards(apps, schema_editor):
    drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0002_audit_log_is_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
