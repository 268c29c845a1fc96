from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "perhekeskus.insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from perhekeskus.insights import snapshots  # noqa: F401  (registers the monthly recording)
