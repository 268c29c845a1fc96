"""Reads of the questions service: who answers where, the answerers' queue, the services an answer
may link, the public library, and the coordinators' figures (counts only, no text)."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core import public_cache
from perhekeskus.network.models import Municipality, Network
from perhekeskus.questions import library
from perhekeskus.questions.models import (
    AGE_GROUP_YEARS,
    Answerer,
    AnswerTemplate,
    PublishedAnswer,
    Question,
    QuestionAuditEntry,
    QuestionDesk,
)
from perhekeskus.search import selectors as search_selectors
from perhekeskus.search.services import search_without_log

SUGGESTED_SERVICES = 12


# --- Who -----------------------------------------------------------------------------------------------


def answerer_of(user, network_id) -> Answerer | None:
    if not (user.is_authenticated and user.is_active):
        return None
    return (
        Answerer.objects.serving().filter(user=user, network_id=network_id).select_related("network").first()
    )


def answerer_networks(user) -> QuerySet[Network]:
    if not (user.is_authenticated and user.is_active):
        return Network.objects.none()
    return Network.objects.filter(pk__in=Answerer.objects.serving().filter(user=user).values("network"))


def coordinates(user, network_id) -> bool:
    return Network.objects.coordinated_by(user).filter(pk=network_id).exists()


def coordinator_addresses(network: Network) -> list[str]:
    users = get_user_model().objects.filter(is_active=True, coordinator_of__network=network).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def another_answerer_serves(network: Network, user) -> bool:
    return Answerer.objects.serving().filter(network=network).exclude(user=user).exists()


def answerer_addresses(network: Network, excluding=None) -> list[str]:
    answerers = Answerer.objects.serving().filter(network=network).exclude(user__email="")
    if excluding is not None:
        answerers = answerers.exclude(user=excluding)
    return sorted(set(answerers.values_list("user__email", flat=True)))


def serving_count(network: Network) -> int:
    """Answerers still members of one of the network's organisations, with an active account."""
    return Answerer.objects.serving().filter(network=network).count()


def answerers_of(network: Network) -> QuerySet[Answerer]:
    return network.answerers.select_related("user").order_by("user__last_name", "user__email")


def appointable_people(network: Network):
    """Active members of the network's organisations, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organization__networks=network)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


# --- The desks families may ask -------------------------------------------------------------------------


def desk_of(network: Network) -> QuestionDesk | None:
    return QuestionDesk.objects.filter(network=network).first()


def _taking() -> QuerySet[QuestionDesk]:
    """Desks that are open and have at least one answerer still serving: only they promise an answer."""
    serving = Answerer.objects.serving().filter(network=OuterRef("network"))
    return QuestionDesk.objects.filter(Exists(serving), is_open=True).select_related("network")


def asking_open() -> bool:
    """Whether any network takes questions: the public pages offer asking only then. Kept in the
    process while what the public reads stays the same (web watches the desks and answerers)."""
    # Kept under the generation: read from the primary, never a lagging replica (core.public_cache).
    return public_cache.in_process({"asking open": lambda: _taking().using(DEFAULT_DB_ALIAS).exists()})[
        "asking open"
    ]


def desk_taking_questions(network: Network) -> QuestionDesk | None:
    return _taking().filter(network=network).first()


def desks_taking_questions() -> list[QuestionDesk]:
    return list(_taking().order_by("network__name_fi"))


def asking_municipalities(desks: list[QuestionDesk]) -> QuerySet[Municipality]:
    return Municipality.objects.filter(network__in=[d.network_id for d in desks]).order_by("name_fi")


def question_for_token(token: str) -> Question | None:
    if not token:
        return None
    return (
        Question.objects.select_related("network", "topic", "municipality")
        .filter(token_hash=Question.hash_of(token), erased_at__isnull=True)
        .first()
    )


# --- The answerers' queue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    topic: str = ""
    age_group: str = ""


def queue(user, filters: QueueFilters) -> dict[str, list[Question]]:
    """The questions `user` may answer, in groups, oldest first: waiting (also those whose claim has
    lapsed), taken by them, waiting for their approval (written by others), taken by others."""
    questions = Question.objects.for_answerer(user).select_related(
        "topic", "municipality", "network", "claimed_by", "answered_by"
    )
    if filters.topic:
        questions = questions.filter(topic__code=filters.topic)
    if filters.age_group in AGE_GROUP_YEARS:
        low, high = AGE_GROUP_YEARS[filters.age_group]
        questions = questions.filter(child_age_years__gte=low, child_age_years__lte=high)
    return {
        "waiting": list(questions.waiting().order_by("asked_at")),
        "mine": list(questions.filter(status=Question.Status.CLAIMED, claimed_by=user).order_by("asked_at")),
        "review": list(
            questions.filter(status=Question.Status.IN_REVIEW).exclude(answered_by=user).order_by("asked_at")
        ),
        "others": list(
            questions.filter(status=Question.Status.CLAIMED)
            .exclude(Question.objects.lapsed_claim())
            .exclude(claimed_by=user)
            .order_by("asked_at")
        ),
    }


def waiting_count(user) -> int:
    return Question.objects.for_answerer(user).waiting().count()


def recently_answered(user, days: int = 30) -> list[Question]:
    since = timezone.now() - datetime.timedelta(days=days)
    return list(
        Question.objects.for_answerer(user)
        .filter(status=Question.Status.ANSWERED, answered_at__gte=since)
        .select_related("topic", "municipality", "answered_by", "claimed_by")
        .order_by("-answered_at")[:50]
    )


def question_for_staff(user, pk) -> Question | None:
    """A question its network's answerers may open; the network's coordinators only one flagged in
    danger (they are told of it and may have to act)."""
    related = (
        "network",
        "topic",
        "municipality",
        "claimed_by",
        "answered_by",
        "approved_by",
        "in_danger_flagged_by",
    )
    # Whether it may be taken: waiting, or taken by someone who no longer answers here.
    takeable = ExpressionWrapper(
        Q(status=Question.Status.WAITING) | Question.objects.lapsed_claim(), output_field=BooleanField()
    )
    questions = Question.objects.select_related(*related).annotate(takeable=takeable)
    found = questions.for_answerer(user).filter(pk=pk).first()
    if found is None:
        found = (
            questions.filter(
                in_danger=True, erased_at__isnull=True, network__in=Network.objects.coordinated_by(user)
            )
            .filter(pk=pk)
            .first()
        )
    return found


def audit_of(question: Question) -> QuerySet[QuestionAuditEntry]:
    return QuestionAuditEntry.objects.filter(question_id=question.pk)


def templates_of(network_ids) -> QuerySet[AnswerTemplate]:
    return AnswerTemplate.objects.filter(network__in=network_ids).select_related("network")


def linkable_services(network: Network) -> QuerySet[Service]:
    """Services of the network's organisations that families can see."""
    return listed_services().filter(organization__networks=network).distinct()


def suggested_services(question: Question, words: str, language: str) -> list[Service]:
    """Services an answer might link: found by the answerer's words (else the question's topic), those
    delivered in the family's municipality first, then in the rest of the network."""
    base = {"q": words, "page_size": SUGGESTED_SERVICES, "lang": language}
    if not words and question.topic_id:
        base["life_situation"] = [question.topic.code]
    if not words and not question.topic_id:
        return []
    areas = []
    if question.municipality_id:
        areas.append([question.municipality.code])
    areas.append(list(question.network.municipalities.values_list("code", flat=True)))
    found: list[str] = []
    for codes in areas:
        result = search_without_log({**base, "municipality": codes}, with_facets=False, follow_links=False)
        found.extend(search_selectors.service_ids_of([hit.document_id for hit in result.hits]))
    order = list(dict.fromkeys(found))
    services = {
        str(s.pk): s
        for s in linkable_services(question.network).filter(pk__in=order).select_related("organization")
    }
    return [services[pk] for pk in order if pk in services][:SUGGESTED_SERVICES]


# --- The library -------------------------------------------------------------------------------------------


def library_page(*, topic: str = "", age_group: str = "") -> QuerySet[PublishedAnswer]:
    answers = PublishedAnswer.objects.public().select_related("topic")
    if topic:
        answers = answers.filter(topic__code=topic)
    if age_group:
        answers = answers.filter(age_group=age_group)
    return answers


def may_withdraw(user, answer: PublishedAnswer) -> bool:
    """The network's answerers and coordinators may take an answer out of the library."""
    return answerer_of(user, answer.network_id) is not None or coordinates(user, answer.network_id)


def library_answer(pk: int) -> PublishedAnswer | None:
    return PublishedAnswer.objects.public().select_related("topic", "network").filter(pk=pk).first()


def library_found(text: str, limit: int) -> list[PublishedAnswer]:
    ids = library.matching_ids(text, limit)
    answers = PublishedAnswer.objects.public().select_related("topic").in_bulk(ids)
    return [answers[pk] for pk in ids if pk in answers]


def library_topics() -> list[tuple[str, int]]:
    """The codes of the topics that have answers, with how many."""
    return list(
        PublishedAnswer.objects.public()
        .exclude(topic=None)
        .values("topic__code")
        .annotate(count=Count("pk"))
        .order_by("topic__code")
        .values_list("topic__code", "count")
    )


# --- Figures for the coordinators -----------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    asked: int
    answered: int
    published: int
    late_open: int  # unanswered and overdue now
    answered_late: int
    median_hours: float | None
    by_month: list[tuple[datetime.date, int]]
    by_topic: list[tuple[str, int]]
    by_municipality: list[tuple[str, int]]

    @property
    def median_whole_hours(self) -> int | None:
        return None if self.median_hours is None else round(self.median_hours)

    @property
    def published_share(self) -> float | None:
        return self.published / self.answered if self.answered else None


def figures(networks, since: datetime.datetime, until: datetime.datetime, municipality=None) -> Figures:
    """The questions asked in [since, until) of these networks (of one municipality), counted: nothing a
    family wrote is read. Questions the family deleted are left out; "overdue now" counts only those
    that can still be answered (not erased)."""
    questions = Question.objects.filter(
        network__in=networks, asked_at__gte=since, asked_at__lt=until
    ).exclude(status=Question.Status.WITHDRAWN)
    if municipality is not None:
        questions = questions.filter(municipality=municipality)
    now = timezone.now()
    rows = list(
        questions.values(
            "asked_at", "answered_at", "due_at", "published", "status", "erased_at", "topic__code",
            "municipality__code",
        )
    )  # fmt: skip
    answered = [row for row in rows if row["answered_at"] is not None]
    hours = sorted((row["answered_at"] - row["asked_at"]).total_seconds() / 3600 for row in answered)
    median = None
    if hours:
        middle = len(hours) // 2
        median = hours[middle] if len(hours) % 2 else (hours[middle - 1] + hours[middle]) / 2
    months, topics, places = Counter(), Counter(), Counter()
    for row in rows:
        local = timezone.localtime(row["asked_at"])
        months[datetime.date(local.year, local.month, 1)] += 1
        topics[row["topic__code"] or ""] += 1
        places[row["municipality__code"] or ""] += 1
    return Figures(
        asked=len(rows),
        answered=len(answered),
        published=sum(1 for row in rows if row["published"]),
        late_open=sum(
            1
            for row in rows
            if row["answered_at"] is None
            and row["status"] in Question.OPEN
            and row["erased_at"] is None
            and row["due_at"] < now
        ),
        answered_late=sum(1 for row in answered if row["answered_at"] > row["due_at"]),
        median_hours=median,
        by_month=sorted(months.items()),
        by_topic=topics.most_common(),
        by_municipality=places.most_common(),
    )
