from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from perhekeskus.network.models import FIRST_STATISTICS_YEAR, LAST_STATISTICS_YEAR
from perhekeskus.opendata.importers import base, population


def _year(text: str) -> int:
    if not text.isdigit() or not FIRST_STATISTICS_YEAR <= int(text) <= LAST_STATISTICS_YEAR:
        raise ValueError(text)
    return int(text)


_year.__name__ = "year"  # argparse names the type in its error: "invalid year value"


class Command(BaseCommand):
    help = (
        "Import the numbers of children (aged 0–17 and 0–6) per municipality from Statistics Finland's "
        "population by age (table 11re, PxWeb API at STATFIN_POPULATION_URL, JSON-stat2) or from a saved "
        "answer (--from-file), with their year and source. Only municipalities already in the database; "
        "all or nothing. Run it once a year, when the year's figures are out (in spring)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from-file", type=Path, metavar="PATH", help="A saved JSON-stat2 answer of table 11re."
        )
        parser.add_argument(
            "--year", type=_year, help="The statistics year (default: the latest the answer has)."
        )
        parser.add_argument(
            "--with-population",
            action="store_true",
            help="Also replace each municipality's number of residents with the table's total of all ages.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    def handle(self, *args, from_file, year, with_population, dry_run, **options):
        where = str(from_file) if from_file else settings.STATFIN_POPULATION_URL
        try:
            if from_file:
                data = population.read_file(from_file)
            else:
                data = population.fetch(
                    settings.STATFIN_POPULATION_URL, settings.STATFIN_TIMEOUT_SECONDS, year=year
                )
            report = population.run(data, year=year, with_population=with_population, dry_run=dry_run)
        except base.SourceError as error:
            raise CommandError(f"Nothing imported: {error}.") from error
        for state, municipality, figures in report.rows():
            total = f", residents {figures.population}" if with_population else ""
            self.stdout.write(
                f"{state} {municipality.name_fi} {municipality.code}, {report.year}: "
                f"0–17 {figures.children}, 0–6 {figures.children_under_7}{total}"
            )
        for code in report.saved.unknown:
            name = report.figures[code].name
            self.stdout.write(f"not in the database: {name} {code} (nothing created)")
        for code, reason in report.without_figures:
            self.stdout.write(f"without figures: {code} {reason}")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()} ({report.source}, {report.year}, from {where}).")
