import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Service
from perhekeskus.core.models import ChangeRecord
from perhekeskus.workspace.tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 302), ("editor", 302), ("coordinator", 302), ("outsider", 404)]
)
def test_still_accurate_is_one_click_and_records_who_confirmed(client, people, role, expected):
    service = people["service"]
    if role != "anonymous":
        sign_in(client, people[role])
    response = client.post(reverse("workspace:service_confirm", args=[service.pk]))
    assert response.status_code == expected
    reviewed = Service.objects.get(pk=service.pk).last_reviewed_at
    if role in ("editor", "coordinator"):
        assert reviewed == timezone.localdate()
        record = ChangeRecord.objects.filter(object_id=service.pk).order_by("-changed_at").first()
        assert record.actor == people[role] and "last_reviewed_at" in record.changes
    else:
        assert reviewed is None


@pytest.fixture
def edited(people):
    service = people["service"]
    catalog_services.service_save(
        actor=people["editor"], values={"summary_fi": "Väärä tieto", "age_max_months": 84}, service=service
    )
    return ChangeRecord.objects.filter(object_id=service.pk, action="updated").latest("changed_at")


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("editor", 403), ("admin", 403), ("coordinator", 302), ("outsider", 404)],
)
def test_only_a_coordinator_undoes_a_change(client, people, edited, role, expected):
    if role != "anonymous":
        sign_in(client, people[role])
    response = client.post(reverse("workspace:change_revert", args=[edited.pk]))
    assert response.status_code == expected
    service = Service.objects.get(pk=people["service"].pk)
    undone = service.summary_fi == "" and service.age_max_months is None
    assert undone is (role == "coordinator")
    if undone:
        record = ChangeRecord.objects.filter(object_id=service.pk).latest("changed_at")
        assert record.actor == people["coordinator"]


def test_a_creation_cannot_be_undone_automatically(client, people):
    created = ChangeRecord.objects.get(object_id=people["service"].pk, action="created")
    sign_in(client, people["coordinator"])
    response = client.post(reverse("workspace:change_revert", args=[created.pk]), follow=True)
    assert response.status_code == 200
    assert Service.objects.filter(pk=people["service"].pk).exists()


def test_the_history_shows_undo_buttons_to_coordinators_only(client, people, edited):
    url = reverse("workspace:service_edit", args=[people["service"].pk])
    sign_in(client, people["coordinator"])
    assert reverse("workspace:change_revert", args=[edited.pk]) in client.get(url).content.decode()
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["editor"])
    assert reverse("workspace:change_revert", args=[edited.pk]) not in client.get(url).content.decode()


def test_a_service_never_reviewed_counts_from_its_creation(client, people):
    sign_in(client, people["editor"])
    assert "tarkistettava" not in client.get(reverse("workspace:dashboard")).content.decode()
    Service.objects.filter(pk=people["service"].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=200)
    )
    assert "tarkistettava" in client.get(reverse("workspace:dashboard")).content.decode()
    Service.objects.filter(pk=people["service"].pk).update(
        last_reviewed_at=timezone.localdate() - datetime.timedelta(days=10)
    )
    assert "tarkistettava" not in client.get(reverse("workspace:dashboard")).content.decode()


def test_undo_leaves_a_field_edited_again_since(client, people, edited):
    service = Service.objects.get(pk=people["service"].pk)
    catalog_services.service_save(
        actor=people["admin"], values={"summary_fi": "Uudempi tieto"}, service=service
    )
    sign_in(client, people["coordinator"])
    client.post(reverse("workspace:change_revert", args=[edited.pk]))
    service.refresh_from_db()
    assert service.summary_fi == "Uudempi tieto"  # the newer edit stays
    assert service.age_max_months is None  # the field nobody touched since is undone


def test_a_listing_that_fails_the_checks_cannot_be_confirmed_but_nothing_breaks(client, people):
    Service.objects.filter(pk=people["service"].pk).update(is_free=False, fee_description_fi="")
    sign_in(client, people["editor"])
    response = client.post(reverse("workspace:service_confirm", args=[people["service"].pk]), follow=True)
    assert response.status_code == 200
    assert Service.objects.get(pk=people["service"].pk).last_reviewed_at is None
