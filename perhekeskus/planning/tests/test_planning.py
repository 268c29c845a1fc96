"""Action plans: the coordinator's writes with their history, indicator figures (entered and
computed against known data, with their history), comments by the responsible organisations, the
permission of every route, and the plan in the municipality report."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import ChangeRecord
from perhekeskus.insights import report
from perhekeskus.network.models import Coordinator, Membership, Municipality, Network
from perhekeskus.planning import indicators, urls
from perhekeskus.planning.models import Goal, Indicator, IndicatorValue, Measure, MeasureComment, Plan
from perhekeskus.referrals.models import Referral
from perhekeskus.search.models import SearchLog
from perhekeskus.workspace.tests.conftest import make_user, people, sign_in  # noqa: F401

PLAN = {
    "title_fi": "Lieksan perhekeskuksen toimintasuunnitelma",
    "municipality": "",
    "starts": 2026,
    "ends": 2027,
}


@pytest.fixture
def plan(people):  # noqa: F811
    """Lieksa's plan with a goal, a measure of "ours" and two indicators, made through the pages."""
    from django.test import Client

    client = Client()
    sign_in(client, people["coordinator"])
    lieksa = people["network"].municipalities.get(code="422")
    client.post(reverse("planning:plan_create", args=["pk"]), {**PLAN, "municipality": lieksa.pk})
    plan = Plan.objects.get()
    client.post(
        reverse("planning:goal_create", args=[plan.pk]),
        {"title_fi": "Vanhemmuuden tuki lähelle", "position": 1, "public": "on"},  # as the form shows it
    )
    goal = Goal.objects.get()
    client.post(
        reverse("planning:measure_create", args=[goal.pk]),
        {
            "title_fi": "Perhekahvila kylille",
            "schedule": "2026",
            "status": "in-progress",
            "responsible": [people["ours"].pk],
        },
    )
    client.post(
        reverse("planning:indicator_create", args=[goal.pk]),
        {"name_fi": "Kävijät", "source": "entered", "unit": "hlöä"},
    )
    client.post(
        reverse("planning:indicator_create", args=[goal.pk]),
        {"name_fi": "Kattavuus", "source": "core-coverage", "unit": "%"},
    )
    return {"plan": plan, "goal": goal, "measure": Measure.objects.get(), "client": client, "lieksa": lieksa,
            "entered": Indicator.objects.get(source="entered"), "computed": Indicator.objects.get(source="core-coverage")}  # fmt: skip


def test_a_coordinator_builds_a_plan_and_every_change_is_recorded(people, plan):  # noqa: F811
    client = plan["client"]
    measure = plan["measure"]
    assert list(measure.responsible.all()) == [people["ours"]]
    client.post(
        reverse("planning:measure_edit", args=[measure.pk]),
        {
            "title_fi": "Perhekahvila kylille",
            "schedule": "2026",
            "status": "done",
            "responsible": [people["ours"].pk],
        },
    )
    measure.refresh_from_db()
    assert measure.status == "done"
    actions = sorted(ChangeRecord.objects.values_list("object_repr", "action"))
    assert ("Perhekahvila kylille", "created") in actions and ("Perhekahvila kylille", "updated") in actions
    update = ChangeRecord.objects.get(action="updated")
    assert (
        update.changes["status"] == {"old": "in-progress", "new": "done"}
        and update.actor == people["coordinator"]
    )
    page = client.get(reverse("planning:plan", args=[plan["plan"].pk])).content.decode()
    assert "Perhekahvila kylille" in page and "Muutoshistoria" in page
    history = page[page.index('id="history-heading"') :]
    assert "Lieksan perhetyö ry" in history  # the responsible organisation by name, not by id
    assert str(people["ours"].pk) not in history


def test_entered_figures_make_the_indicators_history(people, plan):  # noqa: F811
    client, indicator = plan["client"], plan["entered"]
    for on, value in (("2026-03-01", "12"), ("2026-06-01", "30"), ("2026-06-01", "31")):
        client.post(reverse("planning:value_add", args=[indicator.pk]), {"on": on, "value": value})
    assert [(str(v.on), v.value) for v in indicator.values.all()] == [("2026-03-01", 12), ("2026-06-01", 31)]
    assert indicators.current(indicator) == Decimal(31)
    page = client.get(reverse("planning:plan", args=[plan["plan"].pk])).content.decode()
    assert "<svg" in page and "1.6.26" in page
    # A computed indicator takes no entered figures.
    response = client.post(
        reverse("planning:value_add", args=[plan["computed"].pk]), {"on": "2026-06-01", "value": "1"}
    )
    assert response.status_code == 302 and not plan["computed"].values.exists()
    client.post(reverse("planning:value_add", args=[indicator.pk]), {"on": "", "value": "x"})
    assert indicator.values.count() == 2


def test_computed_indicators_against_known_data(people, plan):  # noqa: F811
    the_plan, lieksa = plan["plan"], plan["lieksa"]
    today = timezone.localdate()
    # One core service reaching Lieksa: 1 of the model's core types.
    from perhekeskus.catalog.models import ServiceType

    clinic = factories.service(organization=people["ours"], types=("child-health-clinic",), name_fi="Neuvola")
    factories.delivery(service_obj=clinic, mode="online", municipalities=[lieksa])
    core_total = ServiceType.objects.filter(is_core=True).count()
    assert indicators.core_coverage(the_plan, today) == Decimal(round(100 / core_total, 1))
    # Online only is available but not delivered in Lieksa; a home visit there is.
    assert indicators.core_local(the_plan, today) == 0
    visits = factories.service(organization=people["ours"], types=("family-work",), name_fi="Perhetyö")
    factories.delivery(service_obj=visits, mode="home-visit", municipalities=[lieksa])
    assert indicators.core_local(the_plan, today) == Decimal(round(100 / core_total, 1))
    assert indicators.core_coverage(the_plan, today) == Decimal(round(200 / core_total, 1))
    # Searches with no results in 30 days, limited to Lieksa.
    for municipality, count in (("422", 0), ("422", 0), ("422", 3), ("167", 0)):
        SearchLog.objects.create(
            query="x", query_key="x", language="fi", filters={}, municipality=municipality, result_count=count
        )
    old = SearchLog.objects.create(
        query="x", query_key="x", language="fi", filters={}, municipality="422", result_count=0
    )
    SearchLog.objects.filter(pk=old.pk).update(searched_at=timezone.now() - datetime.timedelta(days=31))
    assert indicators.searches_no_results(the_plan, today) == 2
    # Referrals accepted in 30 days to services reaching Lieksa.
    Referral.objects.create(service=clinic, receiving_organization=people["ours"], accepted_at=timezone.now())
    Referral.objects.create(service=clinic, receiving_organization=people["ours"])
    assert indicators.referrals_accepted(the_plan, today) == 1
    # Services overdue for review.
    from perhekeskus.catalog.models import Service

    Service.objects.filter(pk=clinic.pk).update(last_reviewed_at=today - datetime.timedelta(days=400))
    assert indicators.overdue_services(the_plan, today) == 1
    # The daily task keeps the computed figures as history, once a day.
    assert indicators.record_indicators() == "1 computed indicators recorded."
    indicators.record_indicators()
    assert [(v.on, v.value) for v in plan["computed"].values.all()] == [
        (today, Decimal(round(200 / core_total, 1)))
    ]
    assert not plan["entered"].values.exists()


def test_responsible_organisations_comment_and_others_do_not(client, people, plan):  # noqa: F811
    url = reverse("planning:comment_add", args=[plan["measure"].pk])
    sign_in(client, people["editor"])  # a member of "ours", responsible
    client.post(url, {"text": "Aloitimme Kolilla."})
    assert MeasureComment.objects.get().organization == people["ours"]
    client.post(url, {"text": "x" * 2001})
    assert MeasureComment.objects.count() == 1
    client.logout()
    sign_in(client, people["outsider"])  # a member of "theirs": reads, does not comment
    assert client.get(reverse("planning:plan", args=[plan["plan"].pk])).status_code == 200
    assert client.post(url, {"text": "Meiltäkin"}).status_code == 403
    assert MeasureComment.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**PLAN, "ends": 2025}, "cannot come before"),
        ({**PLAN, "starts": 1990}, "between 2000 and 2100"),
        ({**PLAN, "title_fi": ""}, "required"),
    ],
)
def test_a_bad_plan_is_refused_with_a_reason(client, people, data, message):  # noqa: F811
    sign_in(client, people["coordinator"])
    response = client.post(
        reverse("planning:plan_create", args=["pk"]).replace("/workspace/", "/en/workspace/", 1), data
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Plan.objects.exists()


def _routes(plan) -> list[tuple[str, str, bool]]:
    """(name, url, is a write) of every route."""
    ids = {
        "plan_list": [], "plan_create": ["pk"], "plan": [plan["plan"].pk], "plan_edit": [plan["plan"].pk],
        "goal_create": [plan["plan"].pk], "goal_edit": [plan["goal"].pk], "measure_create": [plan["goal"].pk],
        "measure_edit": [plan["measure"].pk], "comment_add": [plan["measure"].pk], "indicator_create": [plan["goal"].pk],
        "indicator_edit": [plan["entered"].pk], "value_add": [plan["entered"].pk], "goal_remove": [plan["goal"].pk],
        "measure_remove": [plan["measure"].pk], "indicator_remove": [plan["entered"].pk],
    }  # fmt: skip
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(ids), "a new route needs a permission test"
    return [
        (name, reverse(f"planning:{name}", args=ids[name]), name not in ("plan_list", "plan"))
        for name in sorted(names)
    ]


def _state():
    return (
        ChangeRecord.objects.count(), Plan.objects.count(), Goal.objects.count(), Measure.objects.count(),
        Indicator.objects.count(), IndicatorValue.objects.count(), MeasureComment.objects.count(),
        sorted(Measure.objects.values_list("title_fi", "status")),
    )  # fmt: skip


@pytest.mark.parametrize("who", ["anonymous", "reader", "stranger", "strange member"])
def test_every_route_refuses_those_who_may_not(client, people, plan, django_user_model, who):  # noqa: F811
    other = Network.objects.create(slug="muu", name_fi="Muu verkosto")
    stranger = make_user(django_user_model, "muu@example.fi")
    Coordinator.objects.create(user=stranger, network=other)
    member = make_user(django_user_model, "muu-jasen@example.fi")
    elsewhere = factories.organization(name_fi="Muualla ry")
    elsewhere.networks.add(other)
    Membership.objects.create(user=member, organization=elsewhere, role=Membership.Role.ADMIN)
    before = _state()
    user = {"reader": people["outsider"], "stranger": stranger, "strange member": member}.get(who)
    if user is not None:
        sign_in(client, user)
    data = {
        **PLAN,
        "title_fi": "Kaapattu",
        "name_fi": "Kaapattu",
        "schedule": "x",
        "status": "dropped",
        "text": "x",
        "on": "2026-01-01",
        "value": "1",
    }
    for name, url, write in _routes(plan):
        get, post = client.get(url), client.post(url, data)
        if who == "anonymous":
            assert get.status_code == 302 and get["Location"].startswith(reverse("workspace:sign_in")), name
            continue
        if who == "reader":  # a member of an organisation of the network: reads, does not write
            if not write:
                assert get.status_code == 200, name
            else:
                assert post.status_code in (403, 404) and get.status_code in (403, 404, 405), name
            continue
        # Another network's people: the plan does not exist for them.
        if name == "plan_list":
            assert get.status_code == 200 and "Lieksan perhekeskuksen" not in get.content.decode()
        else:
            assert get.status_code in (404, 405) and post.status_code in (404, 405), (
                name,
                get.status_code,
                post.status_code,
            )
    assert _state() == before


def test_the_plan_is_in_the_municipality_report(people, plan):  # noqa: F811
    plan["client"].post(
        reverse("planning:value_add", args=[plan["entered"].pk]), {"on": "2026-06-01", "value": "31.50"}
    )
    Indicator.objects.filter(pk=plan["entered"].pk).update(target=Decimal("60.00"))
    data = report.report_data(plan["lieksa"])
    [item] = data["plans"]
    assert item["plan"] == plan["plan"]
    assert [(str(label), count) for label, count in item["statuses"]][1] == ("käynnissä", 1)
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(report.pdf(plan["lieksa"], "fi"))).pages
    )
    assert "Lieksan perhekeskuksen toimintasuunnitelma 2026–2027" in text
    assert "Perhekahvila kylille" in text and "Lieksan perhetyö ry" in text
    # Figures as people write them: no zero decimals, the unit with the target too.
    assert "Kävijät: 31,5 hlöä (tavoite 60 hlöä)" in text and "Kattavuus: 0 %" in text
    # The Swedish item says which of the plan's texts nobody has translated.
    swedish = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(report.pdf(plan["lieksa"], "sv"))).pages
    )
    assert "Perhekahvila kylille (endast på finska)" in swedish
    assert "Kävijät (endast på finska): 31,5 hlöä (mål 60 hlöä)" in swedish
    # The Word item has the plan too (its proposal speaks of it), marked alike.
    from docx import Document

    from perhekeskus.insights import committee_item

    def word(language: str) -> list[str]:
        document = Document(io.BytesIO(committee_item.docx(plan["lieksa"], language)))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return [paragraph.text for paragraph in document.paragraphs] + cells

    finnish = word("fi")
    assert "Lieksan perhekeskuksen toimintasuunnitelma 2026–2027" in finnish
    assert "Perhekahvila kylille" in finnish and "Lieksan perhetyö ry" in finnish
    assert "Kävijät: 31,5 hlöä (tavoite 60 hlöä)" in finnish
    swedish_item = word("sv")
    assert "Perhekahvila kylille (endast på finska)" in swedish_item
    assert "Kävijät (endast på finska): 31,5 hlöä (mål 60 hlöä)" in swedish_item
    assert any(text.startswith("Namn på tjänster, platser och organisationer") for text in swedish_item)
    book = load_workbook(io.BytesIO(report.xlsx(plan["lieksa"], "fi")))
    # Measures and indicators in a table each.
    measures = [[c.value for c in row] for row in book.worksheets[-2].iter_rows()]
    assert measures[1][2:] == ["Perhekahvila kylille", "Lieksan perhetyö ry", "2026", "käynnissä"]
    indicators = [[c.value for c in row] for row in book.worksheets[-1].iter_rows()]
    assert indicators[0][2:] == ["Mittari", "Nyt", "Yksikkö", "Tavoite"]
    assert indicators[1][2:] == ["Kävijät", 31.5, "hlöä", 60]
    # Joensuu's report has no plan of Lieksa's.
    assert report.report_data(people["network"].municipalities.get(code="167"))["plans"] == []


def test_the_networks_coverage_is_exact_over_several_municipalities(people):  # noqa: F811
    from perhekeskus.catalog.models import ServiceType

    network = people["network"]
    network.municipalities.add(*Municipality.objects.filter(code="541"))  # three municipalities
    plan = Plan.objects.create(network=network, title_fi="Verkosto", starts=2026, ends=2026)
    clinic = factories.service(organization=people["ours"], types=("child-health-clinic",), name_fi="Neuvola")
    factories.delivery(
        service_obj=clinic, mode="online", municipalities=[network.municipalities.get(code="422")]
    )
    core_total = ServiceType.objects.filter(is_core=True).count()
    value = indicators.core_coverage(plan, timezone.localdate())
    assert value == (Decimal(100) / Decimal(3 * core_total)).quantize(Decimal("0.1"))
    assert str(value) == "1.3"


def test_removed_parts_and_figures_stay_in_the_plans_history(people, plan):  # noqa: F811
    client = plan["client"]
    client.post(reverse("planning:value_add", args=[plan["entered"].pk]), {"on": "2026-06-01", "value": "12"})
    client.post(reverse("planning:value_add", args=[plan["entered"].pk]), {"on": "2026-06-01", "value": "14"})
    client.post(reverse("planning:goal_remove", args=[plan["goal"].pk]))
    assert not Goal.objects.exists()
    page = client.get(reverse("planning:plan", args=[plan["plan"].pk])).content.decode()
    history = page[page.index('id="history-heading"') :]
    for text in ("Vanhemmuuden tuki lähelle", "Perhekahvila kylille", "Kävijät", "2026-06-01"):
        assert text in history, text
    records = [
        r for r in ChangeRecord.objects.filter(source=f"plan:{plan['plan'].pk}") if "2026-06-01" in r.changes
    ]
    assert [r.changes["2026-06-01"] for r in records] == [
        {"old": "12.00", "new": "14"},
        {"old": None, "new": "12"},
    ]


def test_a_negative_figure_is_refused_and_the_chart_shows_a_month_once(people, plan):  # noqa: F811
    client, indicator = plan["client"], plan["entered"]
    client.post(reverse("planning:value_add", args=[indicator.pk]), {"on": "2026-06-01", "value": "-5"})
    assert not indicator.values.exists()
    for on, value in (("2026-05-03", "10"), ("2026-06-01", "12"), ("2026-06-20", "15")):
        client.post(reverse("planning:value_add", args=[indicator.pk]), {"on": on, "value": value})
    shown = indicators.figures(indicator)
    assert [(str(p.on), p.value) for p in shown["points"]] == [("2026-05-03", 10), ("2026-06-20", 15)]
    # The source of an indicator with figures stays.
    client.post(
        reverse("planning:indicator_edit", args=[indicator.pk]),
        {"name_fi": "Kävijät", "source": "core-coverage"},
    )
    indicator.refresh_from_db()
    assert indicator.source == "entered"


def test_a_coordinator_publishes_the_plan_on_the_family_centre_page(
    client,
    people,  # noqa: F811
    plan,
    django_capture_on_commit_callbacks,
):
    from django.db import connection

    from perhekeskus.network.models import FamilyCentre

    for code in ("422", "167"):
        place = people["network"].municipalities.get(code=code)
        FamilyCentre.objects.create(
            municipality=place, network=people["network"], name_fi=f"Perhekeskus {code}"
        )
    plan["client"].post(
        reverse("planning:value_add", args=[plan["entered"].pk]), {"on": "2026-06-01", "value": "31"}
    )
    page = reverse("municipality", args=["422"])
    assert "Perhekahvila kylille" not in client.get(page).content.decode()  # not public yet
    # A second goal kept in the workspace only.
    plan["client"].post(
        reverse("planning:goal_create", args=[plan["plan"].pk]),
        {"title_fi": "Sisäinen tavoite", "position": 2},
    )
    Goal.objects.filter(title_fi="Sisäinen tavoite").update(public=False)
    # Committed, it moves the kept public pages on (web.page_cache); earlier writes wait for a commit
    # that a test never makes.
    connection.run_on_commit.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = plan["client"].post(
            reverse("planning:plan_edit", args=[plan["plan"].pk]),
            {**PLAN, "municipality": plan["lieksa"].pk, "public": "on"},
        )
    assert response.status_code == 302 and Plan.objects.get().public
    text = " ".join(client.get(page).content.decode().split())
    assert "Lieksan perhekeskuksen toimintasuunnitelma 2026–2027" in text
    assert "Vanhemmuuden tuki lähelle" in text
    assert (
        'Perhekahvila kylille <span class="status status-in-progress">(käynnissä)</span>, Lieksan perhetyö ry'
        in text
    )
    assert "<strong>Kävijät</strong>: 31 hlöä" in text
    assert "Sisäinen tavoite" not in text
    # Joensuu's page does not show Lieksa's plan; nothing on the page edits anything.
    assert "Perhekahvila kylille" not in client.get(reverse("municipality", args=["167"])).content.decode()
    assert "/workspace/" not in text.split("<main", 1)[1].split("</main>", 1)[0]
