from django.db import migrations

BATCH = 2000


def scrub_logged_queries(apps, schema_editor):
    """Searches logged before the scrubber learnt more forms (phone numbers with dots, slashes and
    brackets, more street names): scrubbed as log_search scrubs now, with their grouping key recomputed
    where the text changes."""
    from perhekeskus.search.query import grouping_key
    from perhekeskus.search.services import logged_query

    SearchLog = apps.get_model("search", "SearchLog")
    batch = []
    # Outside one transaction (atomic = False below): searches keep being logged during a long run.
    for log in SearchLog.objects.only("pk", "query").iterator(chunk_size=BATCH):
        scrubbed = logged_query(log.query)
        if scrubbed == log.query:
            continue
        log.query, log.query_key = scrubbed, grouping_key(scrubbed)
        batch.append(log)
        if len(batch) == BATCH:
            SearchLog.objects.bulk_update(batch, ["query", "query_key"])
            batch = []
    SearchLog.objects.bulk_update(batch, ["query", "query_key"])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0007_search_log_months"),
    ]

    operations = [
        migrations.RunPython(scrub_logged_queries, migrations.RunPython.noop),
    ]
