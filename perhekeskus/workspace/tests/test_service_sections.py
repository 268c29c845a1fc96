"""A service's page in sections (basics; who it is for; how to get it; where and when; Swedish and
English; other languages), each saved on its own: a save changes its own fields only, the checklist says which section
lacks what, and long lists of choices come in named groups."""

import pytest
from django.test import Client
from django.urls import reverse

from perhekeskus.catalog.models import Language, LifeSituation, Service, ServiceType
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Municipality
from perhekeskus.workspace.listing_forms import SERVICE_SECTIONS
from perhekeskus.workspace.tests.conftest import sign_in
from perhekeskus.workspace.tests.test_editing import _form_version

pytestmark = pytest.mark.django_db


def _url(service, section: str) -> str:
    if section == "basics":
        return reverse("workspace:service_edit", args=[service.pk])
    return reverse("workspace:service_section", args=[service.pk, section])


@pytest.fixture
def full(people):
    """The café with something in every section: two types, a life situation, languages, an area."""
    service = people["service"]
    Service.objects.filter(pk=service.pk).update(
        summary_fi="Avoin kohtaamispaikka", how_to_get_fi="Tule paikalle.", phone="+358131234567",
        name_sv="Familjecafé", accepts_referrals=True,
    )  # fmt: skip
    service.service_types.add(ServiceType.objects.get(code="meeting-place"))
    service.life_situations.add(LifeSituation.objects.get(code="baby"))
    service.languages.add(*Language.objects.filter(code__in=["fi", "sv"]))
    service.service_areas.add(Municipality.objects.get(code="422"))
    service.refresh_from_db()
    return service


def _relations(service) -> dict:
    return {
        name: sorted(getattr(service, name).values_list("pk", flat=True))
        for name in ("service_types", "life_situations", "languages", "service_areas")
    }


def test_each_section_shows_its_own_fields_only(client, people, full):
    sign_in(client, people["editor"])
    for section in SERVICE_SECTIONS:
        response = client.get(_url(full, section.key))
        assert response.status_code == 200
        form = response.context["form"]
        if not section.fields:
            assert form is None
            continue
        assert [f.name for f in form.visible_fields()] == list(section.fields)


def test_saving_who_it_is_for_changes_nothing_of_the_other_sections(client, people, full):
    sign_in(client, people["editor"])
    url = _url(full, "audience")
    before = _relations(full)
    teenager = LifeSituation.objects.get(code="teenager")
    response = client.post(
        url,
        {
            "version": _form_version(client, url),
            "life_situations": [str(teenager.pk)],
            "age_min_months": "156",
            "age_max_months": "216",
            "for_parents": "on",
            "service_areas": [str(m.pk) for m in full.service_areas.all()],
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    saved = Service.objects.get(pk=full.pk)
    after = _relations(saved)
    assert after["life_situations"] == [teenager.pk]
    assert (saved.age_min_months, saved.age_max_months, saved.for_parents) == (156, 216, True)
    # Types, languages, texts and contact details are other sections': kept as they were.
    assert after["service_types"] == before["service_types"]
    assert after["languages"] == before["languages"]
    assert (saved.name_fi, saved.summary_fi, saved.how_to_get_fi, saved.phone, saved.name_sv) == (
        full.name_fi, full.summary_fi, full.how_to_get_fi, full.phone, full.name_sv,
    )  # fmt: skip
    assert saved.accepts_referrals is True


def test_the_swedish_and_english_section_keeps_the_finnish_text(client, people, full):
    sign_in(client, people["editor"])
    url = _url(full, "languages")
    page = client.get(url).content.decode()
    assert "Avoin kohtaamispaikka" in page  # the Finnish summary beside the fields to translate
    response = client.post(
        url, {"version": _form_version(client, url), "name_sv": "Familjecafé", "summary_en": "An open café"}
    )
    assert response.status_code == 302
    saved = Service.objects.get(pk=full.pk)
    assert (saved.summary_en, saved.name_sv, saved.summary_fi) == (
        "An open café",
        "Familjecafé",
        full.summary_fi,
    )


def test_other_languages_are_written_in_their_section_and_read_by_families(client, people, full):
    from perhekeskus.core.models import Publication

    sign_in(client, people["editor"])
    url = _url(full, "more-languages")
    page = client.get(url).content.decode()
    # Each field in its own language and direction; a language without text comes folded.
    assert 'name="name_ar"' in page and 'lang="ar"' in page and 'dir="auto"' in page
    assert '<details class="language-texts">' in page
    response = client.post(
        url,
        {
            "version": _form_version(client, url),
            "name_ru": "Семейное кафе",
            "summary_ru": "Открытое место встреч для семей.",
            "how_to_get_ru": "Приходите без записи.",
            "name_ar": "مقهى العائلات",
        },
    )
    assert response.status_code == 302
    saved = Service.objects.get(pk=full.pk)
    assert (saved.name_ru, saved.name_ar, saved.name_fi, saved.summary_fi, saved.name_sv) == (
        "Семейное кафе", "مقهى العائلات", full.name_fi, "Avoin kohtaamispaikka", "Familjecafé"
    )  # fmt: skip
    assert '<details class="language-texts" open>' in client.get(url).content.decode()
    # A family reading Russian or Arabic reads them as the page's own text (no other `lang`).
    Service.objects.filter(pk=full.pk).update(publication=Publication.PUBLISHED)
    russian = Client().get(f"/ru/services/{full.pk}/").content.decode()
    assert "<h1>Семейное кафе</h1>" in russian and "Приходите без записи." in russian
    assert '<p class="lead">Открытое место встреч для семей.</p>' in russian
    arabic = Client().get(f"/ar/services/{full.pk}/").content.decode()
    assert "<h1>مقهى العائلات</h1>" in arabic and 'lang="fi" dir="ltr">Avoin kohtaamispaikka' in arabic


def test_a_bad_value_is_refused_on_its_section_and_nothing_is_saved(client, people, full):
    sign_in(client, people["editor"])
    url = _url(full, "audience")
    response = client.post(
        url, {"version": _form_version(client, url), "age_min_months": "120", "age_max_months": "12"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert Service.objects.get(pk=full.pk).age_min_months is None


def test_saving_a_section_over_someone_elses_save_is_a_conflict(client, people, full):
    other = Client()
    sign_in(client, people["editor"])
    sign_in(other, people["coordinator"])
    mine = _form_version(client, _url(full, "languages"))
    theirs = _url(full, "basics")
    assert (
        other.post(
            theirs,
            {
                "version": _form_version(other, theirs), "name_fi": full.name_fi, "summary_fi": "Muutettu",
                "service_types": [str(t.pk) for t in full.service_types.all()], "status": "active",
                "review_interval_months": "6",
            },
        ).status_code
        == 302
    )  # fmt: skip
    response = client.post(_url(full, "languages"), {"version": mine, "name_en": "Family café"})
    assert response.status_code == 409
    saved = Service.objects.get(pk=full.pk)
    assert saved.summary_fi == "Muutettu" and saved.name_en == ""


def test_where_and_when_lists_the_places_and_takes_no_post(client, people, full):
    delivery = factories.delivery(service_obj=full)
    sign_in(client, people["editor"])
    page = client.get(_url(full, "where")).content.decode()
    assert reverse("workspace:delivery_edit", args=[delivery.pk]) in page
    assert reverse("workspace:schedule_create", args=[delivery.pk]) in page
    assert client.post(_url(full, "where"), {"name_fi": "Kaapattu"}).status_code == 404
    assert Service.objects.get(pk=full.pk).name_fi == full.name_fi


def test_an_unknown_section_is_not_found(client, people, full):
    sign_in(client, people["editor"])
    assert client.get(f"{_url(full, 'basics')}nothing/").status_code == 404
    assert client.get(f"{_url(full, 'basics')}basics/").status_code == 404  # the page's own address


def test_the_checklist_links_to_the_section_that_lacks_an_item(client, people):
    service = people["service"]  # no contact, no how-to-get text, no place
    Service.objects.filter(pk=service.pk).update(phone="", email="", how_to_get_fi="")
    sign_in(client, people["editor"])
    response = client.get(_url(service, "audience"))
    page = response.content.decode()
    assert response.context["missing_in"] == {"basics", "access", "where"}
    for section in ("basics", "access", "where"):
        assert f'<a href="{_url(service, section)}">' in page
    assert page.count("(jotain pakollista puuttuu)") == 3  # marked on the tabs, for screen readers too


def test_service_types_come_grouped_by_category_with_the_chosen_group_open(client, people, full):
    sign_in(client, people["editor"])
    page = client.get(_url(full, "basics")).content.decode()
    meeting_places = ServiceType.objects.get(code="meeting-place").category
    assert page.count('class="choice-group"') == 6  # the six categories of the model
    opened = page.index('<details class="choice-group" open')
    assert page.index(meeting_places.name_fi) > opened
    assert "(1 valittu)" in page
    assert "data-choice-filter" in page  # a long list gets a filter box


def test_a_new_service_starts_from_its_basics(client, people):
    sign_in(client, people["editor"])
    url = reverse("workspace:service_create", args=[people["ours"].pk])
    form = client.get(url).context["form"]
    assert [f.name for f in form.visible_fields()] == list(SERVICE_SECTIONS[0].fields)
    response = client.post(
        url,
        {
            "name_fi": "Vauvaryhmä", "summary_fi": "Vertaisryhmä", "status": "active",
            "review_interval_months": "6",
            "service_types": [str(ServiceType.objects.get(code="peer-support-group").pk)],
        },
    )  # fmt: skip
    made = Service.objects.get(name_fi="Vauvaryhmä")
    assert response["Location"] == _url(made, "basics")
    assert made.publication == "draft" and made.organization == people["ours"]
