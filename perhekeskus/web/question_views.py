"""The families' side of the questions service: asking anonymously, the private page of a question
(its answer), and the public library of answers. Anyone may ask, without an account; a question is
read back only with its private link (the token, of which only a hash is kept)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core import ratelimit
from perhekeskus.core.forms import add_errors, add_refusal
from perhekeskus.core.translation import active_language
from perhekeskus.questions import screening, selectors, services
from perhekeskus.questions.models import AgeGroup
from perhekeskus.web.helplines import BOX_HELPLINES, of_the_minute
from perhekeskus.web.question_forms import AskForm

RATE_SCOPE = "questions"
LIBRARY_PAGE = 20
# Answers the words find, best first, at most.
LIBRARY_FOUND = 100
# Read when a form is refused, in that request's language.
KINDS = {
    "identity code": gettext_lazy("an identity code"),
    "e-mail": gettext_lazy("an e-mail address"),
    "address": gettext_lazy("a street address"),
    "phone": gettext_lazy("a phone number"),
    "name": gettext_lazy("a name"),
}


def _found_kinds(kinds) -> str:
    return str(get_text_list([KINDS[kind] for kind in sorted(kinds)], _("and")))


def _network_for(form: AskForm, desks):
    """The network that answers: the chosen municipality's, else the only one that takes questions."""
    code = form.cleaned_data["municipality"]
    if code:
        municipality = selectors.asking_municipalities(desks).filter(code=code).first()
        return (municipality.network if municipality else None), municipality
    if len(desks) == 1:
        return desks[0].network, None
    form.add_error("municipality", _("Choose your municipality: it tells which family centre answers."))
    return None, None


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def ask(request):
    desks = selectors.desks_taking_questions()
    municipalities = list(selectors.asking_municipalities(desks))
    initial = {"topic": request.GET.get("topic", "")} if request.method == "GET" else None
    form = AskForm(
        request.POST or None,
        municipalities=municipalities,
        initial=initial,
        choose_municipality=len(desks) > 1,
    )
    status = 200
    if request.method == "POST" and desks:
        if request.POST.get("website"):
            return redirect("ask")  # a robot: nothing is stored
        with ratelimit.holding(request, RATE_SCOPE, settings.QUESTIONS_PER_HOUR) as held:
            if held is None:
                add_refusal(form, _("Too many questions from this device. Please try again in an hour."))
                status = 429
            elif form.is_valid():
                data = form.cleaned_data
                clean, kinds = screening.screen(data["text"])
                network, municipality = _network_for(form, desks)
                if kinds:
                    # Shown to the family to check: nobody has read anything yet.
                    form.data = form.data.copy()
                    form.data["text"] = clean
                    form.add_error(
                        "text",
                        _(
                            "Your question seemed to hold %(kinds)s. We took out what we found (marked […]). Check "
                            "the question and send it again."
                        )
                        % {"kinds": _found_kinds(kinds)},
                    )
                elif network is not None:
                    topic = (
                        LifeSituation.objects.filter(code=data["topic"]).first() if data["topic"] else None
                    )
                    try:
                        _question, token = services.question_ask(
                            network=network,
                            text=clean,
                            language=translation.get_language(),
                            child_age_years=data["child_age"],
                            municipality=municipality,
                            topic=topic,
                            refuses_publishing=data["refuses_publishing"],
                            notify_email=data["notify_email"],
                        )
                    except ValidationError as error:  # the desk closed a moment ago
                        add_errors(form, error)
                    else:
                        held.keep()
                        messages.success(
                            request,
                            _(
                                "Your question was sent. Save the address of this page (bookmark it): it is "
                                "the only way to your answer."
                            ),
                        )
                        return redirect("question_private", token=token)
            if form.errors and status == 200:
                status = 400
    return render(
        request,
        "web/ask.html",
        {
            "form": form,
            "desks": desks,
            "helplines": of_the_minute(active_language()),
            "shown_in_box": BOX_HELPLINES,
        },
        status=status,
    )


def _private_headers(response):
    # The address holds the key to the question: no other site learns it, no search engine keeps it.
    # (Not "no-referrer": the browser would then post the page's own delete form with "Origin: null",
    # which the CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def question_private(request, token: str):
    question = selectors.question_for_token(token)
    if question is None:
        raise Http404
    if request.method == "POST" and request.POST.get("delete"):
        services.question_withdraw(question=question)
        messages.success(request, _("Your question and its answer were deleted."))
        return redirect("ask")
    services.question_read_by_family(question=question)
    linked = list(
        listed_services().filter(pk__in=question.services.values("pk")).select_related("organization")
    )
    response = render(
        request,
        "web/question.html",
        {
            "question": question,
            "linked": linked,
            "helplines": of_the_minute(active_language()) if question.in_danger else None,
            "shown_in_box": BOX_HELPLINES,
        },
    )
    return _private_headers(response)


@require_safe
def library(request):
    topic = request.GET.get("topic", "")
    age = request.GET.get("age", "")
    words = request.GET.get("q", "").strip()[:200]
    if age not in AgeGroup.values:
        age = ""
    if words:
        answers = [
            a
            for a in selectors.library_found(words, LIBRARY_FOUND)
            if (not topic or (a.topic and a.topic.code == topic)) and (not age or a.age_group == age)
        ]
    else:
        answers = selectors.library_page(topic=topic, age_group=age)
    page = Paginator(answers, LIBRARY_PAGE).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    counts = dict(selectors.library_topics())
    topics = [s for s in LifeSituation.objects.order_by("code") if s.code in counts]
    return render(
        request,
        "web/library.html",
        {
            "page": page,
            "page_query": kept.urlencode(),
            "topics": topics,
            "chosen_topic": topic,
            "chosen_age": age,
            "ages": AgeGroup.choices,
            "words": words,
            "asking_open": selectors.asking_open(),
        },
    )


@require_safe
def library_answer(request, pk: int):
    answer = selectors.library_answer(pk)
    if answer is None:
        raise Http404
    linked = list(
        listed_services().filter(pk__in=answer.services.values("pk")).select_related("organization")
    )
    return render(
        request,
        "web/library_answer.html",
        {
            "answer": answer,
            "linked": linked,
            "asking_open": selectors.asking_open(),
            "ask_url": reverse("ask"),
            "may_withdraw": request.user.is_authenticated and selectors.may_withdraw(request.user, answer),
        },
    )
