from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "perhekeskus.web"
    label = "web"
    verbose_name = "Web"
