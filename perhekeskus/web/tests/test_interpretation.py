"""Interpreters on the public pages: the service page says whether one is available, results mark the
services that can use one, the search filters by it, and the guide for families new to Finland lists them."""

import re

import pytest
from django.urls import reverse

from perhekeskus.catalog import services
from perhekeskus.catalog.tests import factories
from perhekeskus.search import indexing

pytestmark = pytest.mark.django_db
MARK = '<li class="interpreter">'


def _page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _interpretation(service, choice: str, **notes) -> None:
    services.service_save(
        actor=None,
        service=service,
        values={"interpretation": choice, **{f"interpretation_note_{k}": v for k, v in notes.items()}},
    )
    indexing.index_services([service.pk])  # as its commit would


@pytest.fixture
def interpreted(network):
    _interpretation(
        network["maternity"],
        "free",
        fi="Kerro tulkin tarpeesta, kun varaat ajan.",
        en="Say that you need an interpreter when you book.",
    )
    _interpretation(network["speech"], "fee")
    _interpretation(network["cafe"], "none")
    return network


def _results(html: str) -> dict[str, bool]:
    """Name → whether it carries the interpreter mark, of each result in `html`, in order."""
    found = {}
    for block in html.split('<li class="result">')[1:]:
        name = re.search(r'hx-boost="false">(?:<span lang="\w+">)?([^<]+)', block).group(1)
        found[name] = MARK in block.split("</ul>")[0]
    return found


def _section(html: str) -> str:
    return re.search(r'<section class="interpreters".*?</section>', html, flags=re.S).group(0)


def _fact(html: str) -> str | None:
    found = re.search(r'<dd class="interpretation">(.*?)</dd>', html)
    return found.group(1) if found else None


def test_the_service_page_says_whether_an_interpreter_is_available_with_the_note(client, interpreted):
    page = reverse("service", args=[interpreted["maternity"].pk])
    assert _fact(_page(client, page)) == (
        "Tulkki saatavilla, maksuton. Kerro tulkin tarpeesta, kun varaat ajan."
    )
    assert _fact(_page(client, "/en" + page)) == (
        "Interpreter available, free of charge. Say that you need an interpreter when you book."
    )
    # A note not in Swedish falls back to Finnish, marked as Finnish.
    assert _fact(_page(client, "/sv" + page)) == (
        'Tolk tillgänglig, avgiftsfri. <span lang="fi">Kerro tulkin tarpeesta, kun varaat ajan.</span>'
    )
    speech = _page(client, f"/en/services/{interpreted['speech'].pk}/")
    assert _fact(speech) == "Interpreter available, for a fee."
    cafe = _page(client, f"/en/services/{interpreted['cafe'].pk}/")
    assert _fact(cafe) == "No interpretation."


def test_the_service_page_says_nothing_when_the_service_has_not_said(client, interpreted):
    html = _page(client, reverse("service", args=[interpreted["lieksa_clinic"].pk]))
    assert _fact(html) is None and "Tulkki" not in html


def test_results_mark_the_services_that_can_use_an_interpreter(client, interpreted):
    html = _page(client, "/en/search/", sort="name")
    results = _results(html)
    assert len(results) == 6
    assert {name for name, marked in results.items() if marked} == {
        "Joensuun äitiysneuvola",
        "Lasten puheterapia",
    }
    assert f"{MARK}Interpreter available</li>" in html


def test_the_search_page_filters_by_interpreter_and_shows_it_as_a_removable_chip(client, interpreted):
    html = _page(client, "/en/search/", interpreter="true", municipality="422")
    assert _results(html) == {"Lasten puheterapia": True}  # online for Lieksa and Joensuu
    assert re.search(r'id="interpreter" name="interpreter" value="true" checked', html)
    # The chip removes only this filter; a new text search keeps it.
    assert 'aria-label="Remove filter: Interpreter available"' in html
    assert 'href="/en/search/?municipality=422"' in html
    assert '<input type="hidden" name="interpreter" value="true">' in html
    unchecked = _page(client, "/en/search/")
    assert re.search(r'id="interpreter" name="interpreter" value="true">', unchecked)
    assert '<input type="hidden" name="interpreter"' not in unchecked


def test_a_wrong_interpreter_value_is_explained_and_left_out(client, interpreted):
    html = _page(client, "/en/search/", interpreter="perhaps")
    assert (
        'class="form-errors" role="alert"' in html and "Interpreter available: Must be true or false." in html
    )
    assert len(re.findall(r'<li class="result">', html)) == 6


def test_the_new_to_finland_guide_lists_the_services_with_an_interpreter_in_the_municipality(
    client, interpreted
):
    section = _section(_page(client, "/en/guides/new-to-finland/"))
    assert "Services that can use an interpreter" in section
    assert _results(section) == {"Joensuun äitiysneuvola": True, "Lasten puheterapia": True}
    assert f'href="/en/services/{interpreted["maternity"].pk}/"' in section  # linked to the service
    lieksa = _section(_page(client, "/en/guides/new-to-finland/", municipality="422"))
    assert "For families in Lieksa." in lieksa
    assert _results(lieksa) == {"Lasten puheterapia": True}


def test_the_guide_links_to_all_when_more_can_use_an_interpreter_than_it_shows(client, interpreted):
    for number in range(11):
        extra = factories.service(types=("family-club",), name_fi=f"Kerho {number:02}")
        factories.delivery(service_obj=extra, municipalities=[factories.municipality("167")])
        services.service_save(actor=None, service=extra, values={"interpretation": "free"})
    indexing.rebuild()
    section = _section(_page(client, "/en/guides/new-to-finland/", municipality="167"))
    # The maternity clinic, speech therapy (online for Joensuu too) and the clubs.
    assert len(_results(section)) == 10
    assert 'href="/en/search/?municipality=167&amp;interpreter=true">See all 13 services that' in section


def test_the_guide_says_so_when_no_service_has_an_interpreter_and_other_guides_do_not_list_them(
    client, network
):
    html = _page(client, "/en/guides/new-to-finland/")
    assert "No service has said yet that it can use an interpreter for your choices." in html
    assert '<section class="interpreters"' not in _page(client, "/en/guides/expecting/")
