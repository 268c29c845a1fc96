"""The publishing checklist of a service: what is required, what only advised, and when each is done."""

import pytest

from perhekeskus.catalog import completeness, services
from perhekeskus.catalog.tests import factories


def _state(service) -> dict:
    return {item.key: (item.required, item.done) for item in completeness.checklist(service)}


@pytest.mark.django_db
def test_a_bare_service_lacks_every_required_item_but_hours_it_needs_no_place_for():
    service = factories.service(name_fi="Tyhjä palvelu")
    assert _state(service) == {
        "contact": (True, False),
        "summary": (True, False),
        "how_to_get": (True, False),
        "delivery": (True, False),
        "hours": (True, True),  # no place, so no hours to keep
        "swedish": (False, False),
        "english": (False, False),
    }
    assert [item.key for item in completeness.missing_required(service)] == [
        "contact", "summary", "how_to_get", "delivery",
    ]  # fmt: skip


@pytest.mark.django_db
def test_each_item_is_done_by_what_it_names():
    service = factories.service(name_fi="Perhetyö", summary_fi="  ")  # blank text is not a summary
    assert _state(service)["summary"] == (True, False)
    service = services.service_save(
        actor=None,
        values={"summary_fi": "Apua arkeen.", "how_to_get_fi": "Soita.", "name_sv": "Familjearbete"},
        service=service,
        contacts=[{"name": "Ajanvaraus", "email": "ajat@example.fi"}],  # a named contact is a contact
    )
    delivery = factories.delivery(service_obj=service)  # at a place, without hours yet
    state = _state(service)
    assert state["contact"] == state["summary"] == state["how_to_get"] == state["delivery"] == (True, True)
    assert state["hours"] == (True, False)
    assert state["swedish"] == (False, False)  # the Swedish name alone is not enough
    services.schedule_save(actor=None, values={"delivery": delivery, "by_appointment": True}, rules=[])
    assert _state(service)["hours"] == (True, True)
    services.service_save(
        actor=None,
        values={"summary_sv": "Hjälp", "name_en": "Family work", "summary_en": "Help"},
        service=service,
    )
    assert completeness.missing_required(service) == []
    assert _state(service)["swedish"] == _state(service)["english"] == (False, True)


@pytest.mark.django_db
def test_a_place_with_an_empty_schedule_has_no_hours_and_e_service_alone_is_a_contact():
    service = factories.service(
        name_fi="Verkkopalvelu", eservice_url="https://asiointi.example.fi", summary_fi="x", how_to_get_fi="y"
    )
    delivery = factories.delivery(service_obj=service)
    services.schedule_save(actor=None, values={"delivery": delivery}, rules=[])
    assert [item.key for item in completeness.missing_required(service)] == ["hours"]
    factories.weekday_schedule(delivery)
    assert completeness.missing_required(service) == []


@pytest.mark.django_db
def test_a_list_of_services_reads_the_checklist_without_a_query_per_service(django_assert_max_num_queries):
    organization = factories.organization()
    for n in range(5):
        factories.delivery(service_obj=factories.service(organization=organization, name_fi=f"P{n}"))
    listed = completeness.with_checklist_data(organization.services.all())
    with django_assert_max_num_queries(6):
        assert len([completeness.checklist(service) for service in listed]) == 5
