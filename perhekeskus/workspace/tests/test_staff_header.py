"""The workspace has a header of its own (issue 23): the staff's work and an account menu, not the
families' pages."""

import pytest
from django.urls import reverse

from perhekeskus.catalog.models import Service
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.services import contact_request_send
from perhekeskus.workspace.tests.conftest import sign_in

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
