from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_reference_data(sender, using="default", **kwargs) -> None:
    from perhekeskus.catalog.reference import load_reference_data

    load_reference_data(using=using)


class CatalogConfig(AppConfig):
    name = "perhekeskus.catalog"
    label = "catalog"
    verbose_name = "Catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Reference data is part of the schema: present after every migrate, also in test databases
        # (including after a transactional test case flushes the tables).
        post_migrate.connect(_load_reference_data, sender=self, dispatch_uid="catalog_reference_data")
        from perhekeskus.catalog import freshness  # noqa: F401  (registers the daily review task)
