"""Demo activities: a realistic week of family cafés, clubs, groups and courses in each of the demo
network's municipalities, at places of the services that run them. Dates follow the current season,
so that the demo always has upcoming times; loading again on the same day changes nothing."""

import datetime

from django.db.models import F
from django.utils import timezone

from perhekeskus.activities.models import Activity
from perhekeskus.activities.services import activity_save
from perhekeskus.catalog.demo import SOURCE, _existing, demo_id
from perhekeskus.catalog.models import Delivery, Language
from perhekeskus.catalog.selectors import listed_services

T = datetime.time
# key, title (fi, sv, en), description (fi), weekday, time, minutes, repeat, registration, capacity,
# age range (months), price (fi) or None
TEMPLATES = [
    ("perhekahvila", ("Perhekahvila", "Familjecafé", "Family café"),
     "Avoin kohtaamispaikka vanhemmille ja lapsille: kahvia, leikkiä ja juttuseuraa. Ei ilmoittautumista.",
     1, T(9, 30), 150, "weekly", "none", None, (0, 84), None),
    ("vauvakerho", ("Vauvakerho", "Babyklubb", "Baby club"),
     "Vauvaperheiden kerho: laululeikkejä, lorutteluja ja vertaistukea ensimmäisen vuoden arkeen.",
     2, T(10), 90, "weekly", "required", 12, (0, 12), None),
    ("isa-lapsi-ilta", ("Isä–lapsi-ilta", "Pappa–barn-kväll", "Dads and kids evening"),
     "Isien ja lasten oma ilta kuukauden toisena tiistaina: liikuntaa, askartelua ja iltapala.",
     1, T(17, 30), 120, "monthly", "none", None, (12, 144), None),
    ("eroperheiden-ryhma", ("Eron jälkeen – vertaisryhmä vanhemmille", "Efter skilsmässan – kamratgrupp",
                            "After separation – peer group for parents"),
     "Kahdeksan kerran suljettu vertaisryhmä eronneille vanhemmille. Ohjaajina koulutetut vapaaehtoiset.",
     3, T(18), 90, "fortnightly", "required", 10, (None, None), None),
    ("vauvaruokakurssi", ("Vauvaruokakurssi", "Kurs om barnmat", "Baby food course"),
     "Käytännön kurssi soseista sormiruokaan: maistelua ja ohjeet kotiin. Materiaalimaksu.",
     4, T(17), 120, "none", "required", 14, (4, 12), "10 € / perhe"),
    ("perheliikunta", ("Perheliikuntavuoro", "Familjegympa", "Family gym"),
     "Vapaata liikuntaa koko perheelle salissa: pallot, patjat ja tunneli ovat valmiina.",
     6, T(10), 90, "weekly", "none", None, (12, 144), None),
    ("satutuokio", ("Satutuokio", "Sagostund", "Story time"),
     "Satuja ja kuvakirjoja leikki-ikäisille, mukana aikuinen. Sopii myös suomea opetteleville perheille.",
     5, T(11), 45, "fortnightly", "none", None, (24, 84), None),
]  # fmt: skip
PREFERRED_KINDS = ("ngo", "parish", "municipality", "wellbeing-services-county")


def _season(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From eight weeks ago to ten months ahead, starting on a Monday."""
    monday = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=8)
    return monday, monday + datetime.timedelta(days=300)


def _hosts(network) -> dict[str, list]:
    """Per municipality, (service, place) pairs where listed services meet families, community first."""
    deliveries = (
        Delivery.objects.filter(
            service__in=listed_services(),
            service__organization__networks=network,
            location__isnull=False,
            location__confidential=False,
            location__organization=F("service__organization"),
        )
        .select_related("service__organization__kind", "location__municipality")
        .order_by("location__name_fi", "service__name_fi")
    )
    by_municipality: dict[str, list] = {}
    for delivery in deliveries:
        kind = delivery.service.organization.kind.code
        rank = PREFERRED_KINDS.index(kind) if kind in PREFERRED_KINDS else len(PREFERRED_KINDS)
        by_municipality.setdefault(delivery.location.municipality.code, []).append(
            (rank, delivery.service, delivery.location)
        )
    return {
        code: [(s, p) for _r, s, p in sorted(rows, key=lambda row: row[0])]
        for code, rows in by_municipality.items()
    }


def load_demo_activities(network, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    first, last = _season(today)
    finnish = Language.objects.filter(code="fi")
    count = 0
    for code, hosts in sorted(_hosts(network).items()):
        for index, template in enumerate(TEMPLATES):
            key, titles, description, weekday, start, minutes, repeat, registration, capacity, ages, price = (
                template
            )
            service, place = hosts[index % len(hosts)]
            starts_on = first + datetime.timedelta(days=weekday)
            if repeat == "monthly":  # the second weekday of the month
                starts_on = datetime.date(first.year, first.month, 8)
                starts_on += datetime.timedelta(days=(weekday - starts_on.weekday()) % 7)
            values = {
                "service": service, "location": place, "title_fi": titles[0], "title_sv": titles[1],
                "title_en": titles[2], "description_fi": description, "starts_on": starts_on, "start_time": start,
                "duration_minutes": minutes, "repeat": "none" if repeat == "none" else repeat,
                "repeat_until": None if repeat == "none" else last,
                "repeat_count": 8 if key == "eroperheiden-ryhma" else None,
                "extra_dates": (
                    [(today + datetime.timedelta(days=d)).isoformat() for d in (10, 24)] if repeat == "none" else []
                ),
                "registration": registration, "capacity": capacity, "registration_opens_days": 30,
                "registration_closes_hours": 2, "waiting_list": True, "age_min_months": ages[0],
                "age_max_months": ages[1], "is_free": price is None, "price_fi": price or "",
            }  # fmt: skip
            if values["repeat_count"]:
                values["repeat_until"] = None
                values["starts_on"] = (
                    today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=weekday)
                )
            activity_save(
                actor=None,
                activity=_existing(Activity, demo_id("activity", f"{code}:{key}")),
                values=values,
                languages=finnish,
                source=SOURCE,
            )
            count += 1
    return count
