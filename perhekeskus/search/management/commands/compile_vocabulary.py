import json

from django.core.management.base import BaseCommand

from perhekeskus.search import everyday


class Command(BaseCommand):
    help = (
        "Analyse the everyday vocabulary and question frames (search/data/everyday/*.csv, "
        "question-frames.txt) into search/data/everyday/compiled.json; run after editing them."
    )

    def handle(self, *args, **options):
        compiled = everyday.compile_vocabulary()
        everyday.COMPILED.write_text(
            json.dumps(compiled, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"Compiled {len(compiled['entries'])} phrases and {len(compiled['frames'])} frames."
        )
