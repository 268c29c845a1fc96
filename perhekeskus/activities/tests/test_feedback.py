"""Feedback after a visit (issue 26 part 4): an hour after a time ends, each family registered for it
gets one question, once; the answer is given without signing in, once per registration and time, its
comment screened for identity codes and contact details; the organisation sees the answers on the
activity's page, others do not; the insights count attendance and satisfaction per kind of activity."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from perhekeskus.activities import feedback, retention, services
from perhekeskus.activities.models import Activity, Registration, VisitFeedback
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.insights import usage
from perhekeskus.messaging import services as messaging
from perhekeskus.messaging import sms
from perhekeskus.network.models import Organization
from perhekeskus.workspace.tests.conftest import people, sign_in  # noqa: F401

TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)  # the café, 10.00–11.30
ENDED = TUESDAY + datetime.timedelta(minutes=90)
ASKED = ENDED + feedback.ASKED_AFTER
REGISTERED = datetime.datetime(2026, 11, 28, 12, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _register(cafe, name="Liisa Laine", email="perhe@example.fi", phone="", language="fi"):
    with time_machine.travel(REGISTERED, tick=False):
        values = {"name": name, "email": email, "phone": phone, "adults": 1, "children": 2}
        return services.registration_create(
            activity=cafe, original_start=TUESDAY, values=values, language=language
        )


def _run(at):
    with time_machine.travel(at, tick=False):
        feedback.ask_feedback(at)
        messaging.send_due(at)


def _link(text: str) -> str:
    return re.sub(r"^https?://[^/]+", "", re.search(r"\S*/activities/feedback/\S+", text).group(0))


def test_one_question_an_hour_after_the_time_to_each_family_that_came(cafe):
    came = _register(cafe)
    absent = _register(cafe, name="Poissa", email="poissa@example.fi")
    Registration.objects.filter(pk=absent.pk).update(attended=False)
    cancelled = _register(cafe, name="Peruja", email="peruja@example.fi")
    with time_machine.travel(REGISTERED, tick=False):
        services.registration_cancel(registration=cancelled)
    texted = _register(cafe, name="Tekstari", email="", phone="+358401234567", language="en")
    mail.outbox.clear()
    _run(ASKED - datetime.timedelta(minutes=1))
    assert mail.outbox == [] and sms.outbox == []
    _run(ASKED)
    _run(ASKED + datetime.timedelta(minutes=15))  # the next runs, and a second worker, find it queued
    (message,) = mail.outbox
    assert message.to == ["perhe@example.fi"]
    assert message.subject == "Oliko Vauvakahvila hyödyllinen?"
    assert "Liisa" not in message.body and _link(message.body).startswith("/activities/feedback/")
    (text,) = sms.outbox
    assert text["to"] == "+358401234567" and text["text"].startswith("Was Vauvakahvila useful?")
    assert "/en/activities/feedback/" in text["text"] and "Tekstari" not in text["text"]
    assert feedback.for_token(_link(message.body).split("/")[3])[0] == came
    assert texted.pk


def test_no_question_when_the_activity_asks_none_the_time_was_cancelled_or_long_past(cafe):
    _register(cafe)
    mail.outbox.clear()
    _run(ENDED + feedback.ASKED_WITHIN)  # two days late: too late to remember
    Activity.objects.filter(pk=cafe.pk).update(asks_feedback=False)
    _run(ASKED)
    assert mail.outbox == []
    Activity.objects.filter(pk=cafe.pk).update(asks_feedback=True)
    with time_machine.travel(REGISTERED, tick=False):
        services.occurrence_change(actor=None, activity=cafe, original_start=TUESDAY, cancelled=True, note="")
    _run(ASKED)
    assert mail.outbox == []


def test_the_answer_is_given_once_without_signing_in_and_the_comment_is_screened(cafe, client):
    registration = _register(cafe)
    with time_machine.travel(ASKED, tick=False):
        url = reverse("activity_feedback", args=[feedback.feedback_token(registration, TUESDAY)])
        page = client.get(url)
        assert page.status_code == 200 and 'type="radio"' in page.content.decode()
        refused = client.post(url, {"answer": "maybe"})
        assert refused.status_code == 200 and "answer" in refused.context["form"].errors
        assert not VisitFeedback.objects.exists()
        client.post(
            url,
            {
                "answer": "useful",
                "comment": "Ihana ohjaaja! Soita 040 123 4567 tai liisa@example.fi, hetu 131052-308T.",
            },
        )
        assert "Kiitos vastauksestasi" in client.get(url).content.decode()
        client.post(url, {"answer": "not-useful"})  # again: the first answer stands
    (answer,) = VisitFeedback.objects.all()
    assert answer.answer == "useful" and answer.activity == cafe and answer.screened
    assert answer.comment == "Ihana ohjaaja! Soita […] tai […] hetu […]."
    # Nothing leads from the answer to the family: no relation to the registration, only a keyed hash.
    assert {field.name for field in VisitFeedback._meta.get_fields()}.isdisjoint(
        {"registration", "occurrence"}
    )
    assert answer.registration_key == feedback._key(registration, TUESDAY)


def test_a_link_expires_and_cannot_be_forged(cafe, client):
    registration = _register(cafe)
    with time_machine.travel(ASKED, tick=False):
        token = feedback.feedback_token(registration, TUESDAY)
        assert client.get(reverse("activity_feedback", args=[token])).status_code == 200
    with time_machine.travel(ASKED + feedback.ANSWERED_WITHIN + datetime.timedelta(days=1), tick=False):
        assert client.get(reverse("activity_feedback", args=[token])).status_code == 404
    forged = token[:-3] + "abc"
    assert client.get(reverse("activity_feedback", args=[forged])).status_code == 404
    assert client.get(reverse("activity_feedback", args=["x"])).status_code == 404


@pytest.fixture
def answered_club(people):  # noqa: F811
    from perhekeskus.catalog.tests import factories

    place = factories.location(organization=people["ours"], name_fi="Seurakuntatalo")
    club = services.activity_save(
        actor=None,
        values={
            "service": people["service"], "title_fi": "Perhekerho", "location": place,
            "starts_on": datetime.date(2026, 1, 6), "start_time": datetime.time(10), "repeat": "weekly",
            "registration": "required", "capacity": 8, "registration_opens_days": 365,
        },
    )  # fmt: skip
    for number, (answer, comment) in enumerate(
        [("useful", "Hyvä kerho, soita 040 123 4567"), ("partly", ""), ("not-useful", "Liian ahdasta")]
    ):
        VisitFeedback.objects.create(
            activity=club, occurrence_start=TUESDAY, answer=answer, comment=comment,
            screened=number == 0, registration_key=f"key-{number}",
        )  # fmt: skip
    return club


def test_the_organisation_sees_the_answers_others_do_not(answered_club, client, people):  # noqa: F811
    url = reverse("workspace:activity_edit", args=[answered_club.pk])
    sign_in(client, people["editor"])
    page = client.get(url).content.decode()
    assert "3 perhettä vastasi" in page and "Liian ahdasta" in page
    assert "henkilötietoja poistettiin" in page
    comments = page.split('class="feedback-comments"')[1].split("</ul>")[0]
    assert "Liian ahdasta" in comments and "2026" not in comments  # no date: who came that day is known here
    client.logout()
    sign_in(client, people["outsider"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_the_insights_count_attendance_and_satisfaction_per_kind(answered_club, people):  # noqa: F811
    for attended in (True, True, False, None):
        with time_machine.travel(REGISTERED, tick=False):
            registration = services.registration_create(
                activity=answered_club, original_start=TUESDAY,
                values={"name": "X", "email": "x@example.fi", "phone": "", "adults": 1, "children": 1}, language="fi",
            )  # fmt: skip
        Registration.objects.filter(pk=registration.pk).update(attended=attended)
    since = datetime.datetime(2026, 1, 1, tzinfo=HELSINKI)
    organizations = Organization.objects.filter(pk=people["ours"].pk)
    (row,) = usage.activity_kinds(since, organizations)
    assert row["kind"].code == "meeting-place"
    assert (row["registrations"], row["people"], row["present"], row["marked"], row["attendance"]) == (
        4,
        8,
        2,
        3,
        67,
    )
    assert (row["answers"], row["useful"], row["partly"], row["not_useful"], row["useful_share"]) == (
        3,
        1,
        1,
        1,
        33,
    )
    assert usage.activity_kinds(since, organizations, "167") == []  # held in Lieksa, not in Joensuu
    assert usage.activity_kinds(since, organizations, "422")[0]["answers"] == 3


def test_comments_are_erased_after_a_year_and_answers_after_two(answered_club):
    VisitFeedback.objects.filter(registration_key="key-0").update(
        received_at=datetime.datetime(2025, 11, 1, tzinfo=HELSINKI)
    )
    VisitFeedback.objects.filter(registration_key="key-2").update(
        received_at=datetime.datetime(2024, 11, 1, tzinfo=HELSINKI)
    )
    with time_machine.travel(datetime.datetime(2026, 12, 5, 3, 40, tzinfo=HELSINKI), tick=False):
        retention.erase_old_feedback()
    assert VisitFeedback.objects.get(registration_key="key-0").comment == ""
    assert not VisitFeedback.objects.filter(registration_key="key-2").exists()
    assert VisitFeedback.objects.filter(registration_key__isnull=False).count() == 2
    # The key that kept an answer to one is gone once the link no longer works.
    with time_machine.travel(TUESDAY + retention.KEY_KEPT + datetime.timedelta(days=1), tick=False):
        retention.erase_old_feedback()
    assert VisitFeedback.objects.count() == 2 and not VisitFeedback.objects.filter(
        registration_key__isnull=False
    )


def test_the_municipality_report_shows_satisfaction_per_kind(answered_club, people):  # noqa: F811
    import io

    from openpyxl import load_workbook

    from perhekeskus.insights import report
    from perhekeskus.network.models import Municipality

    lieksa = Municipality.objects.get(code="422")
    with time_machine.travel(datetime.datetime(2026, 12, 5, 12, tzinfo=HELSINKI), tick=False):
        page = report.render_html(lieksa, "fi", for_print=False)
        book = load_workbook(io.BytesIO(report.xlsx(lieksa, "fi")))
    assert "Toiminnot lajeittain: läsnäolo ja tyytyväisyys" in page
    sheet = book["Toiminnot lajeittain"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [["Kohtaamispaikat ja vertaistuki", 0, 0, 0, 0, None, 3, 1, 1, 1, 33]]
