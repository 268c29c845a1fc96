"""Records outlive their authors' accounts (and the demo's pages have none): the pages that name who
wrote or did something say "deleted account" (or "the system") instead of failing; and the coordinators'
usage page lists the referral figures by kind and declining reason."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from perhekeskus.catalog.models import Service
from perhekeskus.core.templatetags.perhekeskus import person
from perhekeskus.information import services as information_services
from perhekeskus.insights.models import ReviewReminder
from perhekeskus.network.models import Membership
from perhekeskus.planning.models import Goal, Measure, MeasureComment, Plan
from perhekeskus.referrals import services
from perhekeskus.referrals.tests.conftest import referral_values, sent, sides  # noqa: F401
from perhekeskus.workspace.tests.conftest import make_user, people, sign_in  # noqa: F401


def test_a_person_is_named_by_name_or_address(django_user_model):
    named = django_user_model(first_name="Raili", last_name="Lähettäjä", email="raili@example.fi")
    assert person(named) == "Raili Lähettäjä"
    assert person(django_user_model(email="nimeton@example.fi")) == "nimeton@example.fi"
    with translation.override("en"):
        assert person(None) == "deleted account"
    assert person(None, "–") == "–"


@pytest.fixture
def gone(sides, sent, django_user_model):  # noqa: F811
    """Someone of the receiving side wrote a message, a plan comment and a reminder; then their account
    was deleted."""
    ghost = make_user(django_user_model, "poistuva@example.fi", first_name="Pia", last_name="Poistuva")
    Membership.objects.create(user=ghost, organization=sides["ours"], role=Membership.Role.EDITOR)
    services.referral_message(actor=ghost, referral=sent, body="Soitan perheelle huomenna.")
    plan = Plan.objects.create(network=sides["network"], title_fi="Suunnitelma", starts=2026, ends=2027)
    measure = Measure.objects.create(
        goal=Goal.objects.create(plan=plan, title_fi="Tavoite"), title_fi="Toimi"
    )
    MeasureComment.objects.create(measure=measure, author=ghost, organization=sides["ours"], text="Hyvä!")
    ReviewReminder.objects.create(organization=sides["ours"], sent_by=ghost, services=1, recipients=1)
    # Overdue for review, so that the freshness page shows the reminder.
    Service.objects.filter(pk=sides["service"].pk).update(last_reviewed_at=datetime.date(2020, 1, 1))
    ghost.delete()
    return {**sides, "referral": sent, "plan": plan}


def _page(client, name: str, *args) -> str:
    """A workspace page in English."""
    with translation.override("en"):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_pages_name_a_deleted_author(client, gone):
    sign_in(client, gone["editor"])
    assert "deleted account" in _page(client, "referrals:detail", gone["referral"].pk)
    client.logout()
    sign_in(client, gone["coordinator"])
    assert "deleted account" in _page(client, "planning:plan", gone["plan"].pk)
    assert "deleted account" in _page(client, "insights:freshness", gone["network"].slug)


def test_a_page_version_made_by_the_system(client, people):  # noqa: F811
    place = {"kind": "about", "network": people["network"], "municipality": None, "life_situation": None}
    version = information_services.page_save(
        actor=None, place=place, values={"title_fi": "Meistä", "body_fi": "Teksti"}
    )
    sign_in(client, people["coordinator"])
    page = _page(client, "information:page_version", version.page_id, version.number)
    assert "the system or a deleted account" in page


def test_the_usage_page_counts_referrals_by_kind_and_declining_reason(client, sides, sent):  # noqa: F811
    services.referral_step(actor=sides["editor"], referral=sent, step_name="decline", reason="no-capacity")
    sign_in(client, sides["coordinator"])
    html = _page(client, "insights:usage", sides["network"].slug)
    assert "no capacity now" in html
    assert "From which kind of organisation to which" in html
