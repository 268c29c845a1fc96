from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "perhekeskus.opendata"
    verbose_name = "Open data"
