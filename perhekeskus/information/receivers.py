"""What the information app does when the catalogue tells it something (catalog.signals)."""

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.signals import service_reviewed
from perhekeskus.information import services


def _answer_reports(sender, service, **kwargs) -> None:
    services.accuracy_reports_resolve(service=service)


def connect() -> None:
    service_reviewed.connect(_answer_reports, sender=Service, dispatch_uid="information.answer_reports")
