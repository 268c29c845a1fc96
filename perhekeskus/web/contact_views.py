"""Services a family can turn to, as the search page's next steps and the helplines page show them: a
page, a phone, a chat, a contact request and, with their hours, whether they are open and when they
open next."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from perhekeskus.catalog import opening_hours
from perhekeskus.catalog import selectors as catalog_selectors
from perhekeskus.catalog.models import Service
from perhekeskus.referrals import selectors as referral_selectors
from perhekeskus.search import selectors
from perhekeskus.search.presenters import HitPresenter


def contact_views(
    parts: dict[str, list[selectors.Hit]], language: str, with_hours: bool, hours_of: tuple[str, ...] = ()
) -> dict:
    """Each part's hits as services to contact (_contact_view), in a query or two (with_hours: four
    more). `hours_of`: the delivery modes whose hours count (a helpline's phone and chat, not its
    office's appointments), when a service has any of them."""
    shown = {part: [HitPresenter(hit, language) for hit in hits] for part, hits in parts.items()}
    services = catalog_selectors.services_to_contact(
        [hit.id for hits in shown.values() for hit in hits], with_hours=with_hours
    )
    callers = referral_selectors.taking_contact_requests(services.values())
    now = timezone.now()
    return {
        part: [
            _contact_view(
                hit,
                services[hit.id],
                now,
                with_hours=with_hours,
                calls_back=hit.id in callers,
                hours_of=hours_of,
            )
            for hit in hits
            if hit.id in services
        ]
        for part, hits in shown.items()
    }


def _contact_view(
    shown: HitPresenter,
    service: Service,
    now: datetime.datetime,
    *,
    with_hours: bool,
    calls_back: bool,
    hours_of: tuple[str, ...],
) -> dict:
    """A service to turn to: its page, phone, chat and contact request (`calls_back`: it takes them, and
    someone reads them); `with_hours`: the opening it is in now (`open_span`, at any of its places of
    the modes `hours_of`, or any place when it has none of them) and when it opens next, with the day's
    name."""
    schedules = []
    if with_hours:
        deliveries = list(service.deliveries.all())
        counted = [d for d in deliveries if d.mode.code in hours_of] or deliveries
        schedules = [list(d.schedules.all()) for d in counted]
    span = _next_opening(schedules, now) if with_hours else None
    open_now = opening_hours.open_span(schedules, now) if with_hours else None
    return {
        "name": shown.name,
        "url": shown.path,
        "organization": shown.organization["name"],
        "phone": service.phone,
        "chat_url": service.eservice_url,
        "contact_url": reverse("contact_request", args=[shown.id]) if calls_back else "",
        "open_span": open_now,
        # Open for the next day at least: no closing time to tell.
        "open_round_the_clock": bool(open_now) and open_now.closes - now >= datetime.timedelta(hours=24),
        "opens_next": span,
        "opens_day": _day_name(span.opens.date(), timezone.localdate(now, opening_hours.HELSINKI))
        if span
        else "",
    }


def _day_name(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return gettext("today")
    if day == today + datetime.timedelta(days=1):
        return gettext("tomorrow")
    return date_format(day, "l")


def _next_opening(schedules: list[list], now: datetime.datetime) -> opening_hours.Span | None:
    """The first opening, at any place (the schedules of each), that starts after `now`, within eight
    days (a line open on Tuesdays, asked on Tuesday evening, opens in seven)."""
    today = timezone.localdate(now, opening_hours.HELSINKI)
    upcoming = [
        span
        for of_place in schedules
        for offset in range(8)
        for span in opening_hours.spans_starting_on(of_place, today + datetime.timedelta(days=offset))
        if span.opens > now
    ]
    return min(upcoming, key=lambda span: span.opens, default=None)
