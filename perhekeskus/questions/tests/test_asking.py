"""A family asks without an account, by the form (no JavaScript needed), and reads the answer by its
private link."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from perhekeskus.messaging.models import OutgoingMessage
from perhekeskus.questions import services
from perhekeskus.questions.models import Question, QuestionDesk

pytestmark = pytest.mark.django_db

SLEEP = "Kaksivuotias lapsemme ei nuku öisin ja herää monta kertaa. Mitä voisimme kokeilla?"


def ask(client, **values):
    data = {"text": SLEEP, "municipality": "422", "child_age": "2", "topic": "", **values}
    return client.post(reverse("ask"), data)


def token_of(response) -> str:
    assert response.status_code == 302, response.content.decode()[:3000]
    return re.fullmatch(r"/en/questions/([\w-]+)/", response["Location"]).group(1)


def test_nobody_is_offered_asking_where_no_network_takes_questions(client, people):
    QuestionDesk.objects.create(network=people["network"], is_open=True)  # open, but nobody answers
    page = client.get(reverse("ask")).content.decode()
    assert "No family centre takes questions at the moment" in page
    assert 'name="text"' not in page
    assert reverse("ask") not in client.get(reverse("helplines")).content.decode()
    response = client.post(reverse("ask"), {"text": SLEEP})
    assert response.status_code == 200 and not Question.objects.exists()


def test_the_page_says_who_answers_how_soon_and_that_it_is_not_for_emergencies(client, desks):
    page = client.get(reverse("ask")).content.decode()
    assert "Pohjois-Karjala" in page and "within 3 working days" in page
    assert 'href="tel:112"' in page
    assert "may be published" in page
    # Every page offers asking once a network takes questions.
    assert f'href="{reverse("ask")}"' in client.get(reverse("helplines")).content.decode()


def test_a_question_is_stored_encrypted_and_read_back_by_its_private_link(client, desks):
    token = token_of(ask(client))
    question = Question.objects.get()
    assert question.network == desks["network"] and question.municipality.code == "422"
    assert question.child_age_years == 2 and question.text == SLEEP and not question.screened
    assert question.token_hash == Question.hash_of(token) and token not in question.token_hash
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM questions_question")
        assert "nuku" not in cursor.fetchone()[0]
    response = client.get(reverse("question_private", args=[token]))
    page = response.content.decode()
    assert response.status_code == 200 and "herää monta kertaa" in page
    assert "Save the address of this page" in page
    assert response["Referrer-Policy"] == "same-origin" and "noindex" in response["X-Robots-Tag"]
    assert client.get(reverse("question_private", args=["not-a-token"])).status_code == 404


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Soita minulle numeroon 040 123 4567, lapseni ei nuku öisin lainkaan.", "a phone number"),
        ("Lapseni 131052-308T ei nuku öisin lainkaan, mitä tehdä nyt?", "an identity code"),
        ("Vastatkaa osoitteeseen perhe.virtanen@example.com kiitos, lapsi ei nuku.", "an e-mail address"),
        ("Poikamme Eetu ei nuku öisin lainkaan ja olemme väsyneitä.", "a name"),
    ],
)
def test_personal_details_are_taken_out_and_shown_to_the_family_before_anything_is_stored(
    client, desks, written, kind
):
    response = ask(client, text=written)
    page = response.content.decode()
    assert response.status_code == 400 and kind in page
    assert not Question.objects.exists()
    shown = re.search(r'<textarea name="text"[^>]*>\s*(.*?)</textarea>', page, re.S).group(1)
    assert "[…]" in shown
    for detail in ("040 123 4567", "131052-308T", "perhe.virtanen@example.com", "Eetu"):
        assert detail not in shown
    token_of(ask(client, text=shown))  # sent as shown
    assert "[…]" in Question.objects.get().text


def test_the_municipality_tells_which_network_answers(client, desks):
    response = ask(client, municipality="")
    assert response.status_code == 400
    assert "Choose your municipality" in response.content.decode()
    token_of(ask(client, municipality="276"))
    assert Question.objects.get().network == desks["other"]
    assert ask(client, municipality="091").status_code == 400  # not a choice


def test_with_one_network_taking_questions_the_municipality_may_be_left_out(client, desks):
    QuestionDesk.objects.filter(network=desks["other"]).update(is_open=False)
    token_of(ask(client, municipality=""))
    assert Question.objects.get().network == desks["network"]


def test_bad_input_gets_specific_errors(client, desks):
    response = ask(client, text="apua", child_age="99", notify_email="not an address")
    page = response.content.decode()
    assert response.status_code == 400 and not Question.objects.exists()
    for field in ("text", "child_age", "notify_email"):
        assert f'id="id_{field}_error"' in page


def test_a_robot_filling_the_hidden_field_stores_nothing(client, desks):
    assert ask(client, website="http://spam.example").status_code == 302
    assert not Question.objects.exists()


@override_settings(QUESTIONS_PER_HOUR=2)
def test_a_device_asks_at_most_so_many_questions_an_hour(client, desks):
    token_of(ask(client))
    token_of(ask(client))
    response = ask(client)
    assert response.status_code == 429 and Question.objects.count() == 2


def test_the_e_mail_is_used_once_for_the_notice_with_the_link_then_deleted(client, desks):
    token = token_of(ask(client, notify_email="vanhempi@example.fi"))
    question = Question.objects.get()
    assert question.notify_email == "vanhempi@example.fi"
    services.question_claim(question=question, user=desks["nurse"])
    services.answer_write(
        question=question, user=desks["nurse"], answer="Kokeilkaa rauhallista iltarutiinia."
    )
    message = OutgoingMessage.objects.get()
    assert message.recipient == "vanhempi@example.fi"
    assert reverse("question_private", args=[token]) in message.body
    question.refresh_from_db()
    assert question.notify_email == "" and question.notify_token == ""
    page = client.get(reverse("question_private", args=[token])).content.decode()
    assert "Kokeilkaa rauhallista iltarutiinia." in page and "terveydenhoitaja" in page


def test_the_family_deletes_its_question(client, desks):
    token = token_of(ask(client, notify_email="vanhempi@example.fi"))
    response = client.post(reverse("question_private", args=[token]), {"delete": "1"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.text == "" and question.token_hash is None and question.status == "withdrawn"
    assert client.get(reverse("question_private", args=[token])).status_code == 404


def test_the_private_link_stays_out_of_the_request_log(client, desks, caplog):
    token = token_of(ask(client))
    with caplog.at_level("INFO", logger="perhekeskus.request"):
        client.get(reverse("question_private", args=[token]))
        client.get(reverse("question_private", args=[token + "x"]))
    logged = " ".join(record.getMessage() + str(getattr(record, "path", "")) for record in caplog.records)
    assert "/questions/<token>/" in logged and token not in logged


def test_a_refused_form_on_the_private_page_logs_no_token(desks, caplog):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    token = token_of(ask(Client()))
    with caplog.at_level("WARNING", logger="django.security.csrf"):
        response = browser.post(reverse("question_private", args=[token]), {"delete": "1"})
    assert response.status_code == 403 and Question.objects.get().text  # nothing deleted
    logged = " ".join(
        record.getMessage() for record in caplog.records if record.name == "django.security.csrf"
    )
    assert "<token>" in logged and token not in logged
