import pytest

pytestmark = pytest.mark.django_db


def test_home_has_search_guides_and_meeting_places(client, network, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html
    assert 'href="/guides/expecting/"' in html and "Odotamme vauvaa" in html
    assert "Perheiden kohtaamispaikat" in html
    assert "Perhetalo" in html and "Perhekahvila Pesä" in html
    # The shelter's confidential place is never a meeting place on the page.
    assert "Turvakoti" not in html
    assert 'href="/search/?category=meeting-place&amp;sort=distance"' in html


def test_home_in_english(client, network):
    html = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Services for children, young people and families" in html
    assert 'href="/en/guides/separation/"' in html


def test_municipality_page_shows_meeting_places_and_what_comes_to_the_family(client, network):
    from perhekeskus.network.models import FamilyCentre, Municipality, Network

    FamilyCentre.objects.create(
        municipality=Municipality.objects.get(code="167"),
        network=Network.objects.create(slug="testi", name_fi="Testiverkosto"),
        name_fi="Joensuun perhekeskus",
    )
    html = client.get("/municipalities/167/").content.decode()
    assert "Perheiden kohtaamispaikat" in html and "Perhetalo" in html
    outreach = html[
        html.index("Palvelut, jotka tulevat perheen luo") : html.index("<h2>Palvelut perheille</h2>")
    ]
    assert "Verkossa" in outreach and "Lasten puheterapia" in outreach
    assert "Puhelimitse" in outreach and "Kriisipuhelin" in outreach
    assert "Perhekahvila Pesä" not in outreach  # met at the family centre building, not at home
    assert 'href="/search/?municipality=167"' in html


def test_a_meeting_place_lists_only_what_meets_there(client, network):
    from perhekeskus.catalog.tests import factories

    perhetalo = network["cafe"].deliveries.first().location
    clinic = factories.service(types=("child-health-clinic",), name_fi="Perhetalon neuvola")
    # Met in the family centre building elsewhere, but at Perhetalo only at the provider's site.
    elsewhere = factories.location(organization=clinic.organization, name_fi="Kylätalo")
    factories.delivery(service_obj=clinic, mode="family-centre-building", at=elsewhere)
    factories.delivery(service_obj=clinic, mode="provider-site", at=perhetalo)
    html = client.get("/").content.decode()
    at_perhetalo = html[html.index("<strong>Perhetalo</strong>") :]
    at_perhetalo = at_perhetalo[: at_perhetalo.index("</li>")]
    assert "Perhekahvila Pesä" in at_perhetalo and "Perhetalon neuvola" not in at_perhetalo
    at_kylatalo = html[html.index("<strong>Kylätalo</strong>") :]
    assert "Perhetalon neuvola" in at_kylatalo[: at_kylatalo.index("</li>")]
