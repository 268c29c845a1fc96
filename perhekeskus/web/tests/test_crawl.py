"""Every page answers: with the demo network loaded, plus the data that once broke pages (a referral and
a contact request, a message and a plan comment whose author's account is gone, demo pages without an
author, an activity stored with a date far in the future), each demo role follows the workspace's links
from its dashboard, and a visitor follows the public links from the home page. No answer may be a
server error; all of them are reported together.

Links are followed breadth-first, GET only, once per address and at most a few addresses per route
(MAX_PER_ROUTE; one per download), so that every kind of page is reached in a short run. A crawl that
would fetch more than MAX_PAGES fails rather than leave the rest unvisited."""

import datetime
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import Resolver404, resolve, reverse

from perhekeskus.activities.models import Activity
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.demo.accounts import ACCOUNTS, demo_accounts
from perhekeskus.demo.activities import load_demo_activities
from perhekeskus.demo.catalog import load_demo
from perhekeskus.demo.planning import load_demo_planning
from perhekeskus.demo.usage import load_demo_usage
from perhekeskus.information.models import Page
from perhekeskus.insights.models import ReviewReminder
from perhekeskus.network.models import Membership
from perhekeskus.planning.models import Measure, MeasureComment
from perhekeskus.referrals import services as referral_services
from perhekeskus.referrals.tests.conftest import referral_values

MAX_PER_ROUTE = 2
MAX_PER_DOWNLOAD_ROUTE = 1  # reports, spreadsheets and calendars are slow to make and alike per object
# Each crawl of the demo fetches at most 65 pages (the coordinator's; SQLite, December 2026).
MAX_PAGES = 250
SKIPPED_ROUTES = {"workspace:sign_out", "workspace:sign_out_everywhere"}
PARSED_TYPES = ("text/html",)


class _Links(HTMLParser):
    """The addresses a page leads to by GET: links, HTMX GETs and GET forms with an action."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.found.append(attrs["href"])
        if attrs.get("hx-get"):
            self.found.append(attrs["hx-get"])
        if tag == "form" and (attrs.get("method") or "get").lower() == "get" and attrs.get("action"):
            self.found.append(attrs["action"])


def _same_site(base: str, href: str) -> str | None:
    """The path and query `href` leads to on this site, without the fragment; None for elsewhere."""
    parts = urlsplit(urljoin(f"http://testserver{base}", href.strip()))
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _route(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return "(no route)"


def crawl(client, start: list[str], *, within, max_pages: int = MAX_PAGES) -> tuple[list[str], int]:
    """Follow links breadth-first from `start`; the failures (5xx or an exception) and the number of
    pages fetched. `within(path)` says which addresses to follow. More than `max_pages` to fetch is an
    error: the pages beyond would go unchecked."""
    queue = deque((url, "(start)") for url in start)
    seen = set(start)
    per_route = Counter()
    failures = []
    fetched = 0
    while queue:
        url, came_from = queue.popleft()
        route = _route(url)
        download = "." in urlsplit(url).path.rsplit("/", 1)[-1]
        limit = MAX_PER_DOWNLOAD_ROUTE if download else MAX_PER_ROUTE
        if route in SKIPPED_ROUTES or per_route[route] >= limit:
            continue
        if fetched == max_pages:
            raise AssertionError(
                f"The crawl fetched its {max_pages} pages with {url} (from {came_from}) and "
                f"{len(queue)} more addresses still queued: raise MAX_PAGES."
            )
        per_route[route] += 1
        fetched += 1
        try:
            response = client.get(url)
        except Exception as error:  # the test client re-raises what the view raised: a 500
            failures.append(f"{url} (from {came_from}): {type(error).__name__}: {error}")
            continue
        if response.status_code >= 500:
            failures.append(f"{url} (from {came_from}): {response.status_code}")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif response.get("Content-Type", "").startswith(PARSED_TYPES) and not response.streaming:
            parser = _Links()
            parser.feed(response.content.decode())
            targets = parser.found
        else:
            targets = []  # a download: fetched, not read
        for href in targets:
            target = _same_site(url, href)
            if target is not None and target not in seen and within(target):
                seen.add(target)
                queue.append((target, url))
    return failures, fetched


def _in_workspace(path: str) -> bool:
    parts = path.split("/")
    return "workspace" in parts[1:3]


def _public(path: str) -> bool:
    return not (_in_workspace(path) or path.startswith("/admin/"))


class CrawlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        network = load_demo()["network"]
        load_demo_activities(network)
        load_demo_usage(network)
        load_demo_planning(network)
        demo_accounts(network, known_password=False)  # signed in without a password below
        users = get_user_model().objects
        cls.accounts = {}
        for email, _first, _last, role, _kind in ACCOUNTS:
            # One per role: the reader of the contact requests is a second referrer (demo.accounts).
            cls.accounts.setdefault(role, users.get(email=email))
        cls.seeds = cls._data_that_once_broke_pages(network)

    @classmethod
    def _data_that_once_broke_pages(cls, network) -> dict[str, list[str]]:
        """Addresses to start from, besides the dashboard and the home page."""
        referrer = cls.accounts[Membership.Role.REFERRER]
        editor = cls.accounts[Membership.Role.EDITOR]
        receiving = editor.memberships.get().organization
        service = listed_services().filter(organization=receiving).order_by("name_fi").first()
        type(service).objects.filter(pk=service.pk).update(
            accepts_referrals=True, accepts_contact_requests=True
        )
        service.refresh_from_db()
        referral = referral_services.referral_send(
            actor=referrer,
            service=service,
            sending_organization=referrer.memberships.get().organization,
            values=referral_values(),
        )
        contact = referral_services.contact_request_send(
            service=service,
            values={
                "need": "Toivomme yhteydenottoa.", "family_name": "Liisa Lahtinen", "phone": "040 765 4321",
                "contact_method": "phone",
            },
        )  # fmt: skip
        # Someone who wrote a message, a comment and a reminder, and whose account is then deleted.
        ghost = get_user_model().objects.create_user(
            username="poistuva@example.fi",
            email="poistuva@example.fi",
            first_name="Pia",
            last_name="Poistuva",
        )
        Membership.objects.create(user=ghost, organization=receiving, role=Membership.Role.EDITOR)
        referral_services.referral_message(actor=ghost, referral=referral, body="Soitan perheelle huomenna.")
        measure = Measure.objects.filter(goal__plan__network=network).first()
        MeasureComment.objects.create(measure=measure, author=ghost, organization=receiving, text="Hyvä!")
        ReviewReminder.objects.create(organization=receiving, sent_by=ghost, services=1, recipients=1)
        ghost.delete()
        # Stored before dates were bounded: far beyond what the recurrence code can count.
        template = Activity.objects.filter(service__organization__networks=network).first()
        far = Activity.objects.create(
            service=template.service,
            title_fi="Vuosituhannen viimeinen kerho",
            location=template.location,
            online_url=template.online_url,
            starts_on=datetime.date(9999, 12, 31),
            start_time=datetime.time(23, 30),
            repeat=Activity.Repeat.WEEKLY,
        )
        municipality = template.location.municipality if template.location else None
        page = Page.objects.filter(network=network, versions__created_by__isnull=True).first()
        version = page.versions.order_by("number").first()
        public = [
            reverse("activity", args=[far.pk]),
            reverse("activity_feed", args=[far.pk]),
            reverse("organization_activity_feed", args=[far.service.organization_id]),
        ]
        if municipality is not None:
            public.append(reverse("municipality_activity_feed", args=[municipality.code]))
        return {
            "public": public,
            "workspace": [
                reverse("referrals:detail", args=[referral.pk]),
                reverse("referrals:detail", args=[contact.pk]),
                reverse("planning:plan", args=[measure.goal.plan_id]),
                reverse("information:page_version", args=[page.pk, version.number]),
                reverse("insights:usage", args=[network.slug]),
                reverse("insights:freshness", args=[network.slug]),
                reverse("workspace:activity_edit", args=[far.pk]),
            ],
        }

    def _crawl_as(self, role) -> None:
        sign_in_with_both_factors(self.client, self.accounts[role])
        start = [reverse("workspace:dashboard"), *self.seeds["workspace"]]
        failures, fetched = crawl(self.client, start, within=_in_workspace)
        assert not failures, f"{len(failures)} of {fetched} pages failed:\n" + "\n".join(failures)

    def test_a_crawl_that_cannot_finish_fails_instead_of_leaving_pages_unvisited(self):
        with self.assertRaisesMessage(AssertionError, "The crawl fetched its 5 pages with /"):
            crawl(self.client, [reverse("home")], within=_public, max_pages=5)

    def test_public_pages(self):
        start = [reverse("home"), *self.seeds["public"]]
        failures, fetched = crawl(self.client, start, within=_public)
        assert not failures, f"{len(failures)} of {fetched} pages failed:\n" + "\n".join(failures)

    def test_coordinator(self):
        self._crawl_as("coordinator")

    def test_organisation_admin(self):
        self._crawl_as(Membership.Role.ADMIN)

    def test_editor(self):
        self._crawl_as(Membership.Role.EDITOR)

    def test_referrer(self):
        self._crawl_as(Membership.Role.REFERRER)

    def test_superuser(self):
        self._crawl_as("superuser")
