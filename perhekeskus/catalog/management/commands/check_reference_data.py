from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perhekeskus.catalog.reference import COPIED_FILES, copies_differing_from


class Command(BaseCommand):
    help = (
        "Compare the reference files copied into perhekeskus/reference_data with the team's reference data "
        "folder (the one holding taxonomy/ and areas/). Not part of the test suite: the repository owns its copies."
    )
    # Reads files only: no database, no system checks.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="The reference data folder, holding taxonomy/ and areas/.")

    def handle(self, *args, source: str, **options) -> None:
        if not source:
            raise CommandError("Name the reference data folder (make check-reference-data SHARED=folder).")
        folder = Path(source)
        if not folder.is_dir():
            raise CommandError(f"Reference data folder not found: {source!r} is no directory.")
        problems = copies_differing_from(folder)
        if problems:
            raise CommandError("The copied reference data is out of date:\n" + "\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS(f"The {len(COPIED_FILES)} copied reference files match {folder}.")
        )
