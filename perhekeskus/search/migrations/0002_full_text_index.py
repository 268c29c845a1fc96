"""The full-text index over SearchDocument's terms: FTS5 on SQLite, a weighted tsvector on PostgreSQL.

On SQLite, Django rebuilds a table to alter it, which drops its triggers: a later migration that
alters search_searchdocument must create the triggers below again (and rebuild the index).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        terms_a, terms_b, terms_c, terms_d,
        content='search_searchdocument', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0", prefix='2 3 4')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, terms_a, terms_b, terms_c, terms_d)
        VALUES (new.id, new.terms_a, new.terms_b, new.terms_c, new.terms_d);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms_a, terms_b, terms_c, terms_d)
        VALUES ('delete', old.id, old.terms_a, old.terms_b, old.terms_c, old.terms_d);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms_a, terms_b, terms_c, terms_d)
        VALUES ('delete', old.id, old.terms_a, old.terms_b, old.terms_c, old.terms_d);
        INSERT INTO search_fts(rowid, terms_a, terms_b, terms_c, terms_d)
        VALUES (new.id, new.terms_a, new.terms_b, new.terms_c, new.terms_d);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, terms_a), 'A')
        || setweight(to_tsvector('simple'::regconfig, terms_b), 'B')
        || setweight(to_tsvector('simple'::regconfig, terms_c), 'C')
        || setweight(to_tsvector('simple'::regconfig, terms_d), 'D')) STORED""",
    "CREATE INDEX search_document_fts_idx ON search_searchdocument USING GIN (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX search_document_fts_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
