from perhekeskus.demo.planning import load_demo_planning
from perhekeskus.information.models import Page
from perhekeskus.planning.models import Indicator, Measure, Plan
from perhekeskus.workspace.tests.conftest import people  # noqa: F401


def test_the_demo_plan_and_pages_are_made_once(client, people):  # noqa: F811
    network = people["network"]
    assert load_demo_planning(network) == 3  # a plan, an about page and a news item
    assert load_demo_planning(network) == 0
    plan = Plan.objects.get()
    assert plan.municipality.code == "422" and Measure.objects.filter(goal__plan=plan).count() == 3
    assert Indicator.objects.get(source="entered").values.count() == 5
    assert Page.objects.filter(published__isnull=False).count() == 2
    assert "Perhekahvilat kyliin" in client.get("/").content.decode()
    assert "<strong>verkosto</strong>" in client.get("/about/pk/").content.decode()
