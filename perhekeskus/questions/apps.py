from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "perhekeskus.questions"
    verbose_name = "Questions"

    def ready(self) -> None:
        from perhekeskus.questions import retention  # noqa: F401  (registers the daily tasks)
