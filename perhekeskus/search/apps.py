from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "perhekeskus.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from perhekeskus.search import receivers, retention, services  # noqa: F401  (retention registers the daily task)

        receivers.connect()
        # A request's searches are logged after its response (services.search_log).
        request_started.connect(services.search_logs_begin, dispatch_uid="search_logs_begin")
        request_finished.connect(services.search_logs_write, dispatch_uid="search_logs_write")
