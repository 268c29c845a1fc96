import datetime

import pytest
from django.urls import reverse

from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Location, Schedule, Service
from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import ChangeRecord
from perhekeskus.network.models import Organization
from perhekeskus.workspace.tests.conftest import sign_in

pytestmark = pytest.mark.django_db
T = datetime.time


@pytest.fixture
def hours(people):
    delivery = factories.delivery(service_obj=people["service"])
    return catalog_services.schedule_save(
        actor=None,
        values={"delivery": delivery},
        rules=[{"weekday": day, "opens": T(8), "closes": T(16)} for day in range(5)],
    )


def _service_post(service: Service, version: str, **changes) -> dict:
    data = {
        "name_fi": service.name_fi, "summary_fi": service.summary_fi, "access_method": service.access_method,
        "is_free": "on" if service.is_free else "", "status": service.status, "version": version,
        "review_interval_months": service.review_interval_months,
        "service_types": [str(t.pk) for t in service.service_types.all()],
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _form_version(client, url) -> str:
    return client.get(url).context["form"]["version"].value()


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("anonymous", 302, 302),
        ("editor", 200, 302),
        ("admin", 200, 302),
        ("coordinator", 200, 302),
        ("outsider", 404, 404),
    ],
)
def test_who_may_edit_a_service(client, people, role, read, write):
    service = people["service"]
    url = reverse("workspace:service_edit", args=[service.pk])
    if role != "anonymous":
        sign_in(client, people[role])
    assert client.get(url).status_code == read
    version = _form_version(client, url) if read == 200 else ""
    response = client.post(url, _service_post(service, version, name_fi="Uusi nimi"))
    assert response.status_code == write
    changed = Service.objects.get(pk=service.pk).name_fi == "Uusi nimi"
    assert changed is (write == 302 and role != "anonymous")


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [("anonymous", 302, 302), ("editor", 200, 302), ("coordinator", 200, 302), ("outsider", 404, 404)],
)
def test_who_may_edit_opening_hours(client, people, hours, role, read, write):
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    if role != "anonymous":
        sign_in(client, people[role])
    assert client.get(url).status_code == read
    version = _form_version(client, url) if read == 200 else ""
    response = client.post(url, _hours_post(version=version, opens="09:00"))
    assert response.status_code == write
    opened = {str(r.opens) for r in Schedule.objects.get(pk=hours.pk).rules.all()}
    assert (opened == {"09:00:00"}) is (write == 302 and role != "anonymous")


def _hours_post(*, version: str, opens: str = "08:00", closes: str = "16:00", exception: str = "") -> dict:
    data = {
        "version": version, "closed_on_public_holidays": "on",
        "rules-TOTAL_FORMS": "5", "rules-INITIAL_FORMS": "5",
        "exceptions-TOTAL_FORMS": "1", "exceptions-INITIAL_FORMS": "0",
        "exceptions-0-closed": "on",  # as the browser sends the empty row: "closed" is ticked by default
    }  # fmt: skip
    for day in range(5):
        data |= {f"rules-{day}-weekday": str(day), f"rules-{day}-opens": opens, f"rules-{day}-closes": closes}
    if exception:
        data |= {
            "exceptions-0-date": exception,
            "exceptions-0-closed": "on",
            "exceptions-0-reason_fi": "Juhannus",
        }
    return data


def test_an_editor_changes_opening_hours_and_adds_a_closure(client, people, hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    version = _form_version(client, url)
    response = client.post(
        url, _hours_post(version=version, opens="09:00", closes="15:00", exception="2027-06-25")
    )
    assert response.status_code == 302
    schedule = Schedule.objects.get(pk=hours.pk)
    assert {(str(r.opens), str(r.closes)) for r in schedule.rules.all()} == {("09:00:00", "15:00:00")}
    assert [(str(e.date), e.closed, e.reason_fi) for e in schedule.exceptions.all()] == [
        ("2027-06-25", True, "Juhannus")
    ]
    record = ChangeRecord.objects.filter(object_id=hours.pk).order_by("-changed_at").first()
    assert record.actor == people["editor"]
    page = client.get(url).content.decode()
    assert "Testi" in page  # the history names who changed it


def test_bad_hours_are_refused_with_the_reason_and_nothing_changes(client, people, hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    response = client.post(
        url, _hours_post(version=_form_version(client, url), opens="16:00", closes="08:00")
    )
    assert response.status_code == 200
    assert "yön yli" in response.content.decode() or "overnight" in response.content.decode()
    assert {str(r.opens) for r in Schedule.objects.get(pk=hours.pk).rules.all()} == {"08:00:00"}


def test_the_second_of_two_simultaneous_edits_is_refused_and_shown_what_changed(client, people):
    from django.test import Client

    service = people["service"]
    url = reverse("workspace:service_edit", args=[service.pk])
    other = Client()
    sign_in(client, people["editor"])
    sign_in(other, people["coordinator"])
    mine, theirs = _form_version(client, url), _form_version(other, url)
    assert mine == theirs
    assert (
        other.post(url, _service_post(service, theirs, summary_fi="Koordinaattorin muutos")).status_code
        == 302
    )
    response = client.post(url, _service_post(service, mine, summary_fi="Muokkaajan muutos"))
    assert response.status_code == 409
    assert "Koordinaattorin muutos" in response.content.decode()
    assert Service.objects.get(pk=service.pk).summary_fi == "Koordinaattorin muutos"
    # Saving again on top of the newer version goes through.
    newer = _form_version(client, url)
    assert client.post(url, _service_post(service, newer, summary_fi="Muokkaajan muutos")).status_code == 302
    assert Service.objects.get(pk=service.pk).summary_fi == "Muokkaajan muutos"


@pytest.fixture
def place(people):
    return factories.location(organization=people["ours"], name_fi="Perhetalo")


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [("anonymous", 302, 302), ("editor", 200, 302), ("coordinator", 200, 302), ("outsider", 404, 404)],
)
def test_who_may_edit_a_place(client, people, place, role, read, write):
    url = reverse("workspace:location_edit", args=[place.pk])
    if role != "anonymous":
        sign_in(client, people[role])
    assert client.get(url).status_code == read
    data = {
        "version": _form_version(client, url) if read == 200 else "",
        "name_fi": "Perhetalo Pankakoski",
        "municipality": str(place.municipality_id),
        "postal_code": place.postal_code,
        "latitude": place.latitude or "",
        "longitude": place.longitude or "",
    }
    response = client.post(url, {k: v for k, v in data.items() if v != ""})
    assert response.status_code == write, (
        getattr(response, "context", None) and response.context["form"].errors
    )
    renamed = Location.objects.get(pk=place.pk).name_fi == "Perhetalo Pankakoski"
    assert renamed is (write == 302 and role != "anonymous")


def test_a_wrong_postal_code_is_refused_with_the_reason(client, people, place):
    sign_in(client, people["editor"])
    url = reverse("workspace:location_edit", args=[place.pk])
    data = {
        "version": _form_version(client, url),
        "name_fi": place.name_fi,
        "municipality": str(place.municipality_id),
        "postal_code": "00100",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["postal_code"]
    assert Location.objects.get(pk=place.pk).postal_code == place.postal_code


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("anonymous", 302, 302),
        ("editor", 403, 403),
        ("admin", 200, 302),
        ("coordinator", 200, 302),
        ("outsider", 404, 404),
    ],
)
def test_who_may_edit_the_organisation(client, people, role, read, write):
    organization = people["ours"]
    url = reverse("workspace:organization_edit", args=[organization.pk])
    if role != "anonymous":
        sign_in(client, people[role])
    assert client.get(url).status_code == read
    data = {
        "version": _form_version(client, url) if read == 200 else "",
        "name_fi": "Lieksan Perhetyö ry",
        "website": "https://example.fi",
    }
    response = client.post(url, data)
    assert response.status_code == write
    renamed = Organization.objects.get(pk=organization.pk).name_fi == "Lieksan Perhetyö ry"
    assert renamed is (write == 302 and role != "anonymous")


def test_rows_left_as_they_were_are_kept(client, people, hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    data = _hours_post(version=_form_version(client, url), exception="2027-06-25")
    data["rules-0-opens"] = "09:00"  # only Monday changes
    assert client.post(url, data).status_code == 302
    rules = Schedule.objects.get(pk=hours.pk).rules.order_by("weekday")
    assert [(r.weekday, str(r.opens)) for r in rules] == [(0, "09:00:00")] + [
        (d, "08:00:00") for d in range(1, 5)
    ]
    # Marking a row for removal removes it, and only it.
    data = _hours_post(version=_form_version(client, url))
    data["rules-TOTAL_FORMS"] = data["rules-INITIAL_FORMS"] = "5"
    data["rules-4-DELETE"] = "on"
    data |= {
        "exceptions-TOTAL_FORMS": "1",
        "exceptions-INITIAL_FORMS": "1",
        "exceptions-0-date": "2027-06-25",
    }
    assert client.post(url, data).status_code == 302
    schedule = Schedule.objects.get(pk=hours.pk)
    assert schedule.rules.count() == 4 and schedule.exceptions.count() == 1


def test_a_version_not_given_out_is_a_conflict_not_an_error(client, people):
    sign_in(client, people["editor"])
    url = reverse("workspace:service_edit", args=[people["service"].pk])
    assert client.post(url, _service_post(people["service"], "garbage", summary_fi="x")).status_code == 409


def test_after_a_conflict_saving_again_overwrites_knowingly(client, people):
    from django.test import Client

    service = people["service"]
    url = reverse("workspace:service_edit", args=[service.pk])
    other = Client()
    sign_in(client, people["editor"])
    sign_in(other, people["coordinator"])
    mine = _form_version(client, url)
    other.post(url, _service_post(service, _form_version(other, url), summary_fi="Koordinaattorin muutos"))
    refused = client.post(url, _service_post(service, mine, summary_fi="Muokkaajan muutos"))
    assert refused.status_code == 409
    again = refused.context["form"]["version"].value()
    assert again != mine
    assert client.post(url, _service_post(service, again, summary_fi="Muokkaajan muutos")).status_code == 302
    assert Service.objects.get(pk=service.pk).summary_fi == "Muokkaajan muutos"
