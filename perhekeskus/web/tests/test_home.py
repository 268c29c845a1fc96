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
    assert '<html lang="en">' in html
    assert "Services for children, young people and families" in html
    assert 'href="/en/guides/separation/"' in html
