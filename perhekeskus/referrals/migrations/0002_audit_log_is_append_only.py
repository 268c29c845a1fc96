"""The database itself refuses to change or delete audit entries. (On SQLite only changes: Django's
test flush empties tables with DELETE there; on PostgreSQL it uses TRUNCATE, which row triggers do
not see.)"""

from django.db import migrations


def forwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                """
                CREATE FUNCTION referrals_audit_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'The audit log is append-only.'; END;
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER referrals_audit_append_only BEFORE UPDATE OR DELETE ON referrals_auditentry
                FOR EACH ROW EXECUTE FUNCTION referrals_audit_append_only();
                """
            )
        else:
            cursor.execute(
                """
                CREATE TRIGGER referrals_audit_append_only BEFORE UPDATE ON referrals_auditentry
                BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
                """
            )


def backwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS referrals_audit_append_only ON referrals_auditentry"
                       if schema_editor.connection.vendor == "postgresql"
                       else "DROP TRIGGER IF EXISTS referrals_audit_append_only")
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS referrals_audit_append_only()")


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
