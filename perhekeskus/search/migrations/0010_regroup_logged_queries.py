from django.db import migrations

BATCH = 2000


def regroup(apps, schema_editor):
    """The grouping key of a query changed with the everyday vocabulary (more stop words, "won't" read
    as "will not"): the keys of logged searches and of coordinators' query links are computed again, so
    that a link keeps answering the searches it was made for. Of two links of one network that now share
    a key, the newer stays."""
    from perhekeskus.search.query import grouping_key

    SearchLog = apps.get_model("search", "SearchLog")
    batch = []
    # Outside one transaction (atomic = False below): searches keep being logged during a long run.
    for log in SearchLog.objects.only("pk", "query", "query_key").iterator(chunk_size=BATCH):
        key = grouping_key(log.query)
        if key != log.query_key:
            log.query_key = key
            batch.append(log)
        if len(batch) == BATCH:
            SearchLog.objects.bulk_update(batch, ["query_key"])
            batch = []
    SearchLog.objects.bulk_update(batch, ["query_key"])

    QueryLink = apps.get_model("search", "QueryLink")
    kept = set()
    for link in QueryLink.objects.order_by("-created_at", "-pk"):
        key = grouping_key(link.query)
        if (link.network_id, key) in kept:
            link.delete()
            continue
        kept.add((link.network_id, key))
        if key != link.query_key:
            # Another link may hold the key until it is itself regrouped: move it aside first.
            QueryLink.objects.filter(network_id=link.network_id, query_key=key).exclude(pk=link.pk).update(
                query_key=f"~{key}"[:200]
            )
            link.query_key = key
            link.save(update_fields=["query_key"])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0009_search_log_key"),
    ]

    operations = [
        migrations.RunPython(regroup, migrations.RunPython.noop),
    ]
