"""A one-row table whose version the database moves on whenever search documents change
(models.DocumentsVersion): statement triggers on PostgreSQL, row triggers on SQLite.

On SQLite, Django rebuilds a table to alter it, which drops its triggers: a later migration that
alters search_searchdocument must create these triggers again, as 0002's.
"""

from django.db import migrations, models

# A new random version, the row made again if a flush emptied the table.
SQLITE_NEW_VERSION = (
    "INSERT INTO search_documentsversion (id, version) VALUES (1, random())"
    " ON CONFLICT (id) DO UPDATE SET version = random();"
)
SQLITE_FORWARD = [
    f"CREATE TRIGGER search_documents_{event.lower()} AFTER {event} ON search_searchdocument"
    f" BEGIN {SQLITE_NEW_VERSION} END"
    for event in ("INSERT", "UPDATE", "DELETE")
] + ["INSERT INTO search_documentsversion (id, version) VALUES (1, random())"]
SQLITE_BACKWARD = [f"DROP TRIGGER search_documents_{event}" for event in ("insert", "update", "delete")]
POSTGRES_FORWARD = [
    """CREATE FUNCTION search_documents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_documentsversion (id, version)
        VALUES (1, (random() * 9.2e18 - 4.6e18)::bigint)
        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_documents_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON search_searchdocument FOR EACH STATEMENT EXECUTE FUNCTION search_documents_changed()""",
    "INSERT INTO search_documentsversion (id, version) VALUES (1, (random() * 9.2e18 - 4.6e18)::bigint)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER search_documents_changed ON search_searchdocument",
    "DROP FUNCTION search_documents_changed()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0012_search_refinements")]

    operations = [
        migrations.CreateModel(
            name="DocumentsVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
