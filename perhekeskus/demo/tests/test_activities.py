import io

from django.core.management import call_command

from perhekeskus.activities.models import Activity
from perhekeskus.core.models import ChangeRecord


def test_the_demo_network_has_recurring_activities_in_every_municipality(db):
    call_command("load_demo", stdout=io.StringIO())
    activities = Activity.objects.select_related("location__municipality")
    assert activities.count() >= 80
    assert len({a.location.municipality.code for a in activities}) == 13
    assert {a.repeat for a in activities} == {"none", "weekly", "fortnightly", "monthly"}
    for activity in activities:
        activity.full_clean()
    recorded = ChangeRecord.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert ChangeRecord.objects.count() == recorded  # loading again changes nothing
