"""The demo network's questions service: open, promising an answer within three working days, with the
demo answerer (accounts.py) and a few published answers in the library (data/north_karelia/answers.yaml)."""

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.demo import network as network_data
from perhekeskus.questions import library
from perhekeskus.questions.models import PublishedAnswer, QuestionDesk

PROMISE_WORKING_DAYS = 3


def load_demo_questions(network) -> int:
    """Opens the network's questions service and publishes the sample answers that are missing; the
    number of answers published."""
    QuestionDesk.objects.get_or_create(
        network=network, defaults={"is_open": True, "promise_working_days": PROMISE_WORKING_DAYS}
    )
    published = 0
    for row in network_data.read("answers.yaml"):
        if PublishedAnswer.objects.filter(network=network, title=row["title"]).exists():
            continue
        answer = PublishedAnswer.objects.create(
            network=network,
            title=row["title"],
            question=row["question"],
            answer=row["answer"],
            language="fi",
            topic=LifeSituation.objects.filter(code=row["topic"]).first(),
            age_group=row["age_group"],
            answered_as=row["answered_as"],
            terms=library.terms_of(row["title"], row["question"], row["answer"], "fi"),
        )
        service = (
            listed_services()
            .filter(organization__networks=network, service_types__code=row["service_type"])
            .order_by("name_fi")
            .first()
        )
        if service is not None:
            answer.services.add(service)
        published += 1
    return published
