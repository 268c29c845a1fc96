"""The demo's review dates: some never confirmed, most in time, some overdue — the same each time."""

import datetime

import pytest

from perhekeskus.catalog.freshness import review_status
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.demo.reviews import set_review_dates
from perhekeskus.network.models import Network

pytestmark = pytest.mark.django_db


def test_review_dates_are_spread_like_a_network_in_use_and_the_same_when_loaded_again():
    network = Network.objects.create(slug="demo", name_fi="Demo")
    organization = factories.organization()
    organization.networks.add(network)
    # Ids are random and the spread hangs on them: with 300 services, the chance that none is never
    # confirmed (8 %) is 0.92^300 ≈ 10⁻¹¹; with 60 it was 0.7 %, and the suite failed on it.
    for number in range(300):
        factories.service(organization=organization, name_fi=f"Palvelu {number}")
    today = datetime.date(2026, 12, 5)
    counts = set_review_dates(network, today)
    first = dict(Service.objects.values_list("pk", "last_reviewed_at"))
    assert set_review_dates(network, today) == counts
    assert dict(Service.objects.values_list("pk", "last_reviewed_at")) == first
    assert counts["never"] and counts["overdue"] and counts["in_time"] > counts["overdue"] + counts["never"]
    status = review_status(Service.objects.all(), today)
    # What the report and the freshness page count is what was set.
    assert (len(status.in_time), len(status.overdue), len(status.never)) == (
        counts["in_time"], counts["overdue"], counts["never"],
    )  # fmt: skip
    # None so old that it would leave search (12 months unreviewed).
    assert min(d for d in first.values() if d) > today - datetime.timedelta(days=365)
