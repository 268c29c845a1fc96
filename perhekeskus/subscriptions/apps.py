from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "perhekeskus.subscriptions"
    label = "subscriptions"
    verbose_name = "Subscriptions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from perhekeskus.subscriptions import services  # noqa: F401  (registers the digest and expiry tasks)
