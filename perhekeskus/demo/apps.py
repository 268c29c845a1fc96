from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top floor: the demo network, the synthetic generator and the benchmarks. Nothing imports it."""

    name = "perhekeskus.demo"
    label = "demo"
    verbose_name = "Demo"
