from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from perhekeskus.network.models import Municipality
from perhekeskus.opendata.importers import base, ptv_client, ptv_mapping


class Command(BaseCommand):
    help = (
        "Import a municipality's family services from the Finnish Service Catalogue (PTV Open API v11, "
        "PTV_API_URL) or from saved PTV answers (--from-file). All or nothing; a second run of the same "
        "data changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality", required=True, help="Statistical code of the municipality, e.g. 167 (Joensuu)."
        )
        parser.add_argument(
            "--from-file",
            nargs="+",
            type=Path,
            metavar="PATH",
            help="Saved PTV answers (pages of services or service channels, organisations), or directories of them.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete even more than 20%% of what this import created before.",
        )

    def handle(self, *args, municipality, from_file, dry_run, force, verbosity, **options):
        code = municipality.strip().lstrip("0") or "0"
        place = Municipality.objects.filter(code=code.zfill(3)).first()
        if place is None:
            raise CommandError(
                f"Nothing imported: {municipality!r} is no Finnish municipality code (e.g. 167)."
            )
        try:
            if from_file:
                bundle = ptv_client.read_files(from_file)
            else:
                client = ptv_client.Client(settings.PTV_API_URL, settings.PTV_TIMEOUT_SECONDS)
                bundle = ptv_client.fetch(client, place.code, ptv_mapping.TypeMatcher())
            report = ptv_mapping.run(bundle, municipality=place, dry_run=dry_run, force=force)
        except (base.SourceError, base.BrakeError) as error:
            raise CommandError(f"Nothing imported: {error}.") from error
        for what, reason in report.rejected:
            self.stdout.write(f"rejected {what}: {reason}")
        for what, note in report.notes:
            self.stdout.write(f"note on {what}: {note}")
        if verbosity > 1:
            for what, reason in report.skipped:
                self.stdout.write(f"skipped {what}: {reason}")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()} (PTV, {place.name_fi} {place.code}).")
