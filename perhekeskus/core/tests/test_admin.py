import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from perhekeskus.catalog.models import OpeningRule
from perhekeskus.catalog.tests import factories
from perhekeskus.core.history import history_of
from perhekeskus.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("label", ["core", "network", "catalog"])
def test_every_model_is_in_the_admin(label):
    missing = [m.__name__ for m in apps.get_app_config(label).get_models() if not admin.site.is_registered(m)]
    assert missing == []


def test_editing_an_opening_rule_in_the_admin_is_recorded_on_its_schedule(client, superuser):
    schedule = factories.weekday_schedule(factories.delivery())
    rule = schedule.rules.get(weekday=0)
    client.force_login(superuser)
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
    client.force_login(superuser)
    response = client.post(
        reverse("admin:catalog_openingrule_change", args=[rule.pk]),
        {"weekday": "0", "opens": "16:00", "closes": "08:00"},
    )
    assert response.status_code == 200
    assert "closes" in response.context["adminform"].form.errors
    assert OpeningRule.objects.get(pk=rule.pk).opens == datetime.time(9)
