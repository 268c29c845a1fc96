import pytest
from django.urls import reverse

from perhekeskus.catalog.tests import factories
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.core.history import history_of

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:catalog_service_changelist",
    "admin:catalog_location_changelist",
    "admin:catalog_delivery_changelist",
    "admin:catalog_schedule_changelist",
    "admin:network_organization_changelist",
    "admin:core_changerecord_changelist",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_signed_in_non_staff_users_are_refused(client, plain_user, name):
    client.force_login(plain_user)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_staff_without_permissions_are_forbidden(client, staff_user, name):
    sign_in_with_both_factors(client, staff_user)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_superusers_see_every_model(client, superuser, name):
    factories.delivery()
    sign_in_with_both_factors(client, superuser)
    assert client.get(reverse(name)).status_code == 200


def test_change_history_cannot_be_edited_in_the_admin(client, superuser):
    service = factories.service()
    record = history_of(service).get()
    sign_in_with_both_factors(client, superuser)
    url = reverse("admin:core_changerecord_change", args=[record.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
    assert (
        client.post(reverse("admin:core_changerecord_delete", args=[record.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_a_password_alone_does_not_open_the_admin(client, superuser):
    client.force_login(superuser)  # as after the password step, before the code
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 302 and login["Location"].startswith(reverse("workspace:sign_in"))
