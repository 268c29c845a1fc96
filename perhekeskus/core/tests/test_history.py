import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Language, Service
from perhekeskus.catalog.tests import factories
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.core.history import history_of
from perhekeskus.core.models import ChangeRecord
from perhekeskus.core.tests.utils import initial_post_data

pytestmark = pytest.mark.django_db


def test_creating_a_service_records_who_and_the_new_values(plain_user):
    service = factories.service(actor=plain_user, name_fi="Perhekahvila Tupa")
    record = history_of(service).get()
    assert record.action == ChangeRecord.Action.CREATED
    assert record.actor == plain_user
    assert record.changes["name_fi"] == {"old": None, "new": "Perhekahvila Tupa"}
    assert record.changed_at is not None


def test_updating_records_old_and_new_values_of_changed_fields_only(plain_user):
    service = factories.service(name_fi="Perhekahvila Tupa")
    services.service_save(actor=plain_user, service=service, values={"name_fi": "Perhekahvila Pesä"})
    record = history_of(service).filter(action=ChangeRecord.Action.UPDATED).get()
    assert record.changes == {"name_fi": {"old": "Perhekahvila Tupa", "new": "Perhekahvila Pesä"}}
    assert record.actor == plain_user


def test_saving_without_changes_records_nothing():
    service = factories.service()
    services.service_save(actor=None, service=service, values={"name_fi": service.name_fi})
    assert history_of(service).count() == 1


def test_changes_to_relations_are_recorded():
    service = factories.service()
    services.service_save(
        actor=None, service=service, values={}, languages=Language.objects.filter(code__in=["fi", "sv"])
    )
    record = history_of(service).filter(action=ChangeRecord.Action.UPDATED).get()
    assert record.changes["languages"] == {"old": [], "new": ["fi", "sv"]}


def test_changes_to_opening_hours_are_recorded_on_the_schedule():
    schedule = factories.weekday_schedule(factories.delivery())
    rules = [{"weekday": 0, "opens": "08:00", "closes": "12:00"}]
    services.schedule_save(actor=None, schedule=schedule, values={}, rules=rules)
    record = history_of(schedule).filter(action=ChangeRecord.Action.UPDATED).get()
    assert record.changes["rules"]["new"] == [
        {"weekday": 0, "opens": "08:00", "closes": "12:00", "closes_next_day": False}
    ]
    assert len(record.changes["rules"]["old"]) == 5


def test_deleting_records_the_last_values():
    location = factories.location(name_fi="Vanha toimipiste")
    pk = location.pk
    services.listing_delete(actor=None, instance=location)
    record = ChangeRecord.objects.get(object_id=pk, action=ChangeRecord.Action.DELETED)
    assert record.changes["name_fi"] == {"old": "Vanha toimipiste", "new": None}


def test_an_invalid_update_writes_nothing():
    service = factories.service(name_fi="Perhekahvila Tupa")
    with pytest.raises(Exception):  # noqa: B017 (the validation error itself is tested elsewhere)
        services.service_save(
            actor=None,
            service=service,
            values={"name_fi": "Uusi nimi", "age_min_months": 50, "age_max_months": 10},
        )
    service.refresh_from_db()
    assert service.name_fi == "Perhekahvila Tupa"
    assert history_of(service).count() == 1


def test_admin_edits_are_recorded_with_the_admin_user(client, superuser):
    service = factories.service(name_fi="Perhekahvila Tupa")
    sign_in_with_both_factors(client, superuser)
    url = reverse("admin:catalog_service_change", args=[service.pk])
    page = client.get(url)
    data = initial_post_data(page.context["adminform"].form)
    data.update({"name_fi": "Perhekahvila Kota"})
    for prefix in ("contacts", "deliveries"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    record = history_of(service).filter(action=ChangeRecord.Action.UPDATED).get()
    assert record.actor == superuser
    assert record.source == "admin"
    assert record.changes["name_fi"] == {"old": "Perhekahvila Tupa", "new": "Perhekahvila Kota"}
    assert Service.objects.get(pk=service.pk).name_fi == "Perhekahvila Kota"


def test_deleting_a_service_records_the_deliveries_and_schedules_deleted_with_it(plain_user):
    delivery = factories.delivery()
    schedule = factories.weekday_schedule(delivery)
    services.listing_delete(actor=plain_user, instance=delivery.service)
    deleted = set(
        ChangeRecord.objects.filter(action=ChangeRecord.Action.DELETED).values_list("object_id", flat=True)
    )
    assert {delivery.service.pk, delivery.pk, schedule.pk} <= deleted
    assert ChangeRecord.objects.filter(object_id=schedule.pk, action="deleted").get().actor == plain_user


def test_a_location_in_use_cannot_be_deleted():
    delivery = factories.delivery()
    with pytest.raises(ValidationError) as error:
        services.listing_delete(actor=None, instance=delivery.location)
    assert error.value.code == "protected"
    assert not ChangeRecord.objects.filter(action=ChangeRecord.Action.DELETED).exists()


def test_changing_an_exception_reason_in_any_language_is_recorded():
    schedule = factories.weekday_schedule(factories.delivery())
    day = {"date": datetime.date(2026, 12, 24), "reason_fi": "Jouluaatto", "reason_en": "Christmas"}
    services.schedule_save(actor=None, schedule=schedule, values={}, exceptions=[day])
    services.schedule_save(
        actor=None, schedule=schedule, values={}, exceptions=[{**day, "reason_en": "Christmas Eve"}]
    )
    assert schedule.exceptions.get().reason_en == "Christmas Eve"
    assert history_of(schedule).filter(action=ChangeRecord.Action.UPDATED).count() == 2


def test_admin_deletion_of_an_organisation_records_everything_deleted_with_it(client, superuser):
    delivery = factories.delivery()
    organization = delivery.service.organization
    sign_in_with_both_factors(client, superuser)
    response = client.post(
        reverse("admin:network_organization_delete", args=[organization.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    deleted = set(ChangeRecord.objects.filter(action="deleted").values_list("object_id", flat=True))
    assert {organization.pk, delivery.location.pk, delivery.service.pk, delivery.pk} <= deleted
