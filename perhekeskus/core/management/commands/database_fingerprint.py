import json

from django.core.management.base import BaseCommand
from django.db import connection

from perhekeskus.core import backup


class Command(BaseCommand):
    help = (
        "Each table's row count and a checksum of its content (independent of the order the database "
        "keeps rows in), and one fingerprint of them all: equal fingerprints, equal data. Compares a "
        "restored database with what backup_database printed. Read in one snapshot; the site may run. "
        "SQLite's full-text index (derived from search_searchdocument) and sequences are left out."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON (every checksum in full).")

    def handle(self, *args, **options):
        contents = backup.fingerprint()
        if options["json"]:
            self.stdout.write(json.dumps(contents.as_json(), indent=2))
            return
        for line in backup.table_lines(contents):
            self.stdout.write(line)
        self.stdout.write(f"{backup.describe(connection)}: {contents.summary()}.")
