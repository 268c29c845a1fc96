from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "perhekeskus.activities"
    verbose_name = "Activities"

    def ready(self) -> None:
        from perhekeskus.activities import feedback, receivers, reminders, retention  # noqa: F401  (they register tasks)

        receivers.connect()
