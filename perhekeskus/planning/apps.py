from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "perhekeskus.planning"
    verbose_name = "Planning"

    def ready(self) -> None:
        from perhekeskus.planning import indicators  # noqa: F401  (registers the daily task)
