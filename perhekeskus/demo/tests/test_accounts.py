"""The demo accounts `load_demo` makes: the README's password only in a local demo (debug); anywhere
else random passwords, printed once, so that the first visitor cannot take over a production site."""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.demo.accounts import ACCOUNTS, DEMO_PASSWORD, demo_accounts
from perhekeskus.demo.catalog import load_demo
from perhekeskus.demo.management.commands.load_demo import Command
from perhekeskus.network.models import Coordinator, Membership
from perhekeskus.referrals.selectors import contact_request_services

EMAILS = [email for email, *_rest in ACCOUNTS]


def _accounts_printed(network) -> str:
    """What `load_demo` prints of the accounts (the network is loaded once, by setUpTestData: loading
    it again changes nothing, catalog's demo tests show)."""
    out = StringIO()
    Command(stdout=out).write_accounts(network)
    return out.getvalue()


def _printed_passwords(text: str) -> dict[str, str]:
    return dict(re.findall(r"as '([^']+)', password '([^']+)'", text))


class DemoAccountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.network = load_demo()["network"]

    def test_in_production_no_account_opens_with_the_readme_password(self):
        # The test settings are production's (DEBUG off), as `make serve-prod` runs load_demo.
        text = _accounts_printed(self.network)
        users = get_user_model().objects.filter(email__in=EMAILS)
        assert users.count() == len(ACCOUNTS) and users.filter(is_superuser=True).count() == 1
        assert not any(user.check_password(DEMO_PASSWORD) for user in get_user_model().objects.all())
        assert DEMO_PASSWORD not in text
        # Each account's password is printed once, and opens that account only.
        printed = _printed_passwords(text)
        assert sorted(printed) == sorted(EMAILS) and len(set(printed.values())) == len(ACCOUNTS)
        assert text.count("shown only this once") == len(ACCOUNTS)
        for user in users:
            assert user.check_password(printed[user.email])
        # Loading again keeps them and shows no password.
        again = _accounts_printed(self.network)
        assert _printed_passwords(again) == {} and again.count("its password as set before") == len(ACCOUNTS)
        assert all(user.check_password(printed[user.email]) for user in users.all())

    def test_in_production_an_account_left_with_the_readme_password_gets_a_random_one(self):
        # Made by a local demo (or an older load_demo) in the database production now runs on.
        demo_accounts(self.network, known_password=True)
        printed = _printed_passwords(_accounts_printed(self.network))
        assert sorted(printed) == sorted(EMAILS) and DEMO_PASSWORD not in printed.values()
        for user in get_user_model().objects.filter(email__in=EMAILS):
            assert not user.check_password(DEMO_PASSWORD) and user.check_password(printed[user.email])

    @override_settings(DEBUG=True)
    def test_a_local_demo_has_the_readme_accounts(self):
        text = _accounts_printed(self.network)
        assert _printed_passwords(text) == dict.fromkeys(EMAILS, DEMO_PASSWORD)
        assert "http://127.0.0.1:8000/admin/" in text and "shown only this once" not in text
        users = get_user_model().objects.filter(email__in=EMAILS, demo_account=True)
        assert users.count() == len(ACCOUNTS)
        assert all(user.check_password(DEMO_PASSWORD) for user in users)
        assert users.get(email="admin@demo.invalid").is_superuser
        assert Coordinator.objects.filter(user__email=EMAILS[0], network=self.network).exists()

    def test_every_service_that_takes_contact_requests_has_someone_to_read_them(self):
        # What `load_demo` does: the network, then the accounts (printed, as above).
        text = _accounts_printed(self.network)
        marked = listed_services().filter(accepts_contact_requests=True, organization__networks=self.network)
        taking = contact_request_services().filter(organization__networks=self.network)
        assert marked.count() > 50 and set(taking) == set(marked)
        # The reader is one of the printed sign-ins, a member of each organisation.
        reader = "vastaanottaja@demo.invalid"
        # (Also of a service not listed now: it may be published later.)
        organizations = set(
            Service.objects.filter(
                accepts_contact_requests=True, organization__networks=self.network
            ).values_list("organization", flat=True)
        )
        assert "as 'vastaanottaja@demo.invalid', password '" in text
        assert f"reading the contact requests of {len(organizations)} organisations" in text
        assert (
            set(Membership.objects.filter(user__email=reader).values_list("organization", flat=True))
            == organizations
        )
        # A family's request reaches the inbox; the demo shows both confirmations.
        assert marked.filter(contact_answer_days=3).exists()
        assert marked.filter(contact_answer_days__isnull=True).exists()
        service = marked.first()
        assert self.client.get(f"/services/{service.pk}/contact/").status_code == 200

    def test_the_demo_takes_questions_and_its_library_answers_in_everyday_words(self):
        from perhekeskus.demo.questions import load_demo_questions
        from perhekeskus.questions import selectors as questions_selectors

        # Not open without someone to answer: the demo answerer comes with the accounts.
        assert load_demo_questions(self.network) == 3 and load_demo_questions(self.network) == 0
        assert questions_selectors.desk_taking_questions(self.network) is None
        text = _accounts_printed(self.network)
        assert "as 'vastaaja@demo.invalid', password '" in text and "answers families' questions" in text
        assert questions_selectors.desk_taking_questions(self.network).promise_working_days == 3
        found = questions_selectors.library_found("lapsi ei nuku yöllä", 3)
        assert [answer.title for answer in found][:1] == ["Kaksivuotias ei nuku öisin"]
        assert found[0].services.get().service_types.filter(code="child-health-clinic").exists()
