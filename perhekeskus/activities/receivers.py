"""An activity's title and description find its service in search (search.indexing reads them through
the reverse relation): writing or deleting one re-indexes that service on commit. Connected here,
not in search, because search sits below activities and does not know them."""

from django.db.models.signals import post_delete, post_save

from perhekeskus.activities.models import Activity
from perhekeskus.search.services import services_reindex_on_commit


def _changed(sender, instance, **kwargs) -> None:
    if not kwargs.get("raw"):
        services_reindex_on_commit([instance.service_id])


def connect() -> None:
    post_save.connect(_changed, sender=Activity, dispatch_uid="search_reindex_save_Activity")
    post_delete.connect(_changed, sender=Activity, dispatch_uid="search_reindex_delete_Activity")
