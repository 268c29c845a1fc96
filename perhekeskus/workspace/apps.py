from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "perhekeskus.workspace"
    verbose_name = "Workspace"
