from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perhekeskus.core.translation import EXTENDED_LANGUAGES
from perhekeskus.opendata import export


class Command(BaseCommand):
    help = "Write the network's public listings as an HSDS 3.1 data package (datapackage.json + tables)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--format", choices=["json", "csv"], default="csv")
        parser.add_argument("--language", choices=EXTENDED_LANGUAGES, default="fi")

    def handle(self, *args, directory: Path, format: str, language: str, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} is a file, not a directory.")
        counts = export.write(directory, file_format=format, language=language)
        rows = ", ".join(f"{table} {count}" for table, count in counts.items() if count)
        self.stdout.write(f"HSDS {format.upper()} package in {directory}: {rows}.")
