from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "perhekeskus.insights"
    verbose_name = "Insights"
