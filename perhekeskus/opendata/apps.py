from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "perhekeskus.opendata"
    verbose_name = "Open data"

    def ready(self) -> None:
        from perhekeskus.core import public_cache

        # The open data and the search API are kept in the shared cache until any of what they show
        # changes: the catalogue and the network (decision record 0026).
        public_cache.watch("catalog", "network")
