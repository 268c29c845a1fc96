"""On PostgreSQL, narrow rows for the search documents: a search visits the row of every match, and
with the terms and the shown data inline a row filled half a page. Those columns now go to the TOAST
table (compressed), and the tsvector, which matching and ranking read, stays in the row. Rows written
before this migration move when rewritten (`manage.py rebuild_search_index`). SQLite: nothing to do.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 256)",
    "ALTER TABLE search_searchdocument ALTER COLUMN document SET STORAGE MAIN",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchdocument ALTER COLUMN document SET STORAGE EXTENDED",
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
