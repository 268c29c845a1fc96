from django.db import migrations


def networks_of_earlier_feedback(apps, schema_editor):
    """Feedback that arrived before it was scoped to networks: its networks found from its page as for
    new feedback, and a secret link's address taken out of the page as it is now on arrival. The site's
    names are those of ALLOWED_HOSTS (there is no request here)."""
    from perhekeskus.information.services import networks_of_page, storable_page

    Feedback = apps.get_model("information", "Feedback")
    Network = apps.get_model("network", "Network")
    for feedback in Feedback.objects.exclude(page="").only("pk", "page").iterator(chunk_size=500):
        page = storable_page(feedback.page)
        if page != feedback.page:
            Feedback.objects.filter(pk=feedback.pk).update(page=page)
        feedback.networks.add(*networks_of_page(page, network_model=Network))


class Migration(migrations.Migration):
    dependencies = [
        ("information", "0002_feedback_networks"),
        ("network", "0006_value_ranges"),
        ("catalog", "0005_value_ranges"),
        ("activities", "0002_value_ranges"),
    ]

    operations = [
        migrations.RunPython(networks_of_earlier_feedback, migrations.RunPython.noop),
    ]
