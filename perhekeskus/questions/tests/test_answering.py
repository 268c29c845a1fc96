"""Answerers of a network answer its families' questions: the queue, taking a question, answering, a
second pair of eyes, the danger flag, publishing by decision. Another network's answerer, a member who
is no answerer, and a coordinator see nothing of it (a coordinator only a question flagged in danger)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from perhekeskus.catalog.opening_hours import HELSINKI
from perhekeskus.network.models import Membership
from perhekeskus.questions import services
from perhekeskus.questions.models import PublishedAnswer, Question, QuestionAuditEntry, QuestionDesk

pytestmark = pytest.mark.django_db

SLEEP = "Kaksivuotias lapsemme ei nuku öisin ja herää monta kertaa. Mitä voisimme kokeilla?"
ANSWER = "Moni kaksivuotias heräilee. Rauhallinen iltarutiini auttaa; neuvolassa voitte puhua lisää."


def asked(network, text=SLEEP, **values) -> tuple[Question, str]:
    values = {"language": "fi", "child_age_years": 2, **values}
    return services.question_ask(network=network, text=text, **values)


def answered(desks, **values) -> Question:
    question, _token = asked(desks["network"], **values)
    services.question_claim(question=question, user=desks["nurse"])
    services.answer_write(question=question, user=desks["nurse"], answer=ANSWER)
    return question


def test_the_queue_shows_the_networks_questions_with_how_long_they_have_waited(desks, signed_in):
    ours, _token = asked(desks["network"])
    theirs, _token = asked(desks["other"], text="Toisen verkoston kysymys murrosikäisestä nuoresta.")
    page = signed_in(desks["nurse"]).get(reverse("questions:queue")).content.decode()
    assert reverse("questions:detail", args=[ours.pk]) in page
    assert reverse("questions:detail", args=[theirs.pk]) not in page
    # The last day of the promise (due_at is the midnight that ends it).
    assert f"{ours.due_on.day}.{ours.due_on.month}.{ours.due_on.year}" in page
    assert ours.due_on == (ours.due_at - datetime.timedelta(days=1)).astimezone(HELSINKI).date()
    # The text itself is only on the question's page, where reading it is recorded.
    assert "herää monta kertaa" not in page


def test_the_queue_filters_by_topic_and_age(desks, signed_in):
    from perhekeskus.catalog.models import LifeSituation

    teen, _token = asked(
        desks["network"], child_age_years=15, topic=LifeSituation.objects.get(code="teenager")
    )
    baby, _token = asked(desks["network"], child_age_years=0)
    client = signed_in(desks["nurse"])
    page = client.get(reverse("questions:queue"), {"topic": "teenager"}).content.decode()
    assert str(teen.pk) in page and str(baby.pk) not in page
    page = client.get(reverse("questions:queue"), {"age": "baby"}).content.decode()
    assert str(baby.pk) in page and str(teen.pk) not in page


@pytest.mark.parametrize("who", ["stranger", "editor", "coordinator", "other_coordinator"])
def test_others_see_no_question(desks, signed_in, who):
    question, _token = asked(desks["network"])
    client = signed_in(desks[who])
    if who in ("editor", "coordinator", "other_coordinator"):  # not answerers anywhere
        assert client.get(reverse("questions:queue")).status_code == 403
    for name in ("detail",):
        assert client.get(reverse(f"questions:{name}", args=[question.pk])).status_code == 404
    for name in ("claim", "answer", "flag", "publish", "approve", "release", "return"):
        assert (
            client.post(reverse(f"questions:{name}", args=[question.pk]), {"answer": "x"}).status_code == 404
        )
    question.refresh_from_db()
    assert question.status == Question.Status.WAITING and question.answer == ""
    assert not QuestionAuditEntry.objects.filter(question_id=question.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, desks):
    question, _token = asked(desks["network"])
    for url in (reverse("questions:queue"), reverse("questions:detail", args=[question.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("workspace:sign_in") in response["Location"]


def test_an_answerer_who_left_the_organisation_sees_nothing(desks, signed_in):
    question, _token = asked(desks["network"])
    Membership.objects.filter(user=desks["nurse"]).delete()
    client = signed_in(desks["nurse"])
    assert client.get(reverse("questions:queue")).status_code == 403
    assert client.get(reverse("questions:detail", args=[question.pk])).status_code == 404


def test_opening_a_question_is_recorded(desks, signed_in):
    question, _token = asked(desks["network"])
    page = signed_in(desks["nurse"]).get(reverse("questions:detail", args=[question.pk])).content.decode()
    assert "herää monta kertaa" in page
    entry = QuestionAuditEntry.objects.get(question_id=question.pk)
    assert entry.action == "read" and entry.actor_email == "nurse@example.fi"
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        QuestionAuditEntry.objects.all().delete()


def test_take_answer_and_the_family_reads_it(client, desks, signed_in):
    question, token = asked(desks["network"])
    staff = signed_in(desks["nurse"])
    assert staff.post(reverse("questions:claim", args=[question.pk])).status_code == 302
    response = staff.post(reverse("questions:answer", args=[question.pk]), {"answer": ANSWER})
    assert response.status_code == 302
    question.refresh_from_db()
    assert (
        question.status == "answered"
        and question.answer == ANSWER
        and question.answered_as == "terveydenhoitaja"
    )
    client.logout()
    page = client.get(reverse("question_private", args=[token])).content.decode()
    assert "Rauhallinen iltarutiini auttaa" in page
    question.refresh_from_db()
    assert question.read_at is not None


def test_two_answerers_cannot_take_the_same_question(desks):
    question, _token = asked(desks["network"])
    late = Question.objects.get(pk=question.pk)
    services.question_claim(question=question, user=desks["nurse"])
    with pytest.raises(ValidationError):
        services.question_claim(question=late, user=desks["counsellor"])
    with pytest.raises(PermissionDenied):  # only who took it answers
        services.answer_write(
            question=Question.objects.get(pk=question.pk), user=desks["counsellor"], answer="x"
        )
    assert Question.objects.get(pk=question.pk).claimed_by == desks["nurse"]


def test_a_question_given_back_returns_to_the_queue(desks, signed_in):
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    signed_in(desks["nurse"]).post(reverse("questions:release", args=[question.pk]))
    question.refresh_from_db()
    assert question.status == "waiting" and question.claimed_by is None


def test_where_the_network_wants_it_a_second_answerer_approves_before_the_family_sees_it(
    client, desks, signed_in, django_capture_on_commit_callbacks
):
    QuestionDesk.objects.filter(network=desks["network"]).update(second_review=True)
    question, token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_write(question=question, user=desks["nurse"], answer=ANSWER)
    assert question.status == "in-review"
    assert [m.to for m in mail.outbox] == [["counsellor@example.fi"]]
    assert "Rauhallinen" not in client.get(reverse("question_private", args=[token])).content.decode()
    with pytest.raises(ValidationError):  # not by the writer
        services.answer_approve(question=question, user=desks["nurse"], answer=ANSWER)
    staff = signed_in(desks["counsellor"])
    page = staff.get(reverse("questions:queue")).content.decode()
    assert str(question.pk) in page
    edited = ANSWER + " Lämpimästi tervetuloa perhekahvilaan."
    staff.post(reverse("questions:approve", args=[question.pk]), {"answer": edited})
    question.refresh_from_db()
    assert question.status == "answered" and question.approved_by == desks["counsellor"]
    client.logout()
    assert "perhekahvilaan" in client.get(reverse("question_private", args=[token])).content.decode()


def test_the_reviewer_sends_an_answer_back_with_a_note(desks, signed_in, django_capture_on_commit_callbacks):
    QuestionDesk.objects.filter(network=desks["network"]).update(second_review=True)
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    services.answer_write(question=question, user=desks["nurse"], answer=ANSWER)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_return(question=question, user=desks["counsellor"], note="Lisää unikoulusta.")
    question.refresh_from_db()
    assert question.status == "claimed" and question.claimed_by == desks["nurse"]
    # The note may quote the family: kept with the question (and erased with it), not in the e-mail or log.
    assert question.return_note == "Lisää unikoulusta."
    assert mail.outbox[0].to == ["nurse@example.fi"] and "unikoulu" not in mail.outbox[0].body
    assert not QuestionAuditEntry.objects.filter(detail__contains="unikoulu").exists()
    page = signed_in(desks["nurse"]).get(reverse("questions:detail", args=[question.pk])).content.decode()
    assert "Lisää unikoulusta." in page
    services.answer_write(question=question, user=desks["nurse"], answer=ANSWER + " Unikoulusta lisää.")
    services.answer_approve(question=question, user=desks["counsellor"], answer=question.answer)
    question.refresh_from_db()
    assert question.status == "answered" and question.return_note == ""


def test_a_question_in_danger_tells_the_coordinators_and_shows_the_family_the_emergency_route(
    client, desks, signed_in, django_capture_on_commit_callbacks
):
    question, token = asked(
        desks["network"], text="Puolisoni lyö minua ja lapset näkevät sen. En uskalla soittaa."
    )
    staff = signed_in(desks["nurse"])
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("questions:flag", args=[question.pk]))
    question.refresh_from_db()
    assert question.in_danger and question.in_danger_flagged_by == desks["nurse"]
    assert [m.to for m in mail.outbox] == [["coordinator@example.fi"]]
    assert "lyö" not in mail.outbox[0].body  # a link only
    assert QuestionAuditEntry.objects.filter(question_id=question.pk, action="flag").exists()
    # The coordinator may open it (recorded), though no answerer; the other network's may not.
    coordinator = signed_in(desks["coordinator"])
    page = coordinator.get(reverse("questions:detail", args=[question.pk])).content.decode()
    assert "lapset näkevät" in page and "nurse@example.fi" in page  # who saw and handled it
    assert QuestionAuditEntry.objects.filter(
        question_id=question.pk, actor_email="coordinator@example.fi"
    ).exists()
    assert (
        signed_in(desks["other_coordinator"]).get(reverse("questions:detail", args=[question.pk])).status_code
        == 404
    )
    services.question_claim(question=question, user=desks["nurse"])
    services.answer_write(question=question, user=desks["nurse"], answer="Olet tärkeä. Soita Nollalinjalle.")
    client.logout()
    page = client.get(reverse("question_private", args=[token])).content.decode()
    assert 'href="tel:112"' in page and "emergency-route" in page
    with pytest.raises(ValidationError):
        services.answer_publish(
            question=question,
            user=desks["nurse"],
            title="t",
            question_text="q",
            answer_text="a",
            language="fi",
        )


def publish(desks, question, **values):
    return services.answer_publish(
        question=question,
        user=values.pop("user", desks["nurse"]),
        title=values.pop("title", "Kaksivuotias ei nuku öisin"),
        question_text=values.pop(
            "question_text", "Lapsemme heräilee öisin monta kertaa. Mitä voisimme kokeilla?"
        ),
        answer_text=values.pop("answer_text", ANSWER),
        language=values.pop("language", "fi"),
        **values,
    )


def test_nothing_is_published_without_an_answerers_decision(client, desks):
    question = answered(desks)
    assert not PublishedAnswer.objects.exists()
    assert client.get(reverse("library")).status_code == 200
    published = publish(desks, question)
    assert {f.name for f in PublishedAnswer._meta.get_fields()}.isdisjoint({"question_id", "source", "asked"})
    assert not any(getattr(f, "related_model", None) is Question for f in PublishedAnswer._meta.get_fields())
    page = client.get(reverse("library_answer", args=[published.pk])).content.decode()
    assert "Kaksivuotias ei nuku öisin" in page and "terveydenhoitaja" in page
    with pytest.raises(ValidationError):  # once
        publish(desks, question)


def test_a_family_that_said_no_is_never_published(desks):
    question = answered(desks, refuses_publishing=True)
    with pytest.raises(ValidationError):
        publish(desks, question)
    assert not PublishedAnswer.objects.exists()


def test_what_identifies_a_family_is_refused_in_a_published_text(desks, signed_in):
    question = answered(desks)
    with pytest.raises(ValidationError) as refused:
        publish(desks, question, question_text="Eetu heräilee öisin, soittakaa 040 123 4567.")
    assert "question" in refused.value.message_dict
    response = signed_in(desks["nurse"]).post(
        reverse("questions:publish", args=[question.pk]),
        {"title": "Uni", "question": "Eetu heräilee öisin.", "answer": ANSWER, "language": "fi"},
    )
    assert response.status_code == 400 and not PublishedAnswer.objects.exists()
    assert "Take it out before publishing" in response.content.decode()


def test_only_an_answerer_of_the_network_publishes(desks):
    question = answered(desks)
    with pytest.raises(PermissionDenied):
        publish(desks, question, user=desks["stranger"])


def test_the_library_is_found_in_everyday_words_beside_the_services(
    client, desks, django_capture_on_commit_callbacks
):
    from perhekeskus.catalog.models import LifeSituation

    question = answered(desks, topic=LifeSituation.objects.get(code="baby"))
    published = publish(desks, question, topic=LifeSituation.objects.get(code="baby"), age_group="small")
    for words in ("lapsi ei nuku", "heräilee yöllä", "uniongelmat"):
        page = client.get(reverse("search"), {"q": words}).content.decode()
        assert reverse("library_answer", args=[published.pk]) in page, words
    page = client.get(reverse("search"), {"q": "harrastukset koululaiselle"}).content.decode()
    assert reverse("library_answer", args=[published.pk]) not in page
    page = client.get(reverse("library"), {"q": "ei nuku"}).content.decode()
    assert reverse("library_answer", args=[published.pk]) in page
    page = client.get(reverse("library"), {"topic": "teenager"}).content.decode()
    assert reverse("library_answer", args=[published.pk]) not in page
    with django_capture_on_commit_callbacks(execute=True):  # the public pages move on when it commits
        services.published_withdraw(answer=published, user=desks["nurse"])
    assert client.get(reverse("library_answer", args=[published.pk])).status_code == 404
    page = client.get(reverse("search"), {"q": "lapsi ei nuku"}).content.decode()
    assert reverse("library_answer", args=[published.pk]) not in page


def test_the_answer_links_services_of_the_network_only(desks):
    from perhekeskus.catalog.tests import factories

    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    elsewhere = factories.service(
        organization=factories.organization(name_fi="Muu ry"), name_fi="Muu palvelu"
    )
    with pytest.raises(ValidationError):
        services.answer_write(question=question, user=desks["nurse"], answer=ANSWER, services=[elsewhere])
    services.answer_write(question=question, user=desks["nurse"], answer=ANSWER, services=[desks["service"]])
    assert list(question.services.all()) == [desks["service"]]


def test_templates_are_the_networks_own(desks, signed_in):
    template = services.template_save(
        network=desks["network"], user=desks["nurse"], title="Uni", body="Unesta…"
    )
    assert (
        signed_in(desks["counsellor"]).get(reverse("questions:template_edit", args=[template.pk])).status_code
        == 200
    )
    assert (
        signed_in(desks["stranger"]).get(reverse("questions:template_edit", args=[template.pk])).status_code
        == 404
    )
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    # Adding a template, or finding services, keeps what was written and saves nothing.
    staff = signed_in(desks["nurse"])
    url = reverse("questions:detail", args=[question.pk])
    written = "Hei!\r\nKiitos kysymyksestä."
    page = staff.post(url, {"answer": written, "do": "template", "template": template.pk}).content.decode()
    assert "Hei!\nKiitos kysymyksestä.\n\nUnesta…" in page
    page = staff.post(url, {"answer": written, "do": "find", "services_for": "perhekahvila"}).content.decode()
    assert "Kiitos kysymyksestä." in page
    question.refresh_from_db()
    assert question.answer == "" and question.status == "claimed"
    # Someone of another network cannot use it to read the question.
    assert signed_in(desks["stranger"]).post(url, {"do": "find"}).status_code == 404


def test_every_staff_route_is_refused_to_the_signed_out_and_to_those_who_answer_nowhere(
    client, desks, signed_in
):
    from django.urls import URLPattern

    from perhekeskus.questions import urls
    from perhekeskus.questions.models import AnswerTemplate

    question, _token = asked(desks["network"])
    template = AnswerTemplate.objects.create(network=desks["network"], title="Uni", body="Unesta")
    published = publish(desks, answered(desks))
    arguments = {
        "queue": [], "detail": [question.pk], "claim": [question.pk], "release": [question.pk],
        "answer": [question.pk], "approve": [question.pk], "return": [question.pk], "flag": [question.pk],
        "publish": [question.pk], "template_list": [], "template_create": [], "template_edit": [template.pk],
        "published_withdraw": [published.pk], "desks": [], "desk": [desks["network"].slug],
    }  # fmt: skip
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(arguments), "a new route needs a permission test"
    posts = {"claim", "release", "answer", "approve", "return", "flag", "publish", "published_withdraw"}
    for name in sorted(names):
        url = reverse(f"questions:{name}", args=arguments[name])
        response = client.post(url) if name in posts else client.get(url)
        assert response.status_code == 302 and reverse("workspace:sign_in") in response["Location"], name
    staff = signed_in(desks["editor"])  # a member of the network's organisation, no answerer, no coordinator
    for name in sorted(names):
        url = reverse(f"questions:{name}", args=arguments[name])
        response = staff.post(url, {"answer": "x", "form": "desk"}) if name in posts else staff.get(url)
        assert response.status_code in (403, 404), (name, response.status_code)
    question.refresh_from_db()
    assert question.status == "waiting"
    assert PublishedAnswer.objects.get(pk=published.pk).withdrawn_at is None


def test_nonsense_in_the_forms_and_addresses_is_refused_without_an_error(client, desks, signed_in):
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    staff = signed_in(desks["nurse"])
    response = staff.post(
        reverse("questions:answer", args=[question.pk]), {"answer": ANSWER, "services": ["x", "1' OR 1=1"]}
    )
    # Refused, with the answer as written still in the form.
    assert response.status_code == 400 and "Rauhallinen iltarutiini auttaa" in response.content.decode()
    question.refresh_from_db()
    assert question.status == "claimed" and question.answer == ""
    coordinator = signed_in(desks["coordinator"])
    url = reverse("questions:desk", args=[desks["network"].slug])
    for answerer in ("x", "99999999999999999999999", ""):
        assert coordinator.post(url, {"form": "remove", "answerer": answerer}).status_code == 404
    client.logout()
    assert client.get("/answers/99999999999999999999999/").status_code == 404
    assert (
        client.get(reverse("library"), {"age": "x", "topic": "<script>", "q": "a" * 5000}).status_code == 200
    )


def test_published_answers_are_in_the_sitemap(client, desks):
    published = publish(desks, answered(desks))
    assert "/sitemap-answers.xml" in client.get("/sitemap.xml").content.decode()
    assert (
        reverse("library_answer", args=[published.pk]) in client.get("/sitemap-answers.xml").content.decode()
    )


def test_with_a_second_pair_of_eyes_but_no_other_answerer_the_family_is_not_left_waiting(desks):
    from perhekeskus.questions.models import Answerer

    QuestionDesk.objects.filter(network=desks["network"]).update(second_review=True)
    # Waiting for approval when the only other answerer leaves: the writer may approve it.
    waiting, _token = asked(desks["network"])
    services.question_claim(question=waiting, user=desks["nurse"])
    services.answer_write(question=waiting, user=desks["nurse"], answer=ANSWER)
    assert waiting.status == "in-review"
    with pytest.raises(ValidationError):
        services.answer_approve(question=waiting, user=desks["nurse"], answer=ANSWER)
    Answerer.objects.filter(user=desks["counsellor"]).delete()
    services.answer_approve(question=waiting, user=desks["nurse"], answer=ANSWER)
    assert Question.objects.get(pk=waiting.pk).status == "answered"
    # Written now: to the family at once, recorded.
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    services.answer_write(question=question, user=desks["nurse"], answer=ANSWER)
    assert Question.objects.get(pk=question.pk).status == "answered"
    entry = QuestionAuditEntry.objects.get(question_id=question.pk, action="answer")
    assert entry.detail == "no other answerer to approve it"


def test_an_answer_sent_back_to_a_writer_who_left_returns_to_the_queue(desks):
    QuestionDesk.objects.filter(network=desks["network"]).update(second_review=True)
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    services.answer_write(question=question, user=desks["nurse"], answer=ANSWER)
    Membership.objects.filter(user=desks["nurse"]).delete()
    services.answer_return(question=question, user=desks["counsellor"], note="Lyhyemmin.")
    question.refresh_from_db()
    assert question.status == "waiting" and question.claimed_by is None


def test_a_question_asked_on_an_english_page_in_finnish_is_published_in_finnish(client, desks, signed_in):
    question = answered(desks, language="en")
    staff = signed_in(desks["nurse"])
    page = staff.get(reverse("questions:detail", args=[question.pk])).content.decode()
    assert '<option value="en" selected>' in page  # the page's language, for the answerer to confirm
    response = staff.post(
        reverse("questions:publish", args=[question.pk]),
        {
            "title": "Kaksivuotias heräilee",
            "question": "Lapsemme heräilee yöllä.",
            "answer": ANSWER,
            "language": "fi",
        },
    )
    published = PublishedAnswer.objects.get()
    assert response.status_code == 302 and published.language == "fi"
    assert "heräillä" in published.terms.split()  # read as Finnish, by its base forms
    assert 'lang="fi"' in client.get(reverse("library_answer", args=[published.pk])).content.decode()


@pytest.mark.parametrize("how", ["left the organisation", "account closed", "account deleted"])
def test_a_question_held_by_someone_who_no_longer_answers_can_be_taken_again(desks, signed_in, how):
    question, _token = asked(desks["network"])
    services.question_claim(question=question, user=desks["nurse"])
    if how == "left the organisation":
        Membership.objects.filter(user=desks["nurse"]).delete()
    elif how == "account closed":
        type(desks["nurse"]).objects.filter(pk=desks["nurse"].pk).update(is_active=False)
    else:
        desks["nurse"].delete()
    client = signed_in(desks["counsellor"])
    page = client.get(reverse("questions:queue")).content.decode()
    assert (
        reverse("questions:detail", args=[question.pk])
        in page.split('id="waiting-heading"')[1].split("</section>")[0]
    )
    assert (
        "Take this question to answer"
        in client.get(reverse("questions:detail", args=[question.pk])).content.decode()
    )
    client.post(reverse("questions:claim", args=[question.pk]))
    question.refresh_from_db()
    assert question.status == "claimed" and question.claimed_by == desks["counsellor"]
    with pytest.raises(ValidationError):  # held by a serving answerer now: nobody else takes it
        services.question_claim(question=Question.objects.get(pk=question.pk), user=desks["counsellor"])


def test_a_second_click_publishes_and_flags_once(desks, django_capture_on_commit_callbacks):
    question = answered(desks)
    stale = Question.objects.get(pk=question.pk)
    publish(desks, question)
    with pytest.raises(ValidationError):
        publish(desks, stale)
    assert PublishedAnswer.objects.count() == 1
    other, _token = asked(desks["network"])
    stale = Question.objects.get(pk=other.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.danger_flag(question=other, user=desks["nurse"])
        services.danger_flag(question=stale, user=desks["counsellor"])
    assert QuestionAuditEntry.objects.filter(question_id=other.pk, action="flag").count() == 1
    assert len(mail.outbox) == 1


def test_public_service_names_are_published_when_the_answerer_confirms_them(desks):
    question = answered(desks)
    text = "Soittakaa Siun soten perheneuvolaan tai Lasten ja nuorten puhelimeen 116 111."
    with pytest.raises(ValidationError):
        publish(desks, question, answer_text=text)
    published = publish(desks, question, answer_text=text, public_details=True)
    assert published.answer == text


def test_a_withdrawn_answer_loses_its_texts(client, desks, signed_in):
    published = publish(desks, answered(desks))
    page = (
        signed_in(desks["coordinator"]).get(reverse("library_answer", args=[published.pk])).content.decode()
    )
    assert reverse("questions:published_withdraw", args=[published.pk]) in page
    response = signed_in(desks["coordinator"]).post(
        reverse("questions:published_withdraw", args=[published.pk])
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert (
        published.withdrawn_at and published.answer == "" and published.title == "" and published.terms == ""
    )
    client.logout()
    page = client.get(reverse("library")).content.decode()
    assert reverse("library_answer", args=[published.pk]) not in page
