from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "perhekeskus.messaging"
    label = "messaging"
    verbose_name = "Messaging"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from perhekeskus.messaging import services  # noqa: F401  (registers the sending task)
