"""Counting what families open, without personal data: per service and day, nothing about the person."""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from perhekeskus.insights.models import ServiceView

# Robots, link previews and scripts do not count as families reading a page.
NOT_A_PERSON = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python|headless|http", re.I)


def is_person(request) -> bool:
    agent = request.headers.get("User-Agent", "")
    return request.method == "GET" and bool(agent) and not NOT_A_PERSON.search(agent)


def count_service_view(service_id) -> None:
    day = timezone.localdate()
    if ServiceView.objects.filter(service_id=service_id, day=day).update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            ServiceView.objects.create(service_id=service_id, day=day, views=1)
    except IntegrityError:  # another request made the day's row first
        ServiceView.objects.filter(service_id=service_id, day=day).update(views=F("views") + 1)
