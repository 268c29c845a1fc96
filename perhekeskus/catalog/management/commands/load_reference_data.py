from django.core.management.base import BaseCommand

from perhekeskus.catalog.reference import load_reference_data


class Command(BaseCommand):
    help = "Load service taxonomy, municipalities, postal codes and languages (idempotent; also runs after migrate)."

    def handle(self, *args, **options) -> None:
        load_reference_data()
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
