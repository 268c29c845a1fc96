from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "perhekeskus.activities"
    verbose_name = "Activities"

    def ready(self) -> None:
        from perhekeskus.activities import receivers, retention  # noqa: F401  (retention registers the daily task)

        receivers.connect()
