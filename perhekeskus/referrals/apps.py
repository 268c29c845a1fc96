from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "perhekeskus.referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from perhekeskus.referrals import retention  # noqa: F401  (registers the daily task)
