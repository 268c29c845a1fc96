"""Every workspace address declares who may use it: this walks the URL configuration itself, so a new
view that forgets its scope fails here. Anonymous people are sent to sign in; a member of another
organisation learns nothing of ours (404) and changes nothing."""

import datetime

import pytest
from django.urls import URLPattern, reverse

from perhekeskus.activities import services as activity_services
from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Delivery, Location, Schedule, Service
from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import ChangeRecord
from perhekeskus.network.models import Membership
from perhekeskus.workspace import urls
from perhekeskus.workspace.tests.conftest import sign_in

PUBLIC = {
    "sign_in", "two_factor", "two_factor_setup", "sign_out", "invitation", "password_reset",
    "password_reset_sent", "password_reset_confirm", "password_reset_complete",
}  # fmt: skip
# Pages for everyone signed in, about their own organisations only (tested in test_permissions).
OWN = {"dashboard", "sign_out_everywhere", "organization_create", "review_queue"}


def _routes() -> list[str]:
    return [p.name for p in urls.urlpatterns if isinstance(p, URLPattern) and p.name not in PUBLIC | OWN]


def _ours(people) -> dict:
    service = people["service"]
    delivery = factories.delivery(service_obj=service)
    schedule = catalog_services.schedule_save(actor=None, values={"delivery": delivery}, rules=[])
    catalog_services.service_save(actor=people["editor"], values={"summary_fi": "Uusi"}, service=service)
    change = ChangeRecord.objects.filter(object_id=service.pk, action="updated").first()
    organization = people["ours"].pk
    activity = activity_services.activity_save(
        actor=None,
        values={
            "service": service, "title_fi": "Kerho", "location": delivery.location,
            "starts_on": datetime.date(2027, 1, 5), "start_time": datetime.time(10), "repeat": "weekly",
        },
    )  # fmt: skip
    objects = {
        "service": service.pk, "organization": organization, "location": delivery.location.pk,
        "delivery": delivery.pk, "schedule": schedule.pk, "change": change.pk,
    }  # fmt: skip
    by_route = {
        "service_edit": "service", "service_confirm": "service", "service_step": "service",
        "service_remove": "service", "delivery_create": "service", "delivery_edit": "delivery",
        "delivery_remove": "delivery", "schedule_create": "delivery", "schedule_edit": "schedule",
        "schedule_remove": "schedule", "location_edit": "location", "location_remove": "location",
        "organization_edit": "organization", "organization_step": "organization", "members": "organization",
        "service_create": "organization", "location_create": "organization", "change_revert": "change",
    }  # fmt: skip
    by_route.update(activity_create="service", activity_edit="activity", activity_remove="activity")
    by_route.update(activity_duplicate="activity")
    by_route.update(organization_attention="organization")
    objects["activity"] = activity.pk
    args = {name: [objects[kind]] for name, kind in by_route.items()}
    args["activity_occurrence"] = args["activity_participants"] = [activity.pk, "2027-01-05T1000"]
    args["service_section"] = [service.pk, "access"]
    args["member_remove"] = [organization, Membership.objects.get(user=people["editor"]).pk]
    return args


def _state() -> tuple:
    return (
        ChangeRecord.objects.count(), Service.objects.count(), Location.objects.count(),
        Delivery.objects.count(), Schedule.objects.count(), Membership.objects.count(),
        sorted(Service.objects.values_list("publication", "name_fi", "summary_fi")),
    )  # fmt: skip


def test_every_route_is_covered_here(people):
    assert set(_routes()) == set(_ours(people))


@pytest.mark.parametrize("route", _routes())
def test_anonymous_people_are_sent_to_sign_in(client, people, route):
    url = reverse(f"workspace:{route}", args=_ours(people)[route])
    before = _state()
    for response in (client.get(url), client.post(url, {"step": "publish"})):
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("workspace:sign_in"))
    assert _state() == before


@pytest.mark.parametrize("route", _routes())
def test_a_member_of_another_organisation_gets_not_found_and_changes_nothing(client, people, route):
    url = reverse(f"workspace:{route}", args=_ours(people)[route])
    sign_in(client, people["outsider"])
    before = _state()
    get, post = client.get(url), client.post(url, {"step": "publish", "name_fi": "Kaapattu"})
    assert get.status_code in (404, 405)
    assert post.status_code == 404
    assert _state() == before
