"""Referring well (issue 23, part 8): the receiving service chosen by municipality, type and name; no
referral to a service whose inbox nobody reads; consent time defaulting to now; the child's age and the
family's municipality saved, shown to the receiving side and counted."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from perhekeskus.catalog.models import Service, ServiceType
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Membership, Municipality
from perhekeskus.referrals import selectors, services
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.tests.conftest import referral_values
from perhekeskus.referrals.tests.test_referrals import _post_values
from perhekeskus.workspace.tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _unread_service(sides) -> Service:
    """A service of an organisation without members: it takes referrals, but nobody would read them."""
    lonely = factories.organization(name_fi="Hiljainen yhdistys ry")
    lonely.networks.add(sides["network"])
    service = factories.service(organization=lonely, name_fi="Hiljainen kerho")
    factories.delivery(service_obj=service)
    Service.objects.filter(pk=service.pk).update(accepts_referrals=True)
    return Service.objects.get(pk=service.pk)


def test_a_referral_to_a_service_nobody_reads_is_refused(client, sides):
    lonely = _unread_service(sides)
    with pytest.raises(ValidationError) as refused:
        services.referral_send(
            actor=sides["referrer"],
            service=lonely,
            sending_organization=sides["theirs"],
            values=referral_values(),
        )
    assert refused.value.error_list[0].code == "nobody_reads"
    sign_in(client, sides["referrer"])
    url = reverse("referrals:new", args=[lonely.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="consent_at"' not in page.content.decode()
    assert 'class="status-notice attention nobody-reads"' in page.content.decode()
    posted = client.post(url, {**_post_values(), "sending_organization": str(sides["theirs"].pk)})
    assert posted.status_code == 200 and "nobody-reads" in posted.content.decode()
    assert not Referral.objects.exists()


def test_the_service_list_marks_services_nobody_reads_and_links_only_the_others(client, sides):
    lonely = _unread_service(sides)
    sign_in(client, sides["referrer"])
    page = client.get(reverse("referrals:services")).content.decode()
    assert reverse("referrals:new", args=[sides["service"].pk]) in page
    assert reverse("referrals:new", args=[lonely.pk]) not in page
    assert re.search(
        r"Hiljainen kerho \(Hiljainen yhdistys ry\) <strong class=\"attention nobody-reads\">", page
    )
    # A reader joins: the service can receive again.
    Membership.objects.create(
        user=sides["stranger"], organization=lonely.organization, role=Membership.Role.EDITOR
    )
    assert selectors.has_reader(lonely)
    assert (
        reverse("referrals:new", args=[lonely.pk])
        in client.get(reverse("referrals:services")).content.decode()
    )


def test_the_service_list_filters_by_municipality_type_and_name_without_javascript(client, sides):
    lieksa, joensuu = Municipality.objects.get(code="422"), Municipality.objects.get(code="167")
    Service.objects.get(pk=sides["service"].pk).deliveries.get().municipalities.set([lieksa])
    other_type = ServiceType.objects.exclude(code="family-cafe").first()
    other = factories.service(
        organization=sides["ours"], name_fi="Neuvola Keskusta", types=(other_type.code,)
    )
    factories.delivery(service_obj=other, mode="online", municipalities=[joensuu])
    Service.objects.filter(pk=other.pk).update(accepts_referrals=True)
    sign_in(client, sides["referrer"])
    url = reverse("referrals:services")

    def listed(**params) -> set[str]:
        page = client.get(url, params).content.decode()
        return set(re.findall(r"(Perhekahvila Pankakoski|Neuvola Keskusta)", page))

    assert listed() == {"Perhekahvila Pankakoski", "Neuvola Keskusta"}
    assert listed(municipality="422") == {"Perhekahvila Pankakoski"}
    assert listed(municipality="167") == {"Neuvola Keskusta"}
    assert listed(service_type=other_type.code) == {"Neuvola Keskusta"}
    assert listed(service_type="family-cafe", q="pankakoski") == {"Perhekahvila Pankakoski"}
    assert listed(q="neuvola", municipality="422") == set()
    page = client.get(url, {"municipality": "167"}).content.decode()
    assert '<option value="167" selected>' in page
    # A choice not on the lists: said, and everything shown, never a 500.
    bad = client.get(url, {"municipality": "999", "q": "x" * 500})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()


def test_the_service_list_is_for_referrers_only(client, sides):
    sign_in(client, sides["stranger"])
    Membership.objects.filter(user=sides["stranger"]).delete()
    assert client.get(reverse("referrals:services")).status_code in (403, 404)


def test_the_consent_time_defaults_to_now_in_helsinki(client, sides):
    sign_in(client, sides["referrer"])
    page = client.get(reverse("referrals:new", args=[sides["service"].pk])).content.decode()
    shown = re.search(r'name="consent_at" value="([^"]+)"', page).group(1)
    now = timezone.now().astimezone(datetime.timezone(datetime.timedelta(0)))
    given = datetime.datetime.strptime(shown, "%Y-%m-%dT%H:%M").replace(
        tzinfo=timezone.get_default_timezone()
    )
    assert abs(given - now) < datetime.timedelta(minutes=2)


def test_the_childs_age_and_municipality_are_saved_shown_to_the_receivers_and_counted(client, sides):
    lieksa = Municipality.objects.get(code="422")
    sign_in(client, sides["referrer"])
    url = reverse("referrals:new", args=[sides["service"].pk])
    too_old = client.post(
        url, {**_post_values(), "sending_organization": str(sides["theirs"].pk), "child_age_years": "19"}
    )
    assert too_old.status_code == 200 and not Referral.objects.exists()
    response = client.post(
        url,
        {
            **_post_values(),
            "sending_organization": str(sides["theirs"].pk),
            "child_age_years": "4",
            "family_municipality": str(lieksa.pk),
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert (referral.child_age_years, referral.family_municipality) == (4, lieksa)
    client.logout()
    sign_in(client, sides["admin"])
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Lieksa" in page and re.search(r"4\s+(vuotta|years|år)", page)
    # Not personal data on their own: kept after erasure, in the statistics.
    services.referral_erase(referral=referral, why="test")
    referral.refresh_from_db()
    assert referral.family_name == "" and referral.child_age_years == 4
    statistics = selectors.statistics_for(sides["ours"].__class__.objects.filter(pk=sides["ours"].pk))
    assert statistics["by_child_age"] == [("3–6", 1)]
    assert statistics["by_family_municipality"] == [("Lieksa", 1)]
