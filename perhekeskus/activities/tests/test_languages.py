"""Activities in other languages than Finnish: shown on the calendar and the activity's page, and the
calendar filtered by language (an activity that names none is in Finnish)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from perhekeskus.activities import services
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog.models import Language

pytestmark = pytest.mark.django_db
WEEK = {"from": "2026-11-30"}


@pytest.fixture
def arabic_club(cafe):
    """An Arabic-language club of the café's service on the same Tuesdays; the café names no language."""
    with time_machine.travel(datetime.datetime(2026, 11, 28, 12, tzinfo=HELSINKI), tick=False):
        yield services.activity_save(
            actor=None,
            values={
                "service": cafe.service, "title_fi": "Arabiankielinen perhekerho", "location": cafe.location,
                "starts_on": datetime.date(2026, 1, 6), "start_time": datetime.time(13), "repeat": "weekly",
            },
            languages=Language.objects.filter(code__in=["ar", "fi"]),
        )  # fmt: skip


def _titles(client, **params) -> list[str]:
    page = client.get(reverse("activities"), {**WEEK, **params})
    assert page.status_code == 200
    return [row.activity.title_fi for _day, rows in page.context["days"] for row in rows]


def test_the_calendar_shows_the_languages_of_an_activity_not_only_in_finnish(client, arabic_club):
    html = client.get("/en" + reverse("activities"), WEEK).content.decode()
    assert '<span class="languages">Languages: Arabic, Finnish</span>' in html or (
        '<span class="languages">Languages: Finnish, Arabic</span>' in html
    )
    assert html.count('<span class="languages">') == 1  # the café, in Finnish only, says nothing


def test_the_calendar_filters_by_language_and_finnish_takes_in_activities_naming_none(client, arabic_club):
    assert _titles(client, language="ar") == ["Arabiankielinen perhekerho"]
    assert _titles(client, language="fi") == ["Vauvakahvila", "Arabiankielinen perhekerho"]
    assert _titles(client, language="sv") == []
    html = client.get(reverse("activities"), WEEK).content.decode()
    # Finnish is offered even when no activity names it; Swedish is not, as none is held in it.
    assert '<option value="fi"' in html and '<option value="ar"' in html
    assert '<option value="sv"' not in html


def test_the_activity_page_names_its_languages(client, arabic_club, cafe):
    html = client.get(f"/en/activities/{arabic_club.pk}/").content.decode()
    assert "<dd>Arabic, Finnish</dd>" in html or "<dd>Finnish, Arabic</dd>" in html
    assert "<dd>Finnish</dd>" in client.get(f"/en/activities/{cafe.pk}/").content.decode()
