from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "perhekeskus.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from perhekeskus.search import receivers, retention  # noqa: F401  (retention registers the daily task)

        receivers.connect()
