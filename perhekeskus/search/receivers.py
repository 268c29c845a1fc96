"""Catalogue changes that alter what a search finds: each re-indexes the services it touches on commit
(an activity's changes are connected by activities.receivers).

Receivers catch every write path (service layer, admin, shell); bulk inserts (the synthetic generator)
index their services themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from perhekeskus.catalog.models import (
    Delivery,
    Location,
    OpeningRule,
    Schedule,
    ScheduleException,
    Service,
)
from perhekeskus.catalog.signals import services_changed
from perhekeskus.network.models import Organization
from perhekeskus.search.services import services_reindex_on_commit


def _service_ids(instance) -> list:
    if isinstance(instance, Service):
        return [instance.pk]
    if isinstance(instance, Delivery):
        return [instance.service_id]
    if isinstance(instance, Schedule):
        return list(Delivery.objects.filter(pk=instance.delivery_id).values_list("service_id", flat=True))
    if isinstance(instance, (OpeningRule, ScheduleException)):
        return list(
            Schedule.objects.filter(pk=instance.schedule_id).values_list("delivery__service_id", flat=True)
        )
    if isinstance(instance, Location):
        return list(Delivery.objects.filter(location=instance).values_list("service_id", flat=True))
    if isinstance(instance, Organization):
        return list(Service.objects.filter(organization=instance).values_list("pk", flat=True))
    return []


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    ids = _service_ids(instance)
    if ids:
        services_reindex_on_commit(ids)


def _services_changed(sender, service_ids, **kwargs) -> None:
    """The catalogue changed these services without saving them (the freshness review hides them)."""
    services_reindex_on_commit(service_ids)


def _relation_changed(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(sender, instance)


def connect() -> None:
    for model in (
        Service,
        Delivery,
        Schedule,
        OpeningRule,
        ScheduleException,
        Location,
        Organization,
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=f"search_reindex_save_{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search_reindex_delete_{model.__name__}")
    for relation in (
        Service.service_types,
        Service.life_situations,
        Service.languages,
        Service.service_areas,
        Delivery.municipalities,
    ):
        m2m_changed.connect(
            _relation_changed,
            sender=relation.through,
            dispatch_uid=f"search_reindex_{relation.through.__name__}",
        )
    services_changed.connect(_services_changed, dispatch_uid="search_reindex_services_changed")
