"""Helplines open now (issue 28): a page of the phone and chat services open at this moment, with when
the others open next from their opening hours, and a box of them on the search results."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perhekeskus.catalog import services
from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import Publication
from perhekeskus.search import indexing
from perhekeskus.web import helplines as helplines_module
from perhekeskus.web.tests.test_next_steps import MONDAY_NOON, SATURDAY_NIGHT, _next_steps

pytestmark = pytest.mark.django_db

SUNDAY_NOON = MONDAY_NOON - datetime.timedelta(days=1)


def _hours(service, mode: str, rules: list[dict]):
    """A place of `service` (of `mode`) open by these rules ({"weekday", "opens", "closes", …})."""
    delivery = factories.delivery(service_obj=service, mode=mode, municipalities=[factories.municipality()])
    services.schedule_save(actor=None, values={"delivery": delivery}, rules=rules)


def _helpline(name: str, *, opens=None, closes=None, **values):
    service = factories.service(types=("helpline-chat",), name_fi=name, phone="0800 123 456", **values)
    delivery = factories.delivery(
        service_obj=service, mode="phone", municipalities=[factories.municipality()]
    )
    if opens is not None:
        factories.weekday_schedule(delivery, opens=opens, closes=closes)
    return service


@pytest.fixture
def helplines(network):
    """Besides the network's night helpline (Fridays 20–02): two open on weekdays, one without hours, one
    not published."""
    found = {
        "day": _helpline(
            "Vanhempainpuhelin",
            opens=datetime.time(9),
            closes=datetime.time(15),
            eservice_url="https://chat.example.fi/vanhemmat",
        ),
        "evening": _helpline("Nuorten linja", opens=datetime.time(8), closes=datetime.time(20)),
        "unknown": _helpline("Isien puhelin"),
        "hidden": _helpline("Luonnospuhelin", opens=datetime.time(0), closes=datetime.time(23, 59)),
        "night": network["helpline"],
    }
    services.service_save(actor=None, values={"publication": Publication.DRAFT}, service=found["hidden"])
    indexing.rebuild()
    return found


def _section(html: str, heading_id: str) -> str:
    found = re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_the_page_tells_which_are_open_now_until_when_and_when_the_others_open(client, helplines):
    with time_machine.travel(MONDAY_NOON, tick=False):
        html = client.get("/helplines/").content.decode()
    open_now, later, unknown = (
        _section(html, name) for name in ("open-now-heading", "later-heading", "unknown-heading")
    )
    assert "<h1>Auttavat puhelimet ja chatit</h1>" in html
    assert 'href="tel:112"' in html
    # Open now, by name: each with when it closes, its phone and its chat.
    assert open_now.index("Nuorten linja") < open_now.index("Vanhempainpuhelin")
    assert 'Avoinna nyt, <bdi dir="ltr">15.00</bdi> asti' in open_now
    assert 'Avoinna nyt, <bdi dir="ltr">20.00</bdi> asti' in open_now
    assert 'href="https://chat.example.fi/vanhemmat"' in open_now and 'href="tel:+358800123456"' in open_now
    assert (
        'Aukeaa seuraavaksi: perjantai <bdi dir="ltr">20.00–02.00</bdi>' in later and "Kriisipuhelin" in later
    )
    assert "Isien puhelin" in unknown and "Kriisipuhelin" not in unknown + open_now
    assert "Luonnospuhelin" not in html  # not published


def test_at_night_the_night_line_is_open_and_the_day_lines_open_in_the_morning(client, helplines):
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        html = client.get("/en/helplines/").content.decode()
    assert "Kriisipuhelin" in _section(html, "open-now-heading")
    assert 'Open now, until <bdi dir="ltr">02.00</bdi>' in html
    later = _section(html, "later-heading")
    # Saturday night: the weekday lines open on Monday, the earlier first.
    assert 'Opens next: Monday <bdi dir="ltr">08.00–20.00</bdi>' in later
    assert later.index("Nuorten linja") < later.index("Vanhempainpuhelin")


def test_when_none_is_open_the_page_says_so(client, helplines):
    with time_machine.travel(SUNDAY_NOON, tick=False):
        html = client.get("/sv/helplines/").content.decode()
    assert "<h1>Hjälptelefoner och chattar</h1>" in html
    open_now = _section(html, "open-now-heading")
    assert "Ingen hjälptelefon med kända öppettider är öppen just nu." in open_now and "<li>" not in open_now
    assert "Nuorten linja" in _section(html, "later-heading")


def test_a_helpline_is_open_when_its_phone_or_chat_answers_not_its_office(client, helplines):
    crisis = _helpline("Kriisikeskus", opens=datetime.time(18), closes=datetime.time(22))
    office = factories.delivery(service_obj=crisis, mode="provider-site")
    factories.weekday_schedule(office, opens=datetime.time(8), closes=datetime.time(16))
    indexing.rebuild()
    with time_machine.travel(MONDAY_NOON, tick=False):
        html = client.get("/helplines/").content.decode()
    assert "Kriisikeskus" not in _section(html, "open-now-heading")
    assert re.search(
        r"Kriisikeskus.*?Aukeaa seuraavaksi: tänään <bdi dir=\"ltr\">18.00–22.00</bdi>", html, re.S
    )


def test_a_phone_until_noon_and_a_chat_from_noon_are_open_until_the_chat_closes(client, helplines):
    line = factories.service(types=("helpline-chat",), name_fi="Perheneuvonta", phone="0401234567")
    _hours(line, "phone", [{"weekday": 0, "opens": datetime.time(9), "closes": datetime.time(12)}])
    _hours(line, "online", [{"weekday": 0, "opens": datetime.time(12), "closes": datetime.time(16)}])
    indexing.rebuild()
    with time_machine.travel(MONDAY_NOON - datetime.timedelta(hours=1), tick=False):
        html = client.get("/helplines/").content.decode()
    assert re.search(
        r'Perheneuvonta</a>\s*<span class="open-now">Avoinna nyt, <bdi dir="ltr">16.00</bdi> asti', html
    )


def test_a_line_open_day_and_night_is_open_round_the_clock(client, helplines):
    line = factories.service(types=("helpline-chat",), name_fi="Nollalinja", phone="0800005005")
    every_day = [
        {"weekday": day, "opens": datetime.time(0), "closes": datetime.time(0), "closes_next_day": True}
        for day in range(7)
    ]
    _hours(line, "phone", every_day)
    indexing.rebuild()
    with time_machine.travel(MONDAY_NOON, tick=False):
        html = client.get("/helplines/").content.decode()
    assert re.search(r'Nollalinja</a>\s*<span class="open-now">Avoinna nyt, ympäri vuorokauden</span>', html)


def test_a_weekly_line_closed_for_the_evening_opens_again_in_a_week(client, helplines):
    line = factories.service(types=("helpline-chat",), name_fi="Tiistailinja", phone="0401234567")
    _hours(line, "phone", [{"weekday": 1, "opens": datetime.time(18), "closes": datetime.time(20)}])
    indexing.rebuild()
    tuesday_night = MONDAY_NOON + datetime.timedelta(days=1, hours=9)
    with time_machine.travel(tuesday_night, tick=False):
        later = _section(client.get("/helplines/").content.decode(), "later-heading")
    assert re.search(
        r'Tiistailinja.*?Aukeaa seuraavaksi: tiistai <bdi dir="ltr">18.00–20.00</bdi>', later, re.S
    )


def test_next_steps_offer_the_helplines_whose_hours_are_not_known_when_none_has_hours(client, db):
    _helpline("Isien puhelin")
    indexing.rebuild()
    with time_machine.travel(MONDAY_NOON, tick=False):
        steps = _next_steps(client.get("/search/?q=xyzzyqwerty").content.decode())
    assert "Isien puhelin" in steps and 'href="tel:+358800123456"' in steps


def test_the_box_of_the_search_results_shows_the_first_open_and_links_the_page(client, helplines):
    with time_machine.travel(MONDAY_NOON, tick=False):
        box = client.get("/helplines/box/").content.decode()
    assert box.lstrip().startswith('<aside class="helplines-box"')
    assert "<html" not in box
    assert "Nuorten linja" in box and "Vanhempainpuhelin" in box and "Kriisipuhelin" not in box
    assert 'href="/helplines/"' in box and 'href="tel:112"' in box
    with time_machine.travel(SUNDAY_NOON, tick=False):
        box = client.get("/en/helplines/box/").content.decode()
    assert "No helpline with known opening hours is open at the moment." in box
    # Those that open next, the first first.
    assert 'Opens next: tomorrow <bdi dir="ltr">08.00–20.00</bdi>' in box
    assert box.index("Nuorten linja") < box.index("Vanhempainpuhelin")


def test_the_search_results_fetch_the_box_and_link_the_page_without_javascript(client, helplines):
    for number in range(4):
        factories.service(name_fi=f"Perhekahvila Helmi {number}")
    indexing.rebuild()
    html = client.get("/search/?q=perhekahvila").content.decode()
    box = re.search(
        r'<div class="helplines-box" hx-get="/helplines/box/" hx-trigger="load" hx-target="this".*?</div>',
        html,
        re.S,
    )
    assert box and 'href="/helplines/"' in box.group(0)
    # Not on a further page of results, nor beside next steps, which list the helplines themselves.
    assert (
        'hx-get="/helplines/box/"'
        not in client.get("/search/?q=perhekahvila&page_size=2&page=2").content.decode()
    )
    few = client.get("/search/?q=xyzzyqwerty").content.decode()
    assert 'class="next-steps"' in few and 'hx-get="/helplines/box/"' not in few
    assert 'href="/helplines/"' in few


def test_every_page_links_the_helplines_in_its_footer(client, db):
    assert (
        '<li><a href="/helplines/">Auttavat puhelimet ja chatit</a></li>' in client.get("/").content.decode()
    )


def test_the_pages_are_read_only_and_the_box_is_not_a_page_for_search_engines(client, db):
    assert client.post("/helplines/").status_code == 405
    assert client.post("/helplines/box/").status_code == 405
    assert client.get("/helplines/").status_code == 200
    assert client.get("/helplines/box/")["X-Robots-Tag"] == "noindex"
    assert "/helplines/</loc>" in client.get("/sitemap-pages.xml").content.decode()


def test_what_is_open_is_read_once_a_minute_in_a_process(helplines, settings):
    settings.PUBLIC_CACHE_SECONDS = 600

    def reads_hours(moment) -> bool:
        with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
            assert [view["name"] for view in helplines_module.of_the_minute("fi")["open"]]
        return any('"catalog_schedule"' in query["sql"] for query in queries)

    assert reads_hours(MONDAY_NOON)
    assert not reads_hours(MONDAY_NOON + datetime.timedelta(seconds=30))
    assert reads_hours(MONDAY_NOON + datetime.timedelta(minutes=1))


def test_with_more_helplines_than_fit_those_open_come_first_and_the_page_says_so(
    client, helplines, monkeypatch
):
    monkeypatch.setattr(helplines_module, "MOST", 1)
    with time_machine.travel(MONDAY_NOON, tick=False):
        html = client.get("/helplines/").content.decode()
    # The first open one (by the index) and the first of all by name.
    assert "Nuorten linja" in _section(html, "open-now-heading")
    assert "Isien puhelin" in _section(html, "unknown-heading")
    assert "Vanhempainpuhelin" not in html
    assert "Auttavia puhelimia ja chatteja on enemmän kuin tälle sivulle mahtuu." in html
    assert 'href="/search/?service_type=helpline-chat"' in html
    monkeypatch.setattr(helplines_module, "MOST", 100)
    with time_machine.travel(MONDAY_NOON + datetime.timedelta(minutes=1), tick=False):
        assert "mahtuu" not in client.get("/helplines/").content.decode()
