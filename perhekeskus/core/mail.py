"""E-mails sent from background work and staff actions: rendered in the site's language, with
absolute links (`SITE_URL`), and sent only once the transaction that caused them has committed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

log = logging.getLogger(__name__)


def absolute_url(name: str, *args, language: str | None = None) -> str:
    """The page's address in `language` (its prefix, e.g. /en/), else in the site's language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def mail_on_commit(*, to: str, template: str, context: dict, language: str | None = None) -> None:
    """Renders `<template>.txt` and `<template>_subject.txt` (in `language`, else the site's); a message that fails to go is logged (the
    change it tells of stands)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        body = render_to_string(f"{template}.txt", context)
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())

    def send() -> None:
        try:
            send_mail(subject, body, None, [to])
        except Exception as error:  # the address stays out of the log: it may be a family's
            log.error("could not send %s: %s", template, type(error).__name__)

    transaction.on_commit(send)
