from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from perhekeskus.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database to a file while the site runs: SQLite with its online backup API (a "
        "consistent copy; the site writes on), PostgreSQL with pg_dump --format=custom (PGPASSWORD from "
        "the settings). Written beside PATH and renamed when complete, so a failed backup leaves nothing "
        "under PATH. Prints what the backup holds: tables, rows and the fingerprint that "
        "database_fingerprint shows after a restore. E.g. backup_database --output "
        "/var/backups/perhekeskus/perhekeskus-2025-01-31.sqlite3"
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="PATH", help="The backup file to write.")
        parser.add_argument("--force", action="store_true", help="Replace PATH if it exists.")

    def handle(self, *args, output, force, **options):
        try:
            result = backup.backup(output, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 2:
            for line in backup.table_lines(result.fingerprint):
                self.stdout.write(line)
        self.stdout.write(
            f"Backed up {backup.describe(connection)} to {result.path} ({backup.size_text(result.size)}, "
            f"{result.seconds:.1f} s): {result.fingerprint.summary()}."
        )
