"""The audit log's guards against being emptied (TRUNCATE on PostgreSQL, DELETE on SQLite: migration
0003) in the test database. Django's flush after each transactional test empties every table with
exactly those statements, so the suite's database goes without them (perhekeskus/conftest.py); a test
of the guards puts them back, with the migration's own code, inside its transaction, which rolls back."""

from importlib import import_module

_migration = import_module("perhekeskus.referrals.migrations.0003_audit_log_refuses_delete_and_truncate")
remove = _migration.drop
put_back = _migration.create
