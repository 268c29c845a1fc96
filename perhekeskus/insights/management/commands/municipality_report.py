from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perhekeskus.insights import committee_item, report
from perhekeskus.network.models import Municipality

FORMATS = ("pdf", "xlsx", "docx", "csv", "html")


class Command(BaseCommand):
    help = (
        "Write a municipality's family centre report for a committee meeting: PDF, XLSX or DOCX, the coverage "
        "matrix of its network as CSV, or the report as HTML. E.g. municipality_report 422 --format pdf "
        "--output lieksa.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Municipality code, e.g. 422 (Lieksa).")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--language", choices=report.REPORT_LANGUAGES, default="fi")
        parser.add_argument(
            "--output", required=True, help="File to write; '-' writes CSV or HTML to stdout."
        )

    def handle(self, *args, code, format, language, output, **options):
        municipality = Municipality.objects.select_related("network").filter(code=code).first()
        if municipality is None:
            raise CommandError(f"No municipality with the code {code!r}.")
        if municipality.network is None:
            raise CommandError(
                f"{municipality.name_fi} ({code}) belongs to no service network: nothing to report."
            )
        if output == "-" and format in ("pdf", "xlsx", "docx"):
            raise CommandError(f"A {format.upper()} file cannot go to the terminal: give --output FILE.")
        if format == "pdf":
            content = report.pdf(municipality, language)
        elif format == "xlsx":
            content = report.xlsx(municipality, language)
        elif format == "docx":
            content = committee_item.docx(municipality, language)
        elif format == "csv":
            content = report.coverage_csv(municipality.network, language)
        else:
            content = report.render_html(municipality, language, for_print=True)
        if output == "-":
            self.stdout.write(content, ending="")
            return
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        try:
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error.strerror}.") from error
        self.stdout.write(f"Wrote {path} ({len(content)} bytes).")
