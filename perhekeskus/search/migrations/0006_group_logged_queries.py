from django.db import migrations

def group_logged_queries(apps, schema_editor):
    """Searches logged before: their grouping key and municipality, as log_search records them now.
    Their clicks were not recorded, so they are unknown (None), not "nothing opened"."""
    from perhekeskus.search.query import grouping_key, parse

    SearchLog = apps.get_model("search", "SearchLog")
    batch = []
    # Outside one transaction (atomic = False below): searches keep being logged during a long backfill.
    for log in SearchLog.objects.only("pk", "query", "filters").iterator(chunk_size=2000):
        municipalities = log.filters.get("municipality") or parse(log.query).municipalities
        log.query_key = grouping_key(log.query)
        log.municipality = municipalities[0] if len(municipalities) == 1 else ""
        log.clicks = None
        batch.append(log)
        if len(batch) == 2000:
            SearchLog.objects.bulk_update(batch, ["query_key", "municipality", "clicks"])
            batch = []
    SearchLog.objects.bulk_update(batch, ["query_key", "municipality", "clicks"])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0005_unmet_needs"),
    ]

    operations = [
        migrations.RunPython(group_logged_queries, migrations.RunPython.noop),
    ]
