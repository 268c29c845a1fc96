"""No dead ends (issue 21): a search that finds nothing or little offers service guidance of the family's
municipality, the helplines open now, a service that calls back and the life-situation guides; words
that name a life situation get its guide above the results."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perhekeskus.catalog.opening_hours import HELSINKI
from perhekeskus.catalog.tests import factories
from perhekeskus.core.tests.utils import queries_of
from perhekeskus.network.models import Membership
from perhekeskus.search import indexing
from perhekeskus.web import search_page

pytestmark = pytest.mark.django_db

MONDAY_NOON = datetime.datetime(2026, 11, 30, 12, tzinfo=HELSINKI)
# The sample helpline answers on Friday from 20 until 2 at night.
SATURDAY_NIGHT = datetime.datetime(2026, 11, 28, 1, 30, tzinfo=HELSINKI)


def _reader_of(organization) -> None:
    """A member who reads the organisation's contact requests: without one, none are offered."""
    user = get_user_model().objects.create_user(
        username=f"lukija-{organization.pk}", email=f"lukija-{organization.pk}@example.fi"
    )
    Membership.objects.create(user=user, organization=organization, role=Membership.Role.REFERRER)


def _guidance(name: str, municipality: str, *, calls_back: bool, deliveries: int = 1, **values):
    service = factories.service(
        types=("service-guidance",), name_fi=name, phone="0131234567",
        accepts_contact_requests=calls_back, **values,
    )  # fmt: skip
    if calls_back:
        _reader_of(service.organization)
    for _ in range(deliveries):
        delivery = factories.delivery(
            service_obj=service, mode="phone", municipalities=[factories.municipality(municipality)]
        )
        factories.weekday_schedule(delivery)
    return service


@pytest.fixture
def guidance(network):
    """Service guidance in Lieksa (it calls back) and in Joensuu (it does not)."""
    found = {
        "lieksa": _guidance(
            "Lieksan palveluohjaus", "422", calls_back=True, name_sv="Servicehandledning i Lieksa"
        ),
        "joensuu": _guidance("Joensuun palveluohjaus", "167", calls_back=False),
    }
    indexing.rebuild()
    return found


def _page(client, url="/search/", **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _next_steps(html: str) -> str:
    found = re.search(r'<section class="next-steps".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_nothing_found_in_a_municipality_offers_its_service_guidance_and_a_call_back(client, guidance):
    html = _page(client, q="xyzzyqwerty", municipality="422")
    assert 'class="no-results"' in html  # the hints and nearby municipalities stay
    steps = _next_steps(html)
    assert "Lieksan palveluohjaus" in steps
    assert "Joensuun palveluohjaus" not in steps
    assert reverse("service", args=[guidance["lieksa"].pk]) in steps
    assert reverse("contact_request", args=[guidance["lieksa"].pk]) in steps
    assert 'href="tel:+358131234567"' in steps
    assert 'href="tel:112"' in steps
    assert 'href="/guides/"' in steps  # no life situation recognised: the list of guides


def test_a_municipality_named_in_the_words_gets_its_service_guidance(client, guidance):
    steps = _next_steps(_page(client, q="xyzzyqwerty joensuu"))
    assert "Joensuun palveluohjaus" in steps and "Lieksan palveluohjaus" not in steps
    # Joensuu's service guidance does not call back; a service that does is offered instead, or none.
    assert reverse("contact_request", args=[guidance["joensuu"].pk]) not in steps


def test_without_a_municipality_the_family_can_choose_one_keeping_the_words(client, guidance):
    steps = _next_steps(_page(client, q="xyzzyqwerty", free="true"))
    form = re.search(r'<form class="municipality-choice".*?</form>', steps, re.S).group(0)
    assert 'action="/search/"' in form and 'method="get"' in form
    assert '<input type="hidden" name="q" value="xyzzyqwerty">' in form
    assert '<input type="hidden" name="free" value="true">' in form
    assert re.findall(r'<option value="(\d+)">', form) == ["167", "422"]  # Joensuu, Lieksa by name
    assert "Lieksan palveluohjaus" in steps and "Joensuun palveluohjaus" in steps


def test_few_results_are_followed_by_next_steps(client, guidance):
    html = _page(client, q="perhekahvila", municipality="167")
    assert "Perhekahvila Pesä" in html
    assert html.index('class="result-list"') < html.index('class="next-steps"')
    assert "Joensuun palveluohjaus" in _next_steps(html)


def test_many_results_and_further_pages_have_no_next_steps(client, guidance):
    for number in range(3):
        factories.delivery(service_obj=factories.service(name_fi=f"Perhekahvila {number}"))
    indexing.rebuild()
    assert 'class="next-steps"' not in _page(client, q="perhekahvila")
    assert 'class="next-steps"' not in _page(client, q="xyzzyqwerty", page="2")


def test_a_found_service_that_calls_back_is_offered_when_service_guidance_does_not(client, guidance):
    cafe = guidance["joensuu"].organization  # any organisation
    caller = factories.service(
        organization=cafe, name_fi="Perhekahvila Soittaa", accepts_contact_requests=True
    )
    factories.delivery(service_obj=caller, municipalities=[factories.municipality("167")])
    indexing.rebuild()
    # Marked to call back, but nobody in its organisation reads the requests: not offered.
    steps = _next_steps(_page(client, q="soittaa", municipality="167"))
    assert reverse("contact_request", args=[caller.pk]) not in steps
    assert "Perhekahvila Soittaa ottamaan yhteyttä" not in steps
    _reader_of(cafe)
    steps = _next_steps(_page(client, q="soittaa", municipality="167"))
    assert reverse("contact_request", args=[caller.pk]) in steps
    assert "Pyydä palvelua Perhekahvila Soittaa ottamaan yhteyttä" in steps


def test_helplines_open_now_are_offered(client, network):
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        steps = _next_steps(_page(client, q="xyzzyqwerty"))
    assert reverse("service", args=[network["helpline"].pk]) in steps
    assert 'Avoinna nyt, <bdi dir="ltr">02.00</bdi> asti' in steps
    assert "No helpline with known opening hours is open at the moment." not in steps


def test_the_helplines_are_read_once_a_minute_in_a_process(client, network):
    """The helplines open now, or when they open next, are the same for every search of the minute."""

    def reads_hours(moment, words: str) -> bool:
        with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
            steps = _next_steps(_page(client, "/en/search/", q=words))
        assert 'Opens next: Friday <bdi dir="ltr">20.00–02.00</bdi>' in steps
        return any('"catalog_schedule"' in query["sql"] for query in queries)

    assert reads_hours(MONDAY_NOON, "xyzzyqwerty")
    assert not reads_hours(MONDAY_NOON + datetime.timedelta(seconds=30), "qwertyxyzzy")
    assert reads_hours(MONDAY_NOON + datetime.timedelta(minutes=1), "zyxxyqwerty")


def test_when_no_helpline_is_open_their_next_opening_is_told(client, network):
    with time_machine.travel(MONDAY_NOON, tick=False):
        steps = _next_steps(_page(client, "/en/search/", q="xyzzyqwerty"))
    assert "No helpline with known opening hours is open at the moment." in steps
    assert f'href="/en/services/{network["helpline"].pk}/"' in steps
    assert 'Opens next: Friday <bdi dir="ltr">20.00–02.00</bdi>' in steps
    assert 'href="tel:112"' in steps


def test_next_steps_follow_the_page_language(client, guidance):
    swedish = _next_steps(_page(client, "/sv/search/", q="xyzzyqwerty", municipality="422"))
    assert "Servicehandledning i Lieksa" in swedish
    assert "Telefon:" in swedish
    assert "/sv/services/" in swedish and "/sv/guides/" in swedish
    english = _next_steps(_page(client, "/en/search/", q="xyzzyqwerty", municipality="422"))
    assert "Service guidance in Lieksa" in english
    assert "Phone:" in english and "Ask them to contact you" in english


@time_machine.travel(MONDAY_NOON, tick=False)  # the helplines open now are read once a minute
def test_next_steps_make_no_query_per_service_delivery_or_schedule(client, guidance, settings):
    settings.PUBLIC_CACHE_SECONDS = 0  # made for each request, not served as kept
    url = "/search/?q=xyzzyqwerty&municipality=422"
    client.get(url)  # warms what is computed once per process
    few = queries_of(client, url)
    for number in range(3):
        _guidance(f"Lieksan palveluohjaus {number}", "422", calls_back=True, deliveries=3)
    indexing.rebuild()
    client.get(url)
    assert _next_steps(client.get(url).content.decode()).count('href="tel:+358131234567"') == 3
    assert queries_of(client, url) == few


def test_guides_keep_the_familys_municipality_and_age_and_tell_what_they_offer(db):
    guides = search_page._guides(("parent-coping", "baby", "separation"), ["422"], 12)
    assert [guide["situation"].code for guide in guides] == ["parent-coping", "baby"]
    assert guides[0]["url"] == "/guides/parent-coping/?municipality=422&age_months=12"
    (offers,) = guides[0]["offers"].values()
    assert offers and "\n" not in offers and offers.endswith(".")
    assert search_page._guides(("baby",), [], None)[0]["url"] == "/guides/baby/"
    assert search_page._guides((), ["422"], 12) == []


# Needs the everyday vocabulary of life situations (SearchResult.situations, the lead's change to the
# search engine): until it lands, "väsynyt äiti" names no situation and this test fails.
def test_words_naming_a_life_situation_offer_its_guide_above_the_results(client, network):
    html = _page(client, q="väsynyt äiti", municipality="422")
    offer = re.search(r'<section class="guide-offer".*?</section>', html, re.S)
    assert offer is not None
    assert 'href="/guides/parent-coping/?municipality=422"' in offer.group(0)
    assert "Vanhemman jaksaminen" in offer.group(0)
    results = re.search(r'class="(result-list|no-results)"', html)
    assert html.index('class="guide-offer"') < results.start()
    # The guide is above already; next steps, if any, do not offer the list of guides instead.
    assert 'href="/guides/"' not in _next_steps(html)
