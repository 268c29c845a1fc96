from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perhekeskus.opendata.importers import base, hsds


class Command(BaseCommand):
    help = (
        "Import Open Referral HSDS 3.1 data: a data package (directory or datapackage.json, as export_hsds "
        "writes) or nested HSDS JSON. All or nothing; a second run of the same data changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--source",
            required=True,
            help="Name of the source (e.g. 'joensuu-ptv-hsds'): what it created earlier, and no longer sends, is removed.",
        )
        parser.add_argument(
            "--language", choices=["fi", "sv", "en"], default="fi", help="Language of the texts."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )
        parser.add_argument(
            "--force", action="store_true", help="Delete even more than 20%% of the source's records."
        )

    def handle(self, *args, path: Path, source, language, dry_run, force, **options):
        name = source.strip()
        if not name:
            raise CommandError("Give the source a name (--source).")
        try:
            report = hsds.run(path, source=name, language=language, dry_run=dry_run, force=force)
        except (base.SourceError, base.BrakeError) as error:
            raise CommandError(f"Nothing imported: {error}.") from error
        for what, reason in report.rejected:
            self.stdout.write(f"rejected {what}: {reason}")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()} (source {name!r}).")
