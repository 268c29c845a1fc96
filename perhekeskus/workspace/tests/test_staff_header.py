"""The workspace has a header of its own (issue 23): the staff's work and an account menu, not the
families' pages."""

import re

import pytest
from django.urls import reverse

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import ProviderKind
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.services import contact_request_send
from perhekeskus.workspace.tests.conftest import sign_in
from perhekeskus.workspace.views import DASHBOARD_PAGE_SIZE

pytestmark = pytest.mark.django_db


def _header(response) -> str:
    page = response.content.decode()
    return page[page.index('<header class="site-header workspace-header">') : page.index("</header>")]


def test_the_staff_header_has_their_work_and_an_account_menu_not_the_public_list(client, people):
    sign_in(client, people["editor"])
    header = _header(client.get(reverse("workspace:dashboard")))
    assert "Omat organisaatiot" in header and "Ohjaukset" in header
    assert "Oma lista" not in header and "Hae palveluita" not in header
    # Signing out, also on every device, is in the account menu, not a button on the dashboard.
    menu = header[header.index('<details class="account-menu">') :]
    assert reverse("workspace:sign_out") in menu and reverse("workspace:sign_out_everywhere") in menu
    dashboard = client.get(reverse("workspace:dashboard")).content.decode()
    assert dashboard.count(reverse("workspace:sign_out_everywhere")) == 1
    # Coordinators' pages are not offered to an editor.
    assert reverse("workspace:review_queue") not in header


def test_the_header_counts_referrals_nobody_has_opened_yet(client, people):
    sign_in(client, people["editor"])
    assert "uusi" not in _header(client.get(reverse("workspace:dashboard")))
    service = people["service"]
    Service.objects.filter(pk=service.pk).update(accepts_contact_requests=True)
    service.refresh_from_db()
    contact_request_send(service=service, values={"family_name": "Liisa Laine", "phone": "040 123 4567"})
    assert "1 uusi" in _header(client.get(reverse("workspace:dashboard")))
    # Opened, it no longer counts.
    Referral.objects.update(status=Referral.Status.OPENED)
    assert "uusi" not in _header(client.get(reverse("workspace:dashboard")))


def test_a_signed_out_page_shows_no_staff_menu(client):
    header = _header(client.get(reverse("workspace:sign_in")))
    assert "account-menu" not in header and "workspace-nav" not in header


def _organisations(response) -> list[str]:
    return re.findall(r'<h2 id="org-[^"]+">([^<(]+)', response.content.decode())


def test_a_coordinators_dashboard_pages_and_filters_the_networks_organisations(client, people):
    joensuu, parish = factories.municipality("167"), ProviderKind.objects.get(code="parish")
    for n in range(12):
        organization = factories.organization(
            name_fi=f"Yhdistys {n:02}", **({"municipality": joensuu, "kind": parish} if n < 3 else {})
        )
        organization.networks.add(people["network"])
    sign_in(client, people["coordinator"])
    first = client.get(reverse("workspace:dashboard"))
    assert len(_organisations(first)) == DASHBOARD_PAGE_SIZE
    assert "14 organisaatiota · sivu 1 / 2" in first.content.decode()
    second = client.get(reverse("workspace:dashboard"), {"page": 2})
    assert len(_organisations(second)) == 14 - DASHBOARD_PAGE_SIZE
    assert not set(_organisations(first)) & set(_organisations(second))
    in_joensuu = _organisations(client.get(reverse("workspace:dashboard"), {"municipality": "167"}))
    assert [name.strip() for name in in_joensuu] == ["Yhdistys 00", "Yhdistys 01", "Yhdistys 02"]
    parishes = _organisations(client.get(reverse("workspace:dashboard"), {"kind": "parish"}))
    assert [name.strip() for name in parishes] == ["Yhdistys 00", "Yhdistys 01", "Yhdistys 02"]
    # A draft service needs attention: only its organisation is left.
    factories.service(organization=people["theirs"], name_fi="Luonnos", publication="draft")
    needing = _organisations(client.get(reverse("workspace:dashboard"), {"attention": "1"}))
    assert [name.strip() for name in needing] == ["Toinen yhdistys ry"]
    # A choice that is not offered is left out, not an error.
    unknown = client.get(reverse("workspace:dashboard"), {"municipality": "999", "page": "x"})
    assert unknown.status_code == 200 and len(_organisations(unknown)) == DASHBOARD_PAGE_SIZE


def test_an_editor_sees_only_their_organisations_whatever_the_filters(client, people):
    sign_in(client, people["editor"])
    names = _organisations(client.get(reverse("workspace:dashboard"), {"municipality": "167", "kind": "ngo"}))
    assert "Toinen yhdistys ry" not in " ".join(names)
