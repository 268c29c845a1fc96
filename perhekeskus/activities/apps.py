from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "perhekeskus.activities"
    verbose_name = "Activities"

    def ready(self) -> None:
        from perhekeskus.activities import retention  # noqa: F401  (registers the daily task)
