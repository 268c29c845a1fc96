import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_scrub_logged_queries"),
    ]

    # In two steps: a default added with the column would give every existing row the same key. The
    # rows logged so far keep none: the links of their pages named them by id, and count no more clicks
    # (for a day at most: services.CLICK_WINDOW).
    operations = [
        migrations.AddField(
            model_name="searchlog",
            name="key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="searchlog",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, null=True, unique=True),
        ),
    ]
