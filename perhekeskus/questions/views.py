"""The answerers' and coordinators' pages of the questions service (under /workspace/questions/).
Each declares who may use it: an answerer of the question's network (a member of one of its
organisations, appointed), or for the desk's settings a coordinator of the network; anyone else gets
403, and a question of another network is not found."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.core.forms import add_errors
from perhekeskus.core.staff import staff_view
from perhekeskus.core.translation import active_language
from perhekeskus.network.models import Network
from perhekeskus.questions import selectors, services
from perhekeskus.questions.forms import (
    AnswerForm,
    AppointForm,
    DeskForm,
    PublishForm,
    ReturnForm,
    TemplateForm,
    topic_choices,
)
from perhekeskus.questions.models import (
    AgeGroup,
    Answerer,
    PublishedAnswer,
    Question,
    QuestionDesk,
)

Action = services.Action


def _answering_networks(request) -> list[Network]:
    networks = list(selectors.answerer_networks(request.user))
    if not networks:
        raise PermissionDenied
    return networks


@staff_view
@require_safe
def queue(request):
    networks = _answering_networks(request)
    filters = selectors.QueueFilters(topic=request.GET.get("topic", ""), age_group=request.GET.get("age", ""))
    return render(
        request,
        "questions/queue.html",
        {
            "groups": selectors.queue(request.user, filters),
            "answered": selectors.recently_answered(request.user),
            "filters": filters,
            "topics": topic_choices(_("All topics")),
            "ages": [("", _("All ages")), *AgeGroup.choices],
            "networks": networks,
            "now": timezone.now(),
        },
    )


def _question(request, pk) -> Question:
    question = selectors.question_for_staff(request.user, pk)
    if question is None:
        raise Http404
    return question


def _uuids(values: list[str]) -> list[uuid.UUID]:
    """The values that are ids at all: anything else a form posts is no service."""
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(value))
        except ValueError:
            continue
    return found


@staff_view
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    """GET: the question, its reading recorded. POST: the answer form's own buttons (add a template,
    find services to link) show the page again with what was written: nothing is sent or saved."""
    question = _question(request, pk)
    if request.method == "GET":
        services.audit_record(actor=request.user, action=Action.READ, question_id=question.pk)
        return _detail(request, question)
    if selectors.answerer_of(request.user, question.network_id) is None:
        raise PermissionDenied
    return _detail(request, question, draft=request.POST)


def _detail(
    request,
    question: Question,
    *,
    answer_form: AnswerForm | None = None,
    publish_form: PublishForm | None = None,
    draft=None,
    status: int = 200,
):
    """The question's page; with a form that was refused, that form as posted, and with a `draft` (the
    answer form posted by its own buttons) what was written so far: nothing written is lost."""
    is_answerer = selectors.answerer_of(request.user, question.network_id) is not None
    source = draft if draft is not None else (answer_form.data if answer_form is not None else None)
    words = (source.get("services_for", "") if source is not None else "").strip()[:200]
    suggested = selectors.suggested_services(question, words, active_language()) if is_answerer else []
    if source is not None:
        linkable = selectors.linkable_services(question.network).select_related("organization")
        linked = list(linkable.filter(pk__in=_uuids(source.getlist("services"))))
    else:
        linked = list(question.services.select_related("organization"))
    choices = list({s.pk: s for s in [*linked, *suggested]}.values())
    templates = list(selectors.templates_of([question.network_id])) if is_answerer else []
    if answer_form is None:
        written = services.plain_text(draft.get("answer", "")) if draft is not None else question.answer
        chosen = draft.get("template", "") if draft is not None and draft.get("do") == "template" else ""
        template = next((t for t in templates if str(t.pk) == chosen), None)
        if template is not None:
            written = (written + "\n\n" if written else "") + template.body
        answer_form = AnswerForm(
            initial={"answer": written, "services": [str(s.pk) for s in linked]}, services=choices
        )
    else:
        answer_form.fields["services"].choices = AnswerForm(services=choices).fields["services"].choices
    if not choices and "services" not in answer_form.errors:  # nothing to link: no empty group of boxes
        del answer_form.fields["services"]
    publish_form = publish_form or PublishForm(
        initial={
            "question": question.text,
            "answer": question.answer,
            "topic": question.topic.code if question.topic else "",
            "age_group": AgeGroup.of_years(question.child_age_years),
            "language": question.language,
        }
    )
    return render(
        request,
        "questions/detail.html",
        {
            "question": question,
            "is_answerer": is_answerer,
            "answer_form": answer_form,
            "publish_form": publish_form,
            "return_form": ReturnForm(),
            "templates": templates,
            "services_for": words,
            # No other answerer serves: the writer may approve their own answer (services.answer_approve).
            "alone": is_answerer and not selectors.another_answerer_serves(question.network, request.user),
            "audit": selectors.audit_of(question)[:50]
            if selectors.coordinates(request.user, question.network_id)
            else None,
        },
        status=status,
    )


def _step(request, question: Question, do) -> Question:
    """Does a step of the question's, a refusal shown as a message on the page it returns to."""
    try:
        do(question)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return question


def _back(question: Question):
    return redirect("questions:detail", question.pk)


@staff_view
@require_POST
def claim(request, pk):
    question = _step(
        request, _question(request, pk), lambda q: services.question_claim(question=q, user=request.user)
    )
    return _back(question)


@staff_view
@require_POST
def release(request, pk):
    _step(request, _question(request, pk), lambda q: services.question_release(question=q, user=request.user))
    return redirect("questions:queue")


@staff_view
@require_POST
def flag(request, pk):
    question = _step(
        request, _question(request, pk), lambda q: services.danger_flag(question=q, user=request.user)
    )
    if question.in_danger:
        messages.success(
            request,
            _(
                "Flagged: the network's coordinators have been told, and the family sees the emergency numbers with the answer."
            ),
        )
    return _back(question)


def _answer_step(request, pk, step) -> object:
    question = _question(request, pk)
    if selectors.answerer_of(request.user, question.network_id) is None:
        raise PermissionDenied
    choices = list(
        selectors.linkable_services(question.network)
        .filter(pk__in=_uuids(request.POST.getlist("services")))
        .select_related("organization")
    )
    form = AnswerForm(request.POST, services=choices)
    if form.is_valid():
        try:
            chosen = set(form.cleaned_data["services"])  # each one of `choices`: the form checked it
            step(question, form.cleaned_data["answer"], [s for s in choices if str(s.pk) in chosen])
        except ValidationError as error:
            add_errors(form, error)
        else:
            return None
    return _detail(request, question, answer_form=form, status=400)


@staff_view
@require_POST
def answer(request, pk):
    def write(question, text, linked):
        services.answer_write(question=question, user=request.user, answer=text, services=linked)
        messages.success(
            request,
            _("The answer waits for another answerer's approval.")
            if question.status == Question.Status.IN_REVIEW
            else _("The answer is ready for the family."),
        )

    return _answer_step(request, pk, write) or redirect("questions:detail", pk)


@staff_view
@require_POST
def approve(request, pk):
    def approve_it(question, text, linked):
        services.answer_approve(question=question, user=request.user, answer=text, services=linked)
        messages.success(request, _("Approved: the answer is ready for the family."))

    return _answer_step(request, pk, approve_it) or redirect("questions:detail", pk)


@staff_view
@require_POST
def send_back(request, pk):
    question = _question(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        _step(
            request,
            question,
            lambda q: services.answer_return(question=q, user=request.user, note=form.cleaned_data["note"]),
        )
    else:
        messages.error(request, _("Say what to change."))
    return _back(question)


@staff_view
@require_POST
def publish(request, pk):
    question = _question(request, pk)
    if selectors.answerer_of(request.user, question.network_id) is None:
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        topic = LifeSituation.objects.filter(code=data["topic"]).first() if data["topic"] else None
        try:
            published = services.answer_publish(
                question=question,
                user=request.user,
                title=data["title"],
                question_text=data["question"],
                answer_text=data["answer"],
                topic=topic,
                age_group=data["age_group"],
                language=data["language"],
                public_details=data["public_details"],
                # Those families can still see: a service hidden since the answer is left out.
                services=list(
                    selectors.linkable_services(question.network).filter(
                        pk__in=question.services.values("pk")
                    )
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Published in the library of answers."))
            return redirect("library_answer", published.pk)
    return _detail(request, question, publish_form=form, status=400)


# --- Templates ---------------------------------------------------------------------------------------


@staff_view
@require_safe
def template_list(request):
    networks = _answering_networks(request)
    return render(
        request,
        "questions/template_list.html",
        {"templates": selectors.templates_of(networks), "networks": networks},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def template_edit(request, pk=None):
    networks = _answering_networks(request)
    template = get_object_or_404(selectors.templates_of(networks), pk=pk) if pk else None
    network = template.network if template else networks[0]
    if template is None and request.POST.get("network"):
        network = next((n for n in networks if str(n.pk) == request.POST["network"]), None)
        if network is None:
            raise PermissionDenied
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST":
        if request.POST.get("delete") and template is not None:
            services.template_delete(template=template, user=request.user)
            messages.success(request, _("The template was deleted."))
            return redirect("questions:template_list")
        if form.is_valid():
            try:
                services.template_save(
                    network=network, user=request.user, title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"], template=template,
                )  # fmt: skip
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The template was saved."))
                return redirect("questions:template_list")
    return render(
        request, "questions/template_form.html", {"form": form, "template": template, "networks": networks}
    )


# --- The library, for answerers ------------------------------------------------------------------------


@staff_view
@require_POST
def published_withdraw(request, pk):
    answer = get_object_or_404(PublishedAnswer.objects.public(), pk=pk)
    services.published_withdraw(answer=answer, user=request.user)
    messages.success(request, _("The answer was taken out of the library."))
    return redirect("library")


# --- The coordinators ---------------------------------------------------------------------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def desk(request, slug):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    current = selectors.desk_of(network) or QuestionDesk(network=network)
    desk_form = DeskForm(request.POST if request.POST.get("form") == "desk" else None, instance=current)
    people = selectors.appointable_people(network)
    appoint_form = AppointForm(request.POST if request.POST.get("form") == "appoint" else None, people=people)
    if request.method == "POST":
        if request.POST.get("form") == "desk" and desk_form.is_valid():
            data = desk_form.cleaned_data
            services.desk_save(
                network=network, user=request.user, is_open=data["is_open"],
                promise_working_days=data["promise_working_days"], second_review=data["second_review"],
            )  # fmt: skip
            messages.success(request, _("The settings were saved."))
            return redirect("questions:desk", slug)
        if request.POST.get("form") == "appoint" and appoint_form.is_valid():
            person = people.get(pk=appoint_form.cleaned_data["person"])
            try:
                services.answerer_appoint(
                    network=network,
                    user=request.user,
                    person=person,
                    title=appoint_form.cleaned_data["title"],
                )
            except ValidationError as error:
                add_errors(appoint_form, error)
            else:
                messages.success(request, _("The answerer was appointed."))
                return redirect("questions:desk", slug)
        if request.POST.get("form") == "remove":
            chosen = request.POST.get("answerer", "")
            answerer = get_object_or_404(
                Answerer, network=network, pk=int(chosen) if chosen.isdigit() and len(chosen) < 10 else 0
            )
            services.answerer_remove(answerer=answerer, user=request.user)
            messages.success(
                request, _("The answerer was removed; the questions they had taken went back to the queue.")
            )
            return redirect("questions:desk", slug)
    taking = selectors.desk_taking_questions(network) is not None
    return render(
        request,
        "questions/desk.html",
        {
            "network": network,
            "desk_form": desk_form,
            "appoint_form": appoint_form,
            "answerers": selectors.answerers_of(network),
            "serving": selectors.serving_count(network),
            "taking": taking,
        },
    )


@staff_view
@require_safe
def desks(request):
    networks = list(Network.objects.coordinated_by(request.user))
    if not networks:
        raise PermissionDenied
    if len(networks) == 1:
        return redirect("questions:desk", networks[0].slug)
    return render(request, "questions/desks.html", {"networks": networks})
