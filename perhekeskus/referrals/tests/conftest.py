"""Two organisations that refer families to each other, and people on each side."""

import pytest

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Membership
from perhekeskus.workspace.tests.conftest import make_user, people  # noqa: F401


@pytest.fixture
def sides(people, django_user_model):  # noqa: F811
    """`ours` receives (its café takes referrals and contact requests); `theirs` sends, through a
    referrer; a third organisation's member is a stranger to both."""
    service = people["service"]
    factories.delivery(service_obj=service)
    Service.objects.filter(pk=service.pk).update(accepts_referrals=True, accepts_contact_requests=True)
    referrer = make_user(django_user_model, "referrer@example.fi", first_name="Raili", last_name="Lähettäjä")
    Membership.objects.create(user=referrer, organization=people["theirs"], role=Membership.Role.REFERRER)
    third = factories.organization(name_fi="Kolmas yhdistys ry")
    third.networks.add(people["network"])
    stranger = make_user(django_user_model, "stranger@example.fi")
    Membership.objects.create(user=stranger, organization=third, role=Membership.Role.ADMIN)
    return {
        **people,
        "service": Service.objects.get(pk=service.pk),
        "referrer": referrer,
        "stranger": stranger,
    }


def referral_values(**changes) -> dict:
    import datetime

    from django.utils import timezone

    values = {
        "need": "Äiti on väsynyt ja toivoo vertaistukea.", "urgency": "soon", "family_name": "Maija Meikäläinen",
        "phone": "040 123 4567", "email": "maija@example.fi", "contact_method": "phone",
        "preferred_time": "arkiaamupäivisin", "consent_given_by": "Maija Meikäläinen", "consent_method": "in-person",
        "consent_at": timezone.now() - datetime.timedelta(hours=1),
        "consent_scope": "Yhteystiedot ja tuen tarve.", "privacy_notice_given": True,
    }  # fmt: skip
    values.update(changes)
    return values


@pytest.fixture
def sent(sides):
    from perhekeskus.referrals import services

    return services.referral_send(
        actor=sides["referrer"],
        service=sides["service"],
        sending_organization=sides["theirs"],
        values=referral_values(),
    )
