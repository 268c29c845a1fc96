from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from perhekeskus.core import backup


class Command(BaseCommand):
    help = (
        "Replace the whole content of the database with a backup made by backup_database, all or "
        "nothing: SQLite checks the file (PRAGMA integrity_check) and copies it over the database file "
        "with the backup API; PostgreSQL runs pg_restore --clean --if-exists --no-owner "
        "--single-transaction. Stop the site and the worker first. Refuses without --yes, and refuses a "
        "file that is not a backup of this database engine. Prints the restored database's tables, rows "
        "and fingerprint, to compare with what backup_database printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="A file written by backup_database.")
        parser.add_argument(
            "--yes", action="store_true", help="Yes, replace everything in the database with the backup."
        )

    def handle(self, *args, path, yes, **options):
        if not yes:
            raise CommandError(
                f"This replaces everything in {backup.describe(connection)} with the backup {path}. Stop the "
                "site and the worker, then run the command again with --yes."
            )
        try:
            result = backup.restore(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 2:
            for line in backup.table_lines(result.fingerprint):
                self.stdout.write(line)
        self.stdout.write(
            f"Restored {result.path} into {backup.describe(connection)} ({result.seconds:.1f} s): "
            f"{result.fingerprint.summary()}.\n"
            "Compare the fingerprint with the one backup_database printed. If the backup is older than the "
            "code, run `manage.py migrate` before starting the site."
        )
