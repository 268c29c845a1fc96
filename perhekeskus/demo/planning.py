"""Demo of the planning and the coordinators' pages: Lieksa's action plan for 2026–2027 and the
summary and decision proposal of its committee item, the network's about page and a news item, so
that `make run` shows them. Made once: nothing is added when the network has a plan or pages
already."""

import datetime
from decimal import Decimal

from django.utils import timezone

from perhekeskus.core.services import save_tracked
from perhekeskus.demo import network as network_data
from perhekeskus.information import services as information_services
from perhekeskus.information.models import Page
from perhekeskus.insights import services as insights_services
from perhekeskus.network.models import Organization
from perhekeskus.planning.models import Goal, Indicator, IndicatorValue, Measure, Plan
from perhekeskus.planning.selectors import source_of


def _texts(prefix: str, value: str | dict) -> dict[str, str]:
    """`title_fi`, `title_sv`, ... of a text of the data file (a plain string is Finnish only)."""
    texts = {"fi": value} if isinstance(value, str) else value
    return {f"{prefix}_{code}": text for code, text in texts.items()}


def load_demo_planning(network) -> int:
    """Lieksa's plan, the network's about page and a news item (data/north_karelia/planning.yaml); the
    number of objects made."""
    if Plan.objects.filter(network=network).exists() or Page.objects.filter(network=network).exists():
        return 0
    data = network_data.read("planning.yaml")
    code = network_data.read("municipalities.yaml")[data["plan"]["municipality"]]
    municipality = network.municipalities.filter(code=code).first()
    if municipality is None:
        return 0
    organizations = Organization.objects.filter(networks=network)
    plan = Plan(network=network)
    source = source_of(plan)
    plan = save_tracked(
        instance=plan,
        source=source,
        values={
            "municipality": municipality,
            **_texts("title", data["plan"]["title"]),
            "starts": data["plan"]["starts"],
            "ends": data["plan"]["ends"],
            # On Lieksa's public family centre page, as a coordinator would publish it.
            "public": True,
        },
    )
    today = timezone.localdate()
    for position, row in enumerate(data["plan"]["goals"], start=1):
        goal = save_tracked(
            instance=Goal(plan=plan),
            source=source,
            values={**_texts("title", row["title"]), "position": position},
        )
        for measure in row["measures"]:
            kinds = measure["responsible"]
            responsible = list(organizations.filter(kind__code__in=kinds, municipality=municipality)[:2])
            save_tracked(
                instance=Measure(goal=goal),
                values={
                    **_texts("title", measure["title"]),
                    "schedule": measure["schedule"],
                    "status": measure["status"],
                },
                relations={"responsible": responsible or organizations.filter(kind__code__in=kinds)[:1]},
                source=source,
            )
        for indicator in row["indicators"]:
            saved = save_tracked(
                instance=Indicator(goal=goal),
                source=source,
                values={
                    **_texts("name", indicator["name"]),
                    "source": indicator["source"],
                    "unit": indicator["unit"],
                    "target": Decimal(indicator["target"]),
                },
            )
            for months_ago, value in indicator.get("figures", {}).items():
                IndicatorValue.objects.create(
                    indicator=saved, on=today - datetime.timedelta(days=30 * months_ago), value=value
                )
    written = data["report_text"]
    insights_services.report_text_save(
        actor=None,
        municipality=municipality,
        values={**_texts("summary", written["summary"]), **_texts("proposal", written["proposal"])},
    )
    pages = data["pages"]
    about = information_services.page_save(
        actor=None,
        place={"kind": Page.Kind.ABOUT, "network": network, "municipality": None, "life_situation": None},
        values={**_texts("title", pages["about"]["title"]), **_texts("body", pages["about"]["body"])},
    )
    information_services.page_version_publish(version=about)
    news = information_services.page_save(
        actor=None,
        place={"kind": Page.Kind.NEWS, "network": network, "municipality": None, "life_situation": None},
        values={
            **_texts("title", pages["news"]["title"]),
            **_texts("body", pages["news"]["body"]),
            "expires_on": today + datetime.timedelta(days=pages["news"]["expires_in_days"]),
        },
    )
    information_services.page_version_publish(version=news)
    return Plan.objects.filter(network=network).count() + Page.objects.filter(network=network).count()
