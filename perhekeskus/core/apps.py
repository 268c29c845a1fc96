from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "perhekeskus.core"
    label = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"
