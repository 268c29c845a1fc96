import datetime
import re

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
    """The hours page as the browser sends it: Monday–Friday in the grid's first period, three empty
    exception rows ("closed" is ticked by default) or a closure on the first."""
    data = {
        "version": version, "closed_on_public_holidays": "on",
        "exceptions-TOTAL_FORMS": "3", "exceptions-INITIAL_FORMS": "0",
    }  # fmt: skip
    for row in range(3):
        data[f"exceptions-{row}-closed"] = "on"
    for day in range(5):
        data |= {f"week-opens_{day}_0": opens, f"week-closes_{day}_0": closes}
    if exception:
        data |= {"exceptions-0-date": exception, "exceptions-0-reason_fi": "Juhannus"}
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
    """Overlapping periods (the model's check, through schedule_save) and a period with one time only:
    each error on its own cell, which is marked invalid and described by the error's text."""
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    data = _hours_post(version=_form_version(client, url))
    data |= {"week-closes_0_0": "12:00", "week-opens_0_1": "11:00", "week-closes_0_1": "16:00"}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    for cell in ("opens_0_0", "opens_0_1"):
        assert _input(page, f"id_week-{cell}") >= {
            'aria-invalid="true"',
            f'aria-describedby="id_week-{cell}_error"',
        }
        assert f'id="id_week-{cell}_error"' in page
    assert 'aria-invalid="true"' not in _input(page, "id_week-opens_1_0")
    assert {str(r.opens) for r in Schedule.objects.get(pk=hours.pk).rules.all()} == {"08:00:00"}

    data = _hours_post(version=_form_version(client, url))
    data["week-closes_1_0"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in _input(response.content.decode(), "id_week-closes_1_0")
    assert Schedule.objects.get(pk=hours.pk).rules.count() == 5


def _input(page: str, element_id: str, tag: str = "input") -> set[str]:
    """The attributes of the page's input (or other `tag`) with `element_id`."""
    found = re.search(rf'<{tag}[^>]*id="{element_id}"[^>]*>', page)
    assert found, element_id
    return set(re.findall(r'[\w-]+="[^"]*"', found[0]))


def test_hours_that_end_past_midnight_close_the_next_day(client, people, hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    data = _hours_post(version=_form_version(client, url))
    data |= {"week-opens_4_0": "20:00", "week-closes_4_0": "02:00", "week-opens_6_0": "00:00",
             "week-closes_6_0": "00:00"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    rules = Schedule.objects.get(pk=hours.pk).rules.all()
    assert {(r.weekday, str(r.closes), r.closes_next_day) for r in rules if r.weekday >= 4} == {
        (4, "02:00:00", True),
        (6, "00:00:00", True),  # round the clock
    }
    assert [r.closes_next_day for r in rules if r.weekday < 4] == [False] * 4
    week = client.get(url).context["week_form"]
    friday = week.rows()[4]["periods"][0]
    assert friday["overnight"] and friday["opens"].value().hour == 20


def test_copying_monday_to_the_weekdays_without_javascript_saves_nothing(client, people, hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    data = _hours_post(version=_form_version(client, url))
    data |= {"week-closes_0_0": "11:00", "week-opens_0_1": "12:00", "week-closes_0_1": "16:00"}
    data |= {"week-opens_2_0": "", "week-closes_2_0": "", "copy_weekdays": "1"}
    response = client.post(url, data)
    assert response.status_code == 200
    week = response.context["week_form"]
    for day in range(5):
        assert [week[f"{name}_{day}_{p}"].value() for p in (0, 1) for name in ("opens", "closes")] == [
            "08:00", "11:00", "12:00", "16:00",
        ]  # fmt: skip
    assert week["opens_5_0"].value() in ("", None)  # the weekend as it was
    assert [m.level_tag for m in response.context["messages"]] == ["info"]  # "save to keep them"
    assert response.context["form"]["version"].value() == data["version"]
    rules = Schedule.objects.get(pk=hours.pk).rules.all()
    assert {(str(r.opens), str(r.closes)) for r in rules} == {("08:00:00", "16:00:00")} and len(rules) == 5


@pytest.fixture
def other_hours(people):
    """Summer hours of another place of the same organisation: Monday in three periods, Saturday."""
    delivery = factories.delivery(service_obj=factories.service(organization=people["ours"]))
    return catalog_services.schedule_save(
        actor=None,
        values={"delivery": delivery, "valid_from": datetime.date(2027, 6, 1)},
        rules=[{"weekday": 0, "opens": T(8), "closes": T(10)}, {"weekday": 0, "opens": T(11), "closes": T(12)},
               {"weekday": 0, "opens": T(13), "closes": T(15)}, {"weekday": 5, "opens": T(10), "closes": T(14)}],
    )  # fmt: skip


def test_hours_are_copied_from_another_place_of_the_organisation_unsaved(client, people, hours, other_hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    page = client.get(url)
    assert list(page.context["copy_form"].fields["source"].queryset) == [other_hours]  # not this one
    data = _hours_post(version=_form_version(client, url))
    data |= {"copy_from": "1", "copy-source": str(other_hours.pk)}
    response = client.post(url, data)
    assert response.status_code == 200
    week = response.context["week_form"]
    assert week.periods == 3  # Monday's three periods get a column each
    assert [week[f"opens_0_{p}"].value() for p in range(3)] == ["08:00", "11:00", "13:00"]
    assert (week["opens_5_0"].value(), week["closes_5_0"].value()) == ("10:00", "14:00")
    assert week["opens_1_0"].value() in ("", None)  # Tuesday: closed there
    assert 'id="id_week-opens_0_2"' in response.content.decode()
    assert [m.level_tag for m in response.context["messages"]] == ["info"]
    assert Schedule.objects.get(pk=hours.pk).rules.count() == 5  # not saved
    # Saving the copy stores it.
    data = {**response.context["week_form"].data.dict(), "copy_from": ""}
    del data["copy_from"]
    assert client.post(url, data).status_code == 302
    assert Schedule.objects.get(pk=hours.pk).rules.count() == 4


def test_hours_of_another_organisation_are_not_copied(client, people, hours):
    theirs = catalog_services.schedule_save(
        actor=None,
        values={"delivery": factories.delivery(service_obj=factories.service(organization=people["theirs"]))},
        rules=[{"weekday": 3, "opens": T(7, 15), "closes": T(9, 45)}],
    )
    sign_in(client, people["coordinator"])  # may edit both organisations' listings, but copies within one
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    assert str(theirs.pk) not in client.get(url).content.decode()
    data = _hours_post(version=_form_version(client, url)) | {"copy_from": "1", "copy-source": str(theirs.pk)}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-invalid="true"' in _input(page, "id_copy-source", tag="select")
    assert "07:15" not in page and "09:45" not in page
    assert response.context["week_form"]["opens_3_0"].value() == "08:00"  # the grid as it was
    assert Schedule.objects.get(pk=hours.pk).rules.count() == 5


def test_exceptions_are_added_changed_and_removed_in_one_table(client, people, hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    data = _hours_post(version=_form_version(client, url), exception="2027-06-25")
    data |= {"exceptions-1-date": "2027-12-24", "exceptions-1-opens": "10:00", "exceptions-1-closes": "14:00",
             "exceptions-1-reason_fi": "Jouluaatto", "exceptions-1-reason_sv": "Julafton"}  # fmt: skip
    del data["exceptions-1-closed"]
    assert client.post(url, data).status_code == 302
    stored = Schedule.objects.get(pk=hours.pk).exceptions.all()
    assert [(str(e.date), e.closed, str(e.opens), e.reason_sv) for e in stored] == [
        ("2027-06-25", True, "None", ""),
        ("2027-12-24", False, "10:00:00", "Julafton"),
    ]
    page = client.get(url)
    assert page.context["exception_forms"].total_form_count() == 5  # the two and three empty rows
    # "Add more rows" shows three more and saves nothing.
    data = {
        "version": _form_version(client, url), "closed_on_public_holidays": "on",
        "exceptions-TOTAL_FORMS": "5", "exceptions-INITIAL_FORMS": "2",
        "exceptions-0-date": "2027-06-25", "exceptions-0-closed": "on", "exceptions-0-DELETE": "on",
        "exceptions-1-date": "2027-12-24", "exceptions-1-opens": "10:00", "exceptions-1-closes": "14:00",
        "exceptions-2-closed": "on", "exceptions-3-closed": "on", "exceptions-4-closed": "on",
        **{f"week-{name}_{day}_0": time for day in range(5) for name, time in (("opens", "08:00"), ("closes", "16:00"))},
    }  # fmt: skip
    response = client.post(url, {**data, "more_exceptions": "1"})
    assert response.status_code == 200
    assert response.context["exception_forms"].total_form_count() == 8
    assert 'name="exceptions-7-date"' in response.content.decode()
    assert Schedule.objects.get(pk=hours.pk).exceptions.count() == 2
    # Removing a row removes it, and only it; the rows added are left out as the empty rows they are.
    added = response.context["exception_forms"].data.copy()
    del added["more_exceptions"]
    assert client.post(url, added).status_code == 302
    assert [str(e.date) for e in Schedule.objects.get(pk=hours.pk).exceptions.all()] == ["2027-12-24"]


def test_wrong_exceptions_are_refused_on_their_rows(client, people, hours):
    sign_in(client, people["editor"])
    url = reverse("workspace:schedule_edit", args=[hours.pk])
    data = _hours_post(version=_form_version(client, url), exception="2027-06-25")
    data |= {"exceptions-0-opens": "10:00"}  # closed, yet hours
    data |= {"exceptions-1-date": "2027-06-26"}  # open, without hours
    del data["exceptions-1-closed"]
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-invalid="true"' in _input(page, "id_exceptions-0-opens")
    assert 'aria-invalid="true"' in _input(page, "id_exceptions-1-opens")
    assert 'aria-invalid="true"' not in _input(page, "id_exceptions-2-date")
    # One exception a day: schedule_save's refusal marks both dates.
    data = _hours_post(version=_form_version(client, url), exception="2027-06-25")
    data |= {"exceptions-1-date": "2027-06-25"}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    for row in (0, 1):
        assert 'aria-invalid="true"' in _input(page, f"id_exceptions-{row}-date")
        assert f'id="id_exceptions-{row}-date_error"' in page
    assert not Schedule.objects.get(pk=hours.pk).exceptions.exists()


def test_new_opening_hours_are_made_with_the_grid(client, people, hours):
    sign_in(client, people["editor"])
    delivery = hours.delivery
    url = reverse("workspace:schedule_create", args=[delivery.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["copy_form"].fields["source"].queryset) == [hours]
    data = _hours_post(version="", exception="2027-06-25") | {
        "valid_from": "2027-06-01",
        "valid_to": "2027-08-31",
    }
    data |= {"week-opens_2_1": "17:00", "week-closes_2_1": "19:00"}
    response = client.post(url, data)
    assert response.status_code == 302
    made = Schedule.objects.exclude(pk=hours.pk).get(delivery=delivery)
    assert response["Location"] == reverse("workspace:schedule_edit", args=[made.pk])
    assert sorted((r.weekday, str(r.opens)) for r in made.rules.all()) == [
        (0, "08:00:00"), (1, "08:00:00"), (2, "08:00:00"), (2, "17:00:00"), (3, "08:00:00"), (4, "08:00:00"),
    ]  # fmt: skip
    assert made.exceptions.count() == 1
    # Copying into a new schedule, then saving it.
    data = {"closed_on_public_holidays": "on", "exceptions-TOTAL_FORMS": "0", "exceptions-INITIAL_FORMS": "0"}
    response = client.post(url, data | {"copy_from": "1", "copy-source": str(hours.pk)})
    assert response.status_code == 200
    assert response.context["week_form"]["closes_4_0"].value() == "16:00"


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
    data["week-opens_0_0"] = "09:00"  # only Monday changes
    assert client.post(url, data).status_code == 302
    rules = Schedule.objects.get(pk=hours.pk).rules.order_by("weekday")
    assert [(r.weekday, str(r.opens)) for r in rules] == [(0, "09:00:00")] + [
        (d, "08:00:00") for d in range(1, 5)
    ]
    # Emptying a day closes it, and only it; the stored exception stays.
    data = _hours_post(version=_form_version(client, url))
    data["week-opens_4_0"] = data["week-closes_4_0"] = ""
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
