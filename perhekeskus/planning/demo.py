"""Demo of the planning and the coordinators' pages: Lieksa's action plan for 2026–2027, the network's
about page and a news item, so that `make run` shows them. Made once: nothing is added when the
network has a plan or pages already."""

import datetime
from decimal import Decimal

from django.utils import timezone

from perhekeskus.core.services import save_tracked
from perhekeskus.information import pages
from perhekeskus.information.models import Page
from perhekeskus.network.models import Organization
from perhekeskus.planning.models import Goal, Indicator, IndicatorValue, Measure, Plan
from perhekeskus.planning.selectors import source_of

MEASURES = [
    (
        "Perhekahvila kyliin: Koli, Vuonislahti ja Hattuvaara",
        "2026",
        Measure.Status.IN_PROGRESS,
        ("ngo", "parish"),
    ),
    (
        "Neuvolan ja perhetyön yhteiset kotikäynnit",
        "kevät 2026",
        Measure.Status.DONE,
        ("wellbeing-services-county",),
    ),
    ("Eroperheiden vertaisryhmä verkossa", "syksy 2026", Measure.Status.PLANNED, ("ngo",)),
]


def load_demo_planning(network) -> int:
    """Lieksa's plan, the network's about page and a news item; the number of objects made."""
    if Plan.objects.filter(network=network).exists() or Page.objects.filter(network=network).exists():
        return 0
    lieksa = network.municipalities.filter(code="422").first()
    if lieksa is None:
        return 0
    organizations = Organization.objects.filter(networks=network)
    plan = Plan(network=network)
    source = source_of(plan)
    plan = save_tracked(
        instance=plan,
        source=source,
        values={
            "municipality": lieksa, "title_fi": "Lieksan perhekeskuksen toimintasuunnitelma",
            "title_sv": "Familjecentralen i Lieksas verksamhetsplan", "title_en": "Lieksa family centre action plan",
            "starts": 2026, "ends": 2027,
        },
    )  # fmt: skip
    goal = save_tracked(
        instance=Goal(plan=plan),
        source=source,
        values={
            "title_fi": "Tuki lähellä perhettä pitkistä välimatkoista huolimatta",
            "title_sv": "Stöd nära familjen trots långa avstånd",
            "title_en": "Support close to families despite long distances",
            "position": 1,
        },
    )
    for title, schedule, status, kinds in MEASURES:
        responsible = list(organizations.filter(kind__code__in=kinds, municipality=lieksa)[:2])
        save_tracked(
            instance=Measure(goal=goal),
            values={"title_fi": title, "schedule": schedule, "status": status},
            relations={"responsible": responsible or organizations.filter(kind__code__in=kinds)[:1]},
            source=source,
        )
    save_tracked(
        instance=Indicator(goal=goal),
        source=source,
        values={"name_fi": "Toimintamallin ydinpalveluista saatavilla", "source": Indicator.Source.CORE_COVERAGE, "unit": "%", "target": Decimal(100)},
    )  # fmt: skip
    visitors = save_tracked(
        instance=Indicator(goal=goal),
        source=source,
        values={"name_fi": "Kyläperhekahviloiden kävijät kuukaudessa", "source": Indicator.Source.ENTERED, "unit": "hlöä", "target": Decimal(60)},
    )  # fmt: skip
    today = timezone.localdate()
    for months_ago, value in ((5, 12), (4, 18), (3, 25), (2, 31), (1, 38)):
        IndicatorValue.objects.create(
            indicator=visitors, on=today - datetime.timedelta(days=30 * months_ago), value=value
        )
    about = pages.page_save(
        actor=None,
        place={"kind": Page.Kind.ABOUT, "network": network, "municipality": None, "life_situation": None},
        values={
            "title_fi": "Pohjois-Karjalan perhekeskukset", "title_sv": "Familjecentralerna i Norra Karelen",
            "title_en": "Family centres of North Karelia",
            "body_fi": "Perhekeskus on **verkosto**: hyvinvointialue, kunnat, järjestöt ja seurakunnat tarjoavat yhdessä "
            "palveluja lapsille, nuorille ja perheille.\n\n## Mistä apua?\n\n- Hae palveluja hakusivulta\n"
            "- Katso elämäntilanteiden oppaat\n- Tule perhekahvilaan",
            "body_sv": "Familjecentralen är ett **nätverk** av välfärdsområdet, kommunerna, organisationerna och "
            "församlingarna.",
            "body_en": "The family centre is a **network** of the wellbeing services county, the municipalities, organisations and parishes.",
        },
    )  # fmt: skip
    pages.publish(about)
    news = pages.page_save(
        actor=None,
        place={"kind": Page.Kind.NEWS, "network": network, "municipality": None, "life_situation": None},
        values={
            "title_fi": "Perhekahvilat kyliin", "title_sv": "Familjecaféer i byarna", "title_en": "Family cafés in the villages",
            "body_fi": "Lieksan kyliin avataan perhekahviloita yhdessä järjestöjen ja seurakunnan kanssa.",
            "expires_on": today + datetime.timedelta(days=60),
        },
    )  # fmt: skip
    pages.publish(news)
    return Plan.objects.filter(network=network).count() + Page.objects.filter(network=network).count()
