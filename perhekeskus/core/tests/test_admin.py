import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from perhekeskus.catalog.models import OpeningRule
from perhekeskus.catalog.tests import factories
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.core.history import history_of
from perhekeskus.core.models import ChangeRecord
from perhekeskus.core.tests.utils import initial_post_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("label", ["core", "network", "catalog"])
def test_every_model_is_in_the_admin(label):
    missing = [m.__name__ for m in apps.get_app_config(label).get_models() if not admin.site.is_registered(m)]
    assert missing == []


def test_editing_an_opening_rule_in_the_admin_is_recorded_on_its_schedule(client, superuser):
    schedule = factories.weekday_schedule(factories.delivery())
    rule = schedule.rules.get(weekday=0)
    sign_in_with_both_factors(client, superuser)
    response = client.post(
        reverse("admin:catalog_openingrule_change", args=[rule.pk]),
        {"weekday": "0", "opens": "10:00", "closes": "12:00"},
    )
    assert response.status_code == 302
    record = history_of(schedule).get(action=ChangeRecord.Action.UPDATED)
    assert record.actor == superuser
    assert {"weekday": 0, "opens": "10:00", "closes": "12:00", "closes_next_day": False} in record.changes[
        "rules"
    ]["new"]
    assert OpeningRule.objects.get(pk=rule.pk).opens == datetime.time(10)


def test_admin_refuses_closing_before_opening(client, superuser):
    schedule = factories.weekday_schedule(factories.delivery())
    rule = schedule.rules.get(weekday=0)
    sign_in_with_both_factors(client, superuser)
    response = client.post(
        reverse("admin:catalog_openingrule_change", args=[rule.pk]),
        {"weekday": "0", "opens": "16:00", "closes": "08:00"},
    )
    assert response.status_code == 200
    assert "closes" in response.context["adminform"].form.errors
    assert OpeningRule.objects.get(pk=rule.pk).opens == datetime.time(9)


def test_admin_refuses_overlapping_opening_hours(client, superuser):
    schedule = factories.weekday_schedule(factories.delivery())
    sign_in_with_both_factors(client, superuser)
    url = reverse("admin:catalog_schedule_change", args=[schedule.pk])
    data = initial_post_data(client.get(url).context["adminform"].form)
    rules = list(schedule.rules.all())
    data.update({"rules-TOTAL_FORMS": str(len(rules) + 1), "rules-INITIAL_FORMS": str(len(rules)),
                 "exceptions-TOTAL_FORMS": "0", "exceptions-INITIAL_FORMS": "0"})  # fmt: skip
    for index, rule in enumerate(rules):
        data.update({f"rules-{index}-id": str(rule.pk), f"rules-{index}-schedule": str(schedule.pk),
                     f"rules-{index}-weekday": str(rule.weekday), f"rules-{index}-opens": "09:00",
                     f"rules-{index}-closes": "15:00"})  # fmt: skip
    new = len(rules)
    data.update({f"rules-{new}-schedule": str(schedule.pk), f"rules-{new}-weekday": "0",
                 f"rules-{new}-opens": "12:00", f"rules-{new}-closes": "18:00"})  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert schedule.rules.count() == 5


def test_deliveries_and_schedules_are_not_edited_inline(client, superuser):
    delivery = factories.delivery()
    factories.weekday_schedule(delivery)
    sign_in_with_both_factors(client, superuser)
    service_page = client.get(reverse("admin:catalog_service_change", args=[delivery.service.pk]))
    delivery_page = client.get(reverse("admin:catalog_delivery_change", args=[delivery.pk]))
    assert 'name="deliveries-0-mode"' not in service_page.content.decode()
    assert 'name="schedules-0-by_appointment"' not in delivery_page.content.decode()


def test_admin_delivery_at_a_location_reaches_its_municipality(client, superuser):
    delivery = factories.delivery()
    sign_in_with_both_factors(client, superuser)
    url = reverse("admin:catalog_delivery_change", args=[delivery.pk])
    data = initial_post_data(client.get(url).context["adminform"].form)
    data["municipalities"] = [str(factories.municipality("167").pk)]
    data.update({"schedules-TOTAL_FORMS": "0", "schedules-INITIAL_FORMS": "0"})
    assert client.post(url, data).status_code == 302
    assert set(delivery.municipalities.values_list("code", flat=True)) == {"167", "422"}
