"""Writes of the questions service: a family's question and its withdrawal, the answerers' steps
(claim, answer, approve, flag, publish), the coordinators' settings, retention. Each step is atomic,
moves a question only from the state it was read in (two answerers cannot both take one), and writes
the audit log; e-mails to staff carry a link only, never what a family wrote."""

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.opening_hours import end_of_working_days
from perhekeskus.core.mail import absolute_url, mail_on_commit
from perhekeskus.messaging import services as messaging
from perhekeskus.network.models import Membership, Network
from perhekeskus.questions import library, screening, selectors
from perhekeskus.questions.models import (
    AgeGroup,
    Answerer,
    AnswerTemplate,
    PublishedAnswer,
    Question,
    QuestionAuditEntry,
    QuestionDesk,
)

Status = Question.Status
Action = QuestionAuditEntry.Action
MAX_LINKED_SERVICES = 5


def plain_text(text: str) -> str:
    """A text as written in a form, with the browser's line ends made plain ones."""
    return text.replace("\r\n", "\n").strip()


def audit_record(*, actor, action: str, question_id, detail: str = "") -> None:
    QuestionAuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        question_id=question_id,
        detail=detail[:300],
    )


# --- The family ---------------------------------------------------------------------------------------


@transaction.atomic
def question_ask(
    *,
    network: Network,
    text: str,
    language: str,
    child_age_years: int | None = None,
    municipality=None,
    topic=None,
    refuses_publishing: bool = False,
    notify_email: str = "",
) -> tuple[Question, str]:
    """The question as screened (whatever the form showed), and the token of the family's private link."""
    desk = selectors.desk_taking_questions(network)
    if desk is None:
        raise ValidationError(_("This network does not take questions at the moment."))
    clean, found = screening.screen(text)
    token = secrets.token_urlsafe(24)
    now = timezone.now()
    question = Question.objects.create(
        network=network,
        token_hash=Question.hash_of(token),
        text=clean,
        # Screened here, or by the form before (the family sent the text with the placeholders in it).
        screened=bool(found) or screening.PLACEHOLDER in clean,
        child_age_years=child_age_years,
        municipality=municipality,
        topic=topic,
        language=language,
        family_refuses_publishing=refuses_publishing,
        notify_email=notify_email.strip(),
        notify_token=token if notify_email.strip() else "",
        asked_at=now,
        due_at=end_of_working_days(now, desk.promise_working_days),
    )
    return question, token


@transaction.atomic
def question_read_by_family(*, question: Question) -> None:
    if question.status == Status.ANSWERED and question.read_at is None:
        Question.objects.filter(pk=question.pk, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def question_withdraw(*, question: Question) -> None:
    """The family deletes its question: what it wrote, the answer and its address go at once. The row
    stays, without them, for the audit log's references; the figures leave it out (the family took the
    question back)."""
    _erase(Question.objects.filter(pk=question.pk), status=Status.WITHDRAWN, detail="deleted by the family")


# --- The answerers ------------------------------------------------------------------------------------


def _moved(question: Question, condition: Q, **changes) -> None:
    """Moves the question only if it still meets `condition` (its state, who holds it), as read now in
    the database: else someone was first."""
    moved = Question.objects.filter(condition, pk=question.pk, erased_at__isnull=True).update(**changes)
    if not moved:
        raise ValidationError(_("Someone else changed this question a moment ago. Reload the page."))
    for name, value in changes.items():
        setattr(question, name, value)


def _answerer(question: Question, user) -> Answerer:
    answerer = selectors.answerer_of(user, question.network_id)
    if answerer is None:
        raise PermissionDenied
    return answerer


@transaction.atomic
def question_claim(*, question: Question, user) -> None:
    _answerer(question, user)
    waiting = Q(status=Status.WAITING) | Question.objects.lapsed_claim()
    _moved(question, waiting, status=Status.CLAIMED, claimed_by=user, claimed_at=timezone.now())
    audit_record(actor=user, action=Action.CLAIM, question_id=question.pk)


@transaction.atomic
def question_release(*, question: Question, user) -> None:
    """The answerer gives the question back to the queue."""
    _answerer(question, user)
    if question.claimed_by_id != user.pk:
        raise PermissionDenied
    _moved(question, _held_by(user), status=Status.WAITING, claimed_by=None, claimed_at=None)
    audit_record(actor=user, action=Action.RELEASE, question_id=question.pk)


def _held_by(user) -> Q:
    return Q(status=Status.CLAIMED, claimed_by=user)


def _checked_services(question: Question, services: Iterable[Service]) -> list[Service]:
    services = list(services)
    if len(services) > MAX_LINKED_SERVICES:
        raise ValidationError(_("Link at most %(count)d services.") % {"count": MAX_LINKED_SERVICES})
    allowed = set(
        selectors.linkable_services(question.network)
        .filter(pk__in=[s.pk for s in services])
        .values_list("pk", flat=True)
    )
    if any(s.pk not in allowed for s in services):
        raise ValidationError(_("Link only services of this network that families can see."))
    return services


@transaction.atomic
def answer_write(*, question: Question, user, answer: str, services: Iterable[Service] = ()) -> None:
    """The answer of the answerer who took the question: to the family at once, or to a second answerer
    first where the network wants it (at once, recorded, when no other answerer serves: the family is
    not left waiting for someone who is not there)."""
    answerer = _answerer(question, user)
    if question.claimed_by_id != user.pk:
        raise PermissionDenied
    answer = plain_text(answer)
    if not answer:
        raise ValidationError(_("Write the answer first."))
    services = _checked_services(question, services)
    now = timezone.now()
    desk = selectors.desk_of(question.network)
    wanted = desk is not None and desk.second_review
    reviewed = wanted and selectors.another_answerer_serves(question.network, user)
    _moved(
        question,
        _held_by(user),
        status=Status.IN_REVIEW if reviewed else Status.ANSWERED,
        answer=answer,
        answered_by=user,
        answered_as=answerer.title,
        written_at=now,
        answered_at=None if reviewed else now,
    )
    question.services.set(services)
    detail = "no other answerer to approve it" if wanted and not reviewed else ""
    audit_record(actor=user, action=Action.ANSWER, question_id=question.pk, detail=detail)
    if reviewed:
        _tell_reviewers(question, user)
    else:
        _tell_family(question)


@transaction.atomic
def answer_approve(*, question: Question, user, answer: str, services: Iterable[Service] = ()) -> None:
    """A second answerer approves the answer (as they may have edited it): the family can read it. Its
    writer may, only when no other answerer serves any more (else the family would wait for no one)."""
    _answerer(question, user)
    if question.answered_by_id == user.pk and selectors.another_answerer_serves(question.network, user):
        raise ValidationError(_("Another answerer must approve your answer."))
    answer = plain_text(answer)
    if not answer:
        raise ValidationError(_("Write the answer first."))
    services = _checked_services(question, services)
    _moved(
        question,
        Q(status=Status.IN_REVIEW),
        status=Status.ANSWERED,
        answer=answer,
        approved_by=user,
        answered_at=timezone.now(),
        return_note="",
    )
    question.services.set(services)
    audit_record(actor=user, action=Action.APPROVE, question_id=question.pk)
    _tell_family(question)


@transaction.atomic
def answer_return(*, question: Question, user, note: str) -> None:
    """The reviewer sends the answer back to its writer with a note, kept with the question (it may
    quote the family: erased with it, never in the audit log or an e-mail)."""
    _answerer(question, user)
    if question.answered_by_id == user.pk:
        raise PermissionDenied
    note = plain_text(note)
    writer = question.answered_by
    in_review = Q(status=Status.IN_REVIEW)
    if writer is not None and selectors.answerer_of(writer, question.network_id) is not None:
        _moved(
            question, in_review, status=Status.CLAIMED, claimed_by=writer, claimed_at=timezone.now(),
            return_note=note,
        )  # fmt: skip
    else:  # the writer no longer answers here: back to the queue, for anyone
        _moved(question, in_review, status=Status.WAITING, claimed_by=None, claimed_at=None, return_note=note)
    audit_record(actor=user, action=Action.RETURN, question_id=question.pk)
    if question.status == Status.CLAIMED and writer.email:
        mail_on_commit(
            to=writer.email,
            template="questions/email/returned",
            context={"url": absolute_url("questions:detail", question.pk)},
        )


@transaction.atomic
def danger_flag(*, question: Question, user) -> None:
    """A family that may be in danger: the answer shows the emergency route, the answer cannot be
    published, and the network's coordinators are told."""
    _answerer(question, user)
    flagged = Question.objects.filter(pk=question.pk, in_danger=False, erased_at__isnull=True).update(
        in_danger=True, in_danger_flagged_by=user
    )
    if not flagged:  # flagged already (a second click), or erased
        return
    question.in_danger, question.in_danger_flagged_by = True, user
    audit_record(actor=user, action=Action.FLAG, question_id=question.pk)
    for address in selectors.coordinator_addresses(question.network):
        mail_on_commit(
            to=address,
            template="questions/email/in_danger",
            context={"url": absolute_url("questions:detail", question.pk), "network": question.network},
        )


def _tell_family(question: Question) -> None:
    if not question.notify_email:
        return
    with translation.override(question.language):
        url = absolute_url("question_private", question.notify_token, language=question.language)
        messaging.queue(
            key=f"question-answered:{question.pk}",
            topic=f"question:{question.pk}",
            email=question.notify_email,
            phone="",
            subject=_("The answer to your question is ready"),
            body=_(
                "Hello,\n\nA professional of the family centre has answered your question. Read the answer "
                "here:\n%(url)s\n\nThis is the only message you will get about it. Your e-mail address is "
                "no longer kept with your question, and this message is deleted from our service within 30 "
                "days."
            )
            % {"url": url},
            send_after=timezone.now(),
        )
    # The address was only for this notice.
    Question.objects.filter(pk=question.pk).update(notify_email="", notify_token="")
    question.notify_email = question.notify_token = ""


def _tell_reviewers(question: Question, writer) -> None:
    for address in selectors.answerer_addresses(question.network, excluding=writer):
        mail_on_commit(
            to=address,
            template="questions/email/review",
            context={"url": absolute_url("questions:detail", question.pk)},
        )


@transaction.atomic
def answer_publish(
    *,
    question: Question,
    user,
    title: str,
    question_text: str,
    answer_text: str,
    language: str,
    topic=None,
    age_group: str = "",
    services: Iterable[Service] = (),
    public_details: bool = False,
) -> PublishedAnswer:
    """An answerer's decision to publish an edited copy in the library. Refused for a question whose
    family said no, one flagged in danger, one not yet answered or published already (as the database
    has it at this moment: a second click publishes nothing), and for texts that still hold what looks
    like personal details, unless the answerer confirms they are a public service's (`public_details`:
    "Siun sote", a helpline's number)."""
    _answerer(question, user)
    if question.status != Status.ANSWERED:
        raise ValidationError(_("Only an answered question can be published."))
    if not question.may_be_published:
        raise ValidationError(_("This question may not be published."))
    if question.published:
        raise ValidationError(_("An answer to this question has already been published."))
    errors = {}
    for name, value in (("title", title), ("question", question_text), ("answer", answer_text)):
        if not value.strip():
            errors[name] = _("This field is required.")
        elif screening.screen(value)[1] and not public_details:
            errors[name] = _(
                "This still holds what looks like a name, a phone number, an address or an identity code. "
                "Take it out before publishing, or confirm below that it is a public service's."
            )
    if age_group and age_group not in AgeGroup.values:
        errors["age_group"] = _("Choose an age from the list.")
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose a language from the list.")
    if errors:
        raise ValidationError(errors)
    services = _checked_services(question, services)
    publishable = Q(status=Status.ANSWERED, published=False, in_danger=False, family_refuses_publishing=False)
    _moved(question, publishable, published=True)
    published = PublishedAnswer.objects.create(
        network=question.network,
        title=title.strip(),
        question=plain_text(question_text),
        answer=plain_text(answer_text),
        language=language,
        topic=topic,
        age_group=age_group,
        answered_as=question.answered_as,
        published_by=user,
        terms=library.terms_of(title, question_text, answer_text, language),
    )
    published.services.set(services)
    audit_record(actor=user, action=Action.PUBLISH, question_id=question.pk)
    return published


@transaction.atomic
def published_withdraw(*, answer: PublishedAnswer, user) -> None:
    if not selectors.may_withdraw(user, answer):
        raise PermissionDenied
    # Its texts go too: it may have been taken down because it told too much. Saved, not updated: the
    # save tells the public pages to move on (web watches the library).
    answer.withdrawn_at = timezone.now()
    answer.title = answer.question = answer.answer = answer.terms = ""
    answer.save(update_fields=["withdrawn_at", "title", "question", "answer", "terms"])
    answer.services.clear()


# --- Templates ----------------------------------------------------------------------------------------


@transaction.atomic
def template_save(
    *, network: Network, user, title: str, body: str, template: AnswerTemplate | None = None
) -> AnswerTemplate:
    if selectors.answerer_of(user, network.pk) is None:
        raise PermissionDenied
    if template is None:
        template = AnswerTemplate(network=network, created_by=user)
    elif template.network_id != network.pk:
        raise PermissionDenied
    template.title, template.body = title.strip(), body.strip()
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def template_delete(*, template: AnswerTemplate, user) -> None:
    if selectors.answerer_of(user, template.network_id) is None:
        raise PermissionDenied
    template.delete()


# --- The coordinators ---------------------------------------------------------------------------------


def _coordinator(user, network: Network) -> None:
    if not selectors.coordinates(user, network.pk):
        raise PermissionDenied


@transaction.atomic
def desk_save(
    *, network: Network, user, is_open: bool, promise_working_days: int, second_review: bool
) -> QuestionDesk:
    _coordinator(user, network)
    desk, _created = QuestionDesk.objects.get_or_create(network=network)
    desk.is_open, desk.promise_working_days, desk.second_review = is_open, promise_working_days, second_review
    desk.full_clean()
    desk.save()
    return desk


@transaction.atomic
def answerer_appoint(*, network: Network, user, person, title: str) -> Answerer:
    """Appoints a member of one of the network's organisations as an answerer."""
    _coordinator(user, network)
    if not Membership.objects.filter(
        user=person, organization__networks=network, user__is_active=True
    ).exists():
        raise ValidationError(_("Only a member of one of the network's organisations can answer questions."))
    answerer, _created = Answerer.objects.update_or_create(
        network=network, user=person, defaults={"title": title.strip(), "appointed_by": user}
    )
    return answerer


@transaction.atomic
def answerer_remove(*, answerer: Answerer, user) -> None:
    _coordinator(user, answerer.network)
    # Questions they had taken go back to the queue.
    held = Question.objects.filter(network=answerer.network, claimed_by=answerer.user, status=Status.CLAIMED)
    for pk in held.values_list("pk", flat=True):
        audit_record(actor=user, action=Action.RELEASE, question_id=pk, detail="answerer removed")
    held.update(status=Status.WAITING, claimed_by=None, claimed_at=None)
    answerer.delete()


# --- Retention ----------------------------------------------------------------------------------------


def _erase(questions, status: str | None = None, detail: str = "retention") -> int:
    """Erases what a family wrote and what tells about it beyond the figures: the texts, the address,
    the link, the danger flag, the language, who handled it and when it was read. What stays is what
    the figures count (network, municipality, topic, age, the times asked, due and answered, whether
    published)."""
    ids = list(questions.filter(erased_at__isnull=True).values_list("pk", flat=True))
    for pk in ids:
        messaging.forget(f"question:{pk}")
        audit_record(actor=None, action=Action.ERASE, question_id=pk, detail=detail)
    changes = {
        "text": "",
        "answer": "",
        "return_note": "",
        "notify_email": "",
        "notify_token": "",
        "token_hash": None,
        "in_danger": False,
        "in_danger_flagged_by": None,
        "language": "",
        "read_at": None,
        "claimed_by": None,
        "answered_by": None,
        "approved_by": None,
        "answered_as": "",
        "family_refuses_publishing": False,
        "erased_at": timezone.now(),
    }
    if status is not None:
        changes["status"] = status
    Question.objects.filter(pk__in=ids).update(**changes)
    Question.services.through.objects.filter(question_id__in=ids).delete()
    return len(ids)


@transaction.atomic
def questions_erase_before(moment) -> int:
    """Erases what families wrote in questions asked before `moment`, and the answers; published
    answers are rows of their own and stay."""
    return _erase(Question.objects.filter(asked_at__lt=moment))


def answerers_remind() -> int:
    """Tells each answerer of a network with questions waiting how many wait and when the first is due."""
    told = 0
    for network in Network.objects.filter(
        questions__status=Status.WAITING, questions__erased_at__isnull=True
    ).distinct():
        waiting = Question.objects.filter(network=network, status=Status.WAITING, erased_at__isnull=True)
        first_due = waiting.order_by("due_at").first().due_on
        for address in selectors.answerer_addresses(network):
            mail_on_commit(
                to=address,
                template="questions/email/waiting",
                context={
                    "count": waiting.count(),
                    "first_due": first_due,
                    "url": absolute_url("questions:queue"),
                },
            )
            told += 1
    return told
