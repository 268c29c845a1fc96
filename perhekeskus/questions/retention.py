"""What families wrote in questions, and the answers written to them, are erased
QUESTION_RETENTION_DAYS after the question was asked (a daily task); published answers are rows of
their own, with no link to the question. Answerers are reminded each morning of questions waiting."""

import datetime

from django.conf import settings
from django.utils import timezone

from perhekeskus.core.tasks import task
from perhekeskus.questions import services


@task("questions.erase_old_questions", daily_at=datetime.time(3, 50))
def erase_old_questions() -> str:
    cutoff = timezone.now() - datetime.timedelta(days=settings.QUESTION_RETENTION_DAYS)
    return f"{services.questions_erase_before(cutoff)} questions erased."


@task("questions.remind_answerers", daily_at=datetime.time(8, 0))
def remind_answerers() -> str:
    return f"{services.answerers_remind()} answerers reminded of waiting questions."
