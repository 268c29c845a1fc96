"""The coordinators' figures of the questions service: true counts and times, in the insights and the
municipality report, with nothing a family wrote."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.insights import report
from perhekeskus.network.models import Municipality
from perhekeskus.questions import selectors, services
from perhekeskus.questions.tests.test_answering import ANSWER, asked, publish

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def history(desks):
    lieksa = Municipality.objects.get(code="422")
    baby = LifeSituation.objects.get(code="baby")
    with time_machine.travel(MONDAY, tick=False):
        quick, _token = asked(desks["network"], municipality=lieksa, topic=baby)
        late, _token = asked(desks["network"], municipality=lieksa, topic=baby)
        asked(desks["network"])  # no municipality, open and past the promise
        withdrawn, _token = asked(desks["network"], municipality=lieksa)
        services.question_withdraw(question=withdrawn)
        asked(desks["other"], municipality=Municipality.objects.get(code="276"))
    with time_machine.travel(MONDAY + datetime.timedelta(hours=5), tick=False):
        services.question_claim(question=quick, user=desks["nurse"])
        services.answer_write(question=quick, user=desks["nurse"], answer=ANSWER)
        publish(desks, quick)
    with time_machine.travel(
        MONDAY + datetime.timedelta(days=10), tick=False
    ):  # the promise was 3 working days
        services.question_claim(question=late, user=desks["nurse"])
        services.answer_write(question=late, user=desks["nurse"], answer=ANSWER)
    return desks


def test_the_figures_count_what_happened(history):
    since = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    figures = selectors.figures([history["network"]], since, timezone.now())
    assert (figures.asked, figures.answered, figures.published, figures.answered_late) == (3, 2, 1, 1)
    assert figures.late_open == 1
    assert figures.median_hours == (5 + 240) / 2
    assert figures.published_share == 0.5
    assert dict(figures.by_topic) == {"baby": 2, "": 1}
    assert dict(figures.by_municipality) == {"422": 2, "": 1}
    assert figures.by_month == [(datetime.date(2026, 11, 1), 3)]
    lieksa = selectors.figures(
        [history["network"]], since, timezone.now(), municipality=Municipality.objects.get(code="422")
    )
    assert (lieksa.asked, lieksa.answered) == (2, 2)


def test_the_insights_page_shows_them_to_the_networks_coordinator(history, signed_in):
    client = signed_in(history["coordinator"])
    page = client.get(reverse("insights:questions", args=["pk"])).content.decode()
    assert "Questions asked" in page and "<dd>3</dd>" in page and "<dd>50 %</dd>" in page
    assert "nuku" not in page


def test_the_municipality_report_tells_them_without_naming_rare_topics(history):
    page = report.render_html(Municipality.objects.get(code="422"), "en", for_print=False)
    assert "asked the family centre's professionals 2 anonymous questions" in page
    assert "Topics asked about at least five times" not in page  # "baby" was asked twice only
    assert "nuku" not in page
