import time

from django.core.management.base import BaseCommand

from perhekeskus.search import indexing


class Command(BaseCommand):
    help = (
        "Rebuild the search index of all listed services (after a change of taxonomy names or the thesaurus)."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = indexing.rebuild()
        self.stdout.write(f"Indexed {count} services in {time.perf_counter() - started:.1f} s.")
