"""New listings are drafts until a coordinator publishes them: creating, the steps, the review queue
with its diff, removing; who may do each (anonymous, each role, a member of another organisation)."""

import pytest
from django.urls import reverse

from perhekeskus.catalog.models import Delivery, DeliveryMode, Language, Location, Schedule, Service
from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import ChangeRecord, Publication
from perhekeskus.network.models import Membership, Organization, ProviderKind
from perhekeskus.workspace.tests.conftest import make_user, sign_in

ROLES = ["anonymous", "editor", "admin", "coordinator", "outsider"]


def _as(client, people, role):
    if role != "anonymous":
        sign_in(client, people[role])


def _service_form(**values):
    data = {
        "name_fi": "Vauvaryhmä", "service_types": [], "access_method": "registration", "is_free": "on",
        "status": "active", "review_interval_months": "6",
    }  # fmt: skip
    from perhekeskus.catalog.models import ServiceType

    data["service_types"] = [str(ServiceType.objects.get(code="family-cafe").pk)]
    data.update(values)
    return data


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
def test_who_may_add_a_service(client, people, role, read, write):
    url = reverse("workspace:service_create", args=[people["ours"].pk])
    _as(client, people, role)
    assert client.get(url).status_code == read
    before = Service.objects.count()
    assert client.post(url, _service_form()).status_code == write
    made = Service.objects.filter(name_fi="Vauvaryhmä").first()
    assert (made is not None) == (write == 302 and role != "anonymous")
    assert Service.objects.count() == before + (1 if made else 0)
    if made:
        assert made.publication == Publication.DRAFT
        assert made.organization == people["ours"]


def test_a_bad_service_form_says_what_is_wrong_in_finnish_and_saves_nothing(client, people):
    sign_in(client, people["editor"])
    url = reverse("workspace:service_create", args=[people["ours"].pk])
    response = client.post(
        url, _service_form(name_fi="", is_free="", age_min_months="30", age_max_months="12")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tämä kenttä vaaditaan" in page
    assert not Service.objects.filter(organization=people["ours"], publication=Publication.DRAFT).exists()


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
def test_who_may_add_a_place(client, people, role, read, write):
    url = reverse("workspace:location_create", args=[people["ours"].pk])
    _as(client, people, role)
    assert client.get(url).status_code == read
    data = {
        "name_fi": "Pankakosken koulu",
        "municipality": str(factories.municipality("422").pk),
        "postal_code": "81750",
    }
    assert client.post(url, data).status_code == write
    made = Location.objects.filter(name_fi="Pankakosken koulu").exists()
    assert made == (write == 302 and role != "anonymous")


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
def test_who_may_add_and_change_where_a_service_is_offered(client, people, role, read, write):
    service = people["service"]
    _as(client, people, role)
    url = reverse("workspace:delivery_create", args=[service.pk])
    assert client.get(url).status_code == read
    online = DeliveryMode.objects.get(code="online")
    lieksa = factories.municipality("422")
    assert client.post(url, {"mode": str(online.pk), "municipalities": [str(lieksa.pk)]}).status_code == write
    made = Delivery.objects.filter(service=service, mode=online).first()
    assert (made is not None) == (write == 302 and role != "anonymous")
    existing = factories.delivery(service_obj=service)
    edit = reverse("workspace:delivery_edit", args=[existing.pk])
    assert client.get(edit).status_code == read
    hours = reverse("workspace:schedule_create", args=[existing.pk])
    assert client.get(hours).status_code == read
    response = client.post(
        hours,
        {
            "closed_on_public_holidays": "on",
            "week-opens_2_0": "09:00", "week-closes_2_0": "12:00",
            "exceptions-TOTAL_FORMS": "0", "exceptions-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == write
    assert Schedule.objects.filter(delivery=existing).exists() == (write == 302 and role != "anonymous")


def test_a_delivery_without_a_place_needs_a_municipality(client, people):
    sign_in(client, people["editor"])
    url = reverse("workspace:delivery_create", args=[people["service"].pk])
    response = client.post(url, {"mode": str(DeliveryMode.objects.get(code="online").pk)})
    assert response.status_code == 200
    assert "Valitse vähintään yksi kunta" in response.content.decode()
    assert not Delivery.objects.filter(service=people["service"]).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("editor", 403), ("admin", 403), ("coordinator", 302), ("outsider", 404)],
)
def test_only_a_coordinator_publishes(client, people, role, status):
    service = factories.service(
        organization=people["ours"], name_fi="Uusi ryhmä", publication=Publication.PENDING
    )
    factories.delivery(service_obj=service)
    service = factories.ready_to_publish(service)
    _as(client, people, role)
    response = client.post(reverse("workspace:service_step", args=[service.pk]), {"step": "publish"})
    assert response.status_code == status
    service.refresh_from_db()
    assert service.publication == (Publication.PUBLISHED if role == "coordinator" else Publication.PENDING)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("editor", 403), ("admin", 403), ("coordinator", 200), ("outsider", 403)],
)
def test_only_coordinators_see_the_review_queue(client, people, role, status):
    _as(client, people, role)
    assert client.get(reverse("workspace:review_queue")).status_code == status


@pytest.mark.django_db(transaction=True)  # the index follows commits
def test_a_new_service_goes_from_draft_to_public_through_the_coordinator(client, people):
    sign_in(client, people["editor"])
    client.post(
        reverse("workspace:service_create", args=[people["ours"].pk]),
        _service_form(summary_fi="Vauvojen ja vanhempien ryhmä"),
    )
    service = Service.objects.get(name_fi="Vauvaryhmä")
    public = reverse("service", args=[service.pk])
    step = reverse("workspace:service_step", args=[service.pk])
    assert client.get(public).status_code == 404
    # Not ready without a place or a way of offering it.
    response = client.post(step, {"step": "submit"}, follow=True)
    assert "Kerro, missä tai miten" in response.content.decode()
    service.refresh_from_db()
    assert service.publication == Publication.DRAFT
    factories.delivery(service_obj=service)
    factories.ready_to_publish(service)
    client.post(step, {"step": "submit"})
    service.refresh_from_db()
    assert service.publication == Publication.PENDING
    assert client.get(public).status_code == 404
    client.post(reverse("workspace:sign_out"))

    sign_in(client, people["coordinator"])
    queue = client.get(reverse("workspace:review_queue")).content.decode()
    assert "Vauvaryhmä" in queue and "Vauvojen ja vanhempien ryhmä" in queue  # the diff shows its content
    client.post(step, {"step": "publish", "next": reverse("workspace:review_queue")})
    service.refresh_from_db()
    assert service.publication == Publication.PUBLISHED
    assert client.get(public).status_code == 200
    hits = client.get("/api/v1/search", {"q": "vauvaryhmä"}).json()["results"]
    assert hits[0]["name"] == "Vauvaryhmä"
    steps = ChangeRecord.objects.filter(object_id=service.pk, changes__has_key="publication")
    assert {record.actor for record in steps} == {people["editor"], people["coordinator"]}


def test_a_coordinator_returns_a_listing_and_the_queue_shows_what_changed_since_published(client, people):
    service = people["service"]
    factories.delivery(service_obj=service)
    sign_in(client, people["editor"])
    step = reverse("workspace:service_step", args=[service.pk])
    client.post(step, {"step": "archive"})
    assert client.get(reverse("service", args=[service.pk])).status_code == 404
    from perhekeskus.catalog import services as catalog_services

    catalog_services.service_save(
        actor=people["editor"],
        values={"summary_fi": "Taas auki syksyllä"},
        service=Service.objects.get(pk=service.pk),
    )
    client.post(step, {"step": "restore"})
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["coordinator"])
    queue = client.get(reverse("workspace:review_queue")).content.decode()
    assert "Taas auki syksyllä" in queue
    assert "Perhekahvila Pankakoski" in queue
    client.post(step, {"step": "return"})
    service.refresh_from_db()
    assert service.publication == Publication.DRAFT


def test_a_step_that_does_not_start_from_here_is_refused_and_changes_nothing(client, people):
    sign_in(client, people["coordinator"])
    response = client.post(
        reverse("workspace:service_step", args=[people["service"].pk]), {"step": "return"}, follow=True
    )
    assert "ei voi tehdä nyt" in response.content.decode()
    response = client.post(
        reverse("workspace:service_step", args=[people["service"].pk]), {"step": "explode"}, follow=True
    )
    assert response.status_code == 200
    assert Service.objects.get(pk=people["service"].pk).publication == Publication.PUBLISHED


def test_a_new_organisation_is_a_draft_its_proposer_admins_until_a_coordinator_publishes(
    client, people, django_user_model
):
    sign_in(client, people["editor"])
    data = {
        "network": str(people["network"].pk), "kind": str(ProviderKind.objects.first().pk),
        "municipality": str(factories.municipality("422").pk), "name_fi": "Lieksan seurakunta",
    }  # fmt: skip
    response = client.post(reverse("workspace:organization_create"), data)
    assert response.status_code == 302
    organization = Organization.objects.get(name_fi="Lieksan seurakunta")
    assert organization.publication == Publication.DRAFT
    assert Membership.objects.filter(user=people["editor"], organization=organization, role="admin").exists()
    assert client.get(reverse("organization", args=[organization.pk])).status_code == 404
    service = factories.service(organization=organization, name_fi="Päiväkerho")
    factories.delivery(service_obj=service)
    assert client.get(reverse("service", args=[service.pk])).status_code == 404  # its organisation is a draft
    step = reverse("workspace:organization_step", args=[organization.pk])
    assert client.post(step, {"step": "publish"}).status_code == 403
    client.post(step, {"step": "submit"})
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["coordinator"])
    assert "Lieksan seurakunta" in client.get(reverse("workspace:review_queue")).content.decode()
    client.post(step, {"step": "publish"})
    assert client.get(reverse("organization", args=[organization.pk])).status_code == 200
    assert client.get(reverse("service", args=[service.pk])).status_code == 200
    # Someone who works in no network cannot propose one.
    client.post(reverse("workspace:sign_out"))
    loner = make_user(django_user_model, "loner@example.fi")
    sign_in(client, loner)
    assert client.get(reverse("workspace:organization_create")).status_code == 403


def test_only_a_draft_is_removed_and_a_place_in_use_stays(client, people):
    sign_in(client, people["editor"])
    published = people["service"]
    delivery = factories.delivery(service_obj=published)
    response = client.post(reverse("workspace:service_remove", args=[published.pk]), follow=True)
    assert Service.objects.filter(pk=published.pk).exists()
    assert "Vain luonnoksen voi poistaa" in response.content.decode()
    response = client.post(reverse("workspace:location_remove", args=[delivery.location.pk]), follow=True)
    assert Location.objects.filter(pk=delivery.location.pk).exists()
    draft = factories.service(
        organization=people["ours"], name_fi="Hylätty idea", publication=Publication.DRAFT
    )
    client.post(reverse("workspace:service_remove", args=[draft.pk]))
    assert not Service.objects.filter(pk=draft.pk).exists()
    client.post(reverse("workspace:delivery_remove", args=[delivery.pk]))
    assert not Delivery.objects.filter(pk=delivery.pk).exists()
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["outsider"])
    other = factories.service(
        organization=people["ours"], name_fi="Toinen luonnos", publication=Publication.DRAFT
    )
    assert client.post(reverse("workspace:service_remove", args=[other.pk])).status_code == 404
    assert Service.objects.filter(pk=other.pk).exists()


def test_a_coordinator_undoes_a_change_of_languages(client, people):
    from perhekeskus.catalog import services as catalog_services

    service = people["service"]
    catalog_services.service_save(
        actor=people["editor"], values={}, service=service, languages=Language.objects.filter(code="fi")
    )
    catalog_services.service_save(
        actor=people["editor"],
        values={},
        service=Service.objects.get(pk=service.pk),
        languages=Language.objects.filter(code__in=["fi", "sv"]),
    )
    change = (
        ChangeRecord.objects.filter(object_id=service.pk, changes__has_key="languages")
        .order_by("-changed_at")
        .first()
    )
    sign_in(client, people["coordinator"])
    client.post(reverse("workspace:change_revert", args=[change.pk]))
    assert sorted(Service.objects.get(pk=service.pk).languages.values_list("code", flat=True)) == ["fi"]


def test_undoing_an_archiving_does_not_publish_past_the_coordinator(client, people):
    service = people["service"]
    delivery = factories.delivery(service_obj=service)
    sign_in(client, people["editor"])
    client.post(reverse("workspace:service_step", args=[service.pk]), {"step": "archive"})
    client.post(reverse("workspace:delivery_remove", args=[delivery.pk]))
    archived = ChangeRecord.objects.filter(object_id=service.pk, changes__has_key="publication").first()
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["coordinator"])
    client.post(reverse("workspace:change_revert", args=[archived.pk]))
    assert Service.objects.get(pk=service.pk).publication == Publication.ARCHIVED


def test_publishing_from_the_queue_is_refused_when_the_listing_changed_after_it_was_shown(client, people):
    from perhekeskus.catalog import services as catalog_services
    from perhekeskus.core.editing import version_of

    service = factories.service(
        organization=people["ours"], name_fi="Uusi ryhmä", publication=Publication.PENDING
    )
    factories.delivery(service_obj=service)
    service = factories.ready_to_publish(service)
    seen = version_of(service)
    catalog_services.service_save(actor=people["editor"], values={"summary_fi": "Muutettu"}, service=service)
    sign_in(client, people["coordinator"])
    step = reverse("workspace:service_step", args=[service.pk])
    response = client.post(step, {"step": "publish", "version": seen}, follow=True)
    assert "muuttunut sen jälkeen" in response.content.decode()
    assert Service.objects.get(pk=service.pk).publication == Publication.PENDING
    client.post(step, {"step": "publish", "version": version_of(service)})
    assert Service.objects.get(pk=service.pk).publication == Publication.PUBLISHED


def test_open_data_does_not_show_drafts(client, people):
    draft_org = factories.organization(name_fi="Luonnosyhdistys", publication=Publication.DRAFT)
    public_service = factories.service(organization=draft_org, name_fi="Näkymätön kerho")
    draft = factories.service(
        organization=people["ours"],
        name_fi="Luonnospalvelu",
        publication=Publication.DRAFT,
        types=("child-oral-health",),
    )
    factories.delivery(service_obj=public_service)
    factories.delivery(service_obj=draft)
    names = {
        item["name"] for item in client.get("/api/hsds/organizations", {"per_page": 500}).json()["contents"]
    }
    assert "Luonnosyhdistys" not in names
    services = {
        item["name"] for item in client.get("/api/hsds/services", {"per_page": 500}).json()["contents"]
    }
    assert not {"Näkymätön kerho", "Luonnospalvelu"} & services
    term = draft.service_types.first().pk
    by_term = client.get("/api/hsds/organizations", {"taxonomy_term_id": str(term)}).json()["contents"]
    assert people["ours"].name_fi not in {item["name"] for item in by_term}  # only through a draft


@pytest.mark.parametrize(
    ("role", "status", "undone"),
    [("anonymous", 302, False), ("editor", 403, False), ("admin", 403, False), ("coordinator", 302, True),
     ("outsider", 404, False)],
)  # fmt: skip
def test_who_may_undo_a_change_of_a_place(client, people, role, status, undone):
    from perhekeskus.catalog import services as catalog_services

    place = factories.location(organization=people["ours"], name_fi="Vanha nimi")
    catalog_services.location_save(actor=people["editor"], values={"name_fi": "Uusi nimi"}, location=place)
    change = ChangeRecord.objects.get(object_id=place.pk, action="updated")
    _as(client, people, role)
    assert client.post(reverse("workspace:change_revert", args=[change.pk])).status_code == status
    assert Location.objects.get(pk=place.pk).name_fi == ("Vanha nimi" if undone else "Uusi nimi")


def test_a_coordinator_undoes_a_change_of_an_organisation_from_its_page(client, people):
    from perhekeskus.network.services import organization_save

    ours = people["ours"]
    organization_save(actor=people["admin"], values={"phone": "013 123 4567"}, organization=ours)
    change = ChangeRecord.objects.get(object_id=ours.pk, action="updated")
    sign_in(client, people["coordinator"])
    page = client.get(reverse("workspace:organization_edit", args=[ours.pk])).content.decode()
    assert reverse("workspace:change_revert", args=[change.pk]) in page
    client.post(reverse("workspace:change_revert", args=[change.pk]))
    assert Organization.objects.get(pk=ours.pk).phone == ""


@pytest.mark.parametrize(("role", "status"), [("editor", 302), ("outsider", 404), ("anonymous", 302)])
def test_an_editor_sets_the_area_a_place_serves_by_its_postal_codes(client, people, role, status):
    """The codes are offered from the municipalities the delivery may reach, with their post offices;
    a code of a municipality it does not reach is refused with its number."""
    from perhekeskus.core.editing import version_of
    from perhekeskus.network.models import PostalCode

    delivery = factories.delivery(service_obj=people["service"])  # a place in Lieksa
    _as(client, people, role)
    url = reverse("workspace:delivery_edit", args=[delivery.pk])
    codes = {code: str(PostalCode.objects.get(code=code).pk) for code in ("81700", "81720", "80100")}
    form = {
        "mode": str(delivery.mode_id), "location": str(delivery.location_id), "municipalities": [],
        "area_name_fi": "Keskusta ja Pankakoski", "version": version_of(delivery),
    }  # fmt: skip
    if role == "editor":
        page = client.get(url).content.decode()
        assert "81700 Lieksa" in page and "80100 Joensuu" in page
        refused = client.post(url, {**form, "postal_codes": [codes["81700"], codes["80100"]]})
        assert refused.status_code == 200
        assert "80100" in str(refused.context["form"].errors["postal_codes"])
    response = client.post(url, {**form, "postal_codes": [codes["81700"], codes["81720"]]})
    assert response.status_code == status
    delivery.refresh_from_db()
    saved = sorted(delivery.postal_codes.values_list("code", flat=True))
    assert saved == (["81700", "81720"] if role == "editor" else [])
    assert (delivery.area_name_fi == "Keskusta ja Pankakoski") == (role == "editor")
