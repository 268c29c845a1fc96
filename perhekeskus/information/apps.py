from django.apps import AppConfig


class InformationConfig(AppConfig):
    name = "perhekeskus.information"
    verbose_name = "Information"

    def ready(self) -> None:
        from perhekeskus.information import receivers, retention  # noqa: F401  (registers the daily task)

        receivers.connect()
