"""The coordinators open the questions service and appoint its answerers; questions are erased after
QUESTION_RETENTION_DAYS, published answers stay without a link to the asker."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from perhekeskus.catalog.opening_hours import HELSINKI, end_of_working_days
from perhekeskus.messaging.models import OutgoingMessage
from perhekeskus.questions import retention, services
from perhekeskus.questions.models import Answerer, PublishedAnswer, Question, QuestionDesk
from perhekeskus.questions.tests.test_answering import ANSWER, answered, asked, publish

pytestmark = pytest.mark.django_db


def test_the_promise_counts_working_days():
    friday_evening = datetime.datetime(2026, 12, 4, 20, 0, tzinfo=HELSINKI)
    assert end_of_working_days(friday_evening, 3) == datetime.datetime(2026, 12, 10, tzinfo=HELSINKI)
    # Christmas Eve, Christmas Day and Boxing Day are no working days.
    before_christmas = datetime.datetime(2026, 12, 23, 9, 0, tzinfo=HELSINKI)
    assert end_of_working_days(before_christmas, 2) == datetime.datetime(2026, 12, 30, tzinfo=HELSINKI)


def test_a_coordinator_opens_the_service_and_appoints_members_of_the_networks_organisations(desks, signed_in):
    QuestionDesk.objects.all().delete()
    Answerer.objects.all().delete()
    client = signed_in(desks["coordinator"])
    url = reverse("questions:desk", args=[desks["network"].slug])
    page = client.get(url).content.decode()
    assert "Families cannot ask questions now" in page
    client.post(url, {"form": "desk", "is_open": "on", "promise_working_days": "4", "second_review": "on"})
    desk = QuestionDesk.objects.get(network=desks["network"])
    assert desk.is_open and desk.promise_working_days == 4 and desk.second_review
    response = client.post(
        url, {"form": "appoint", "person": str(desks["nurse"].pk), "title": "terveydenhoitaja"}
    )
    assert response.status_code == 302
    assert Answerer.objects.get(network=desks["network"]).user == desks["nurse"]
    assert "Families can ask questions now" in client.get(url).content.decode()
    # Someone of another network's organisation is not among the choices.
    response = client.post(url, {"form": "appoint", "person": str(desks["stranger"].pk), "title": "x"})
    assert response.status_code == 200 and Answerer.objects.count() == 1
    response = client.post(url, {"form": "desk", "promise_working_days": "99"})
    assert response.status_code == 200 and QuestionDesk.objects.get().promise_working_days == 4


def test_removing_an_answerer_returns_their_questions_to_the_queue(desks, signed_in):
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    answerer = Answerer.objects.get(user=desks["nurse"])
    signed_in(desks["coordinator"]).post(
        reverse("questions:desk", args=[desks["network"].slug]), {"form": "remove", "answerer": answerer.pk}
    )
    question.refresh_from_db()
    assert question.status == "waiting" and question.claimed_by is None
    assert not Answerer.objects.filter(user=desks["nurse"]).exists()


@pytest.mark.parametrize("who", ["nurse", "editor", "other_coordinator"])
def test_only_the_networks_coordinators_change_its_service(desks, signed_in, who):
    url = reverse("questions:desk", args=[desks["network"].slug])
    client = signed_in(desks[who])
    assert client.get(url).status_code == 404
    client.post(url, {"form": "desk", "promise_working_days": "9"})
    assert QuestionDesk.objects.get(network=desks["network"]).promise_working_days == 3


@override_settings(QUESTION_RETENTION_DAYS=180)
def test_questions_are_erased_after_the_retention_time_and_published_answers_stay(desks):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC), tick=False):
        old = answered(desks, notify_email="")
        published = publish(desks, old)
        waiting, _token = asked(desks["network"], notify_email="vanhempi@example.fi")
    with time_machine.travel(datetime.datetime(2026, 7, 3, 10, tzinfo=datetime.UTC), tick=False):
        recent, _token = asked(desks["network"])
        assert retention.erase_old_questions() == "0 questions erased."
    with time_machine.travel(datetime.datetime(2026, 7, 5, 10, tzinfo=datetime.UTC), tick=False):
        assert retention.erase_old_questions() == "2 questions erased."
    for question in (old, waiting):
        question.refresh_from_db()
        assert question.text == "" and question.answer == "" and question.notify_email == ""
        assert question.token_hash is None and question.erased_at is not None
        assert not question.services.exists()
    old.refresh_from_db()
    assert old.published and old.asked_at.year == 2026  # what stays counts in the figures
    recent.refresh_from_db()
    assert recent.text != ""
    assert PublishedAnswer.objects.get(pk=published.pk).answer == ANSWER
    assert not Question.objects.for_answerer(desks["nurse"]).filter(pk=old.pk).exists()


def test_erasing_forgets_a_notice_not_yet_sent(desks):
    question, _token = asked(desks["network"], notify_email="vanhempi@example.fi")
    services.question_claim(question=question, user=desks["nurse"])
    services.answer_write(question=question, user=desks["nurse"], answer=ANSWER)
    assert OutgoingMessage.objects.count() == 1
    services.questions_erase_before(timezone.now() + datetime.timedelta(seconds=1))
    assert not OutgoingMessage.objects.exists()


def test_answerers_are_reminded_of_waiting_questions_without_their_text(
    desks, django_capture_on_commit_callbacks
):
    from django.core import mail

    asked(desks["network"])
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.remind_answerers() == "2 answerers reminded of waiting questions."
    assert sorted(m.to[0] for m in mail.outbox) == ["counsellor@example.fi", "nurse@example.fi"]
    assert all("nuku" not in m.body for m in mail.outbox)
