"""Every referral address for anonymous people and each role: the expected status, and no personal
data read (no audit entry) nor changed when refused."""

import pytest
from django.urls import reverse

from perhekeskus.referrals.models import AuditEntry, Referral, ReferralMessage
from perhekeskus.referrals.tests.conftest import referral_values
from perhekeskus.workspace.tests.conftest import sign_in

# role → (inbox, services, new, detail, step accept, message, audit). Every member of an organisation
# may refer (a referrer is a member who does not edit listings).
EXPECTED = {
    "anonymous": (302, 302, 302, 302, 302, 302, 302),
    "referrer": (200, 200, 200, 200, 403, 302, 403),  # the sender
    "outsider": (200, 200, 200, 200, 403, 302, 403),  # admin of the sending organisation
    "editor": (200, 200, 200, 200, 302, 302, 403),  # member of the receiving organisation
    "coordinator": (200, 403, 403, 404, 404, 404, 200),
    "stranger": (200, 200, 200, 404, 404, 404, 403),  # admin of an unrelated organisation
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_referral_view_for_every_role(client, sides, sent, role):
    if role != "anonymous":
        sign_in(client, sides[role])
    service = sides["service"].pk
    checks = [
        ("get", reverse("referrals:inbox"), {}),
        ("get", reverse("referrals:services"), {}),
        ("get", reverse("referrals:new", args=[service]), {}),
        ("get", reverse("referrals:detail", args=[sent.pk]), {}),
        ("post", reverse("referrals:step", args=[sent.pk]), {"step": "accept"}),
        ("post", reverse("referrals:message", args=[sent.pk]), {"body": "Hei"}),
        ("get", reverse("referrals:audit"), {}),
    ]
    got = tuple(getattr(client, method)(url, data).status_code for method, url, data in checks)
    assert got == EXPECTED[role]
    referral = Referral.objects.get(pk=sent.pk)
    may_open = EXPECTED[role][3] == 200
    assert AuditEntry.objects.filter(referral_id=sent.pk, action="read").exists() is may_open
    assert (referral.status == "accepted") is (role == "editor")
    assert ReferralMessage.objects.filter(referral=sent).exists() is (
        EXPECTED[role][5] == 302 and role != "anonymous"
    )


def test_a_referral_cannot_be_sent_from_an_organisation_the_sender_is_not_in(client, sides):
    from perhekeskus.referrals.tests.test_referrals import _post_values

    sign_in(client, sides["referrer"])
    response = client.post(
        reverse("referrals:new", args=[sides["service"].pk]),
        {**_post_values(), "sending_organization": str(sides["ours"].pk)},
    )
    assert response.status_code == 200 and response.context["form"].errors["sending_organization"]
    assert not Referral.objects.exists()


def test_a_service_that_takes_no_referrals_cannot_be_referred_to(client, sides):
    from perhekeskus.catalog.models import Service

    Service.objects.filter(pk=sides["service"].pk).update(accepts_referrals=False)
    sign_in(client, sides["referrer"])
    assert client.get(reverse("referrals:new", args=[sides["service"].pk])).status_code == 404
    assert referral_values()  # the fixture data stays valid for the other tests
