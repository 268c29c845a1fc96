from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "perhekeskus.workspace"
    verbose_name = "Workspace"

    def ready(self) -> None:
        from perhekeskus.workspace import freshness  # noqa: F401  (registers the daily task)
