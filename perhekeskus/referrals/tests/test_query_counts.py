"""The referral inbox makes as many queries for many referrals as for one: no query per row (N+1)."""

from django.urls import reverse

from perhekeskus.core.tests.utils import queries_of
from perhekeskus.referrals import services
from perhekeskus.referrals.tests.conftest import referral_values, sides  # noqa: F401
from perhekeskus.workspace.tests.conftest import make_user, people, sign_in  # noqa: F401


def _send(sides, **values):  # noqa: F811
    return services.referral_send(
        actor=sides["referrer"],
        service=sides["service"],
        sending_organization=sides["theirs"],
        values=referral_values(**values),
    )


def test_the_inbox_makes_no_query_per_referral(client, sides):  # noqa: F811
    _send(sides)
    sign_in(client, sides["editor"])
    url = reverse("referrals:inbox")
    client.get(url)
    few = queries_of(client, url)
    more = [_send(sides, family_name=f"Perhe {n}") for n in range(6)]
    page = client.get(url).content.decode()
    assert all(reverse("referrals:detail", args=[referral.pk]) in page for referral in more)
    assert queries_of(client, url) == few
