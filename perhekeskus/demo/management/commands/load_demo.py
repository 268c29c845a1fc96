from django.conf import settings
from django.core.management.base import BaseCommand

from perhekeskus.demo.accounts import demo_accounts
from perhekeskus.demo.activities import load_demo_activities
from perhekeskus.demo.catalog import load_demo
from perhekeskus.demo.planning import load_demo_planning
from perhekeskus.demo.questions import load_demo_questions
from perhekeskus.demo.reviews import set_review_dates
from perhekeskus.demo.usage import load_demo_usage, load_demo_visits, load_demo_year_earlier


class Command(BaseCommand):
    help = (
        "Load the North Karelia demo network (sample data) and its demo accounts, one per role, one who "
        "reads the families' contact requests, and a superuser: with the README's password in debug, "
        "otherwise with random ones printed once. Idempotent."
    )

    def handle(self, *args, **options) -> None:
        result = load_demo()
        activities = load_demo_activities(result["network"])
        searches = load_demo_usage(result["network"])
        visits = load_demo_visits(result["network"])
        planning = load_demo_planning(result["network"])
        reviews = set_review_dates(result["network"])
        load_demo_year_earlier(result["network"])
        answers = load_demo_questions(result["network"])
        changes = result["changes"]
        self.stdout.write(
            f"Demo network '{result['network'].name_fi}': {result['organizations']} organisations, "
            f"{result['locations']} locations, {result['services']} services, "
            f"{result['deliveries']} deliveries, {result['schedules']} schedules, {activities} activities."
        )
        self.stdout.write(
            "Changes: "
            + (
                ", ".join(f"{count} {action}" for action, count in sorted(changes.items()))
                or "none (already up to date)"
            )
        )
        self.stdout.write(
            f"Review dates: {reviews['in_time']} confirmed in time, {reviews['overdue']} overdue, "
            f"{reviews['never']} never confirmed."
        )
        if planning:
            self.stdout.write(
                "Demo planning: Lieksa's action plan, the network's about page and a news item."
            )
        if searches:
            self.stdout.write(
                f"Demo usage: {searches} searches and service page views over the last 12 months."
            )
        if visits:
            self.stdout.write(f"Demo visits: {visits} past registrations with attendance and answers.")
        if answers:
            self.stdout.write(
                f"Demo questions service: open, with {answers} published answers in the library."
            )
        self.write_accounts(result["network"])

    def write_accounts(self, network) -> None:
        # The address `make run` serves (SITE_URL follows its HOST and PORT).
        site = settings.SITE_URL.rstrip("/")
        # The README's known password only in a local demo (debug); elsewhere random ones, shown once.
        for account in demo_accounts(network, known_password=settings.DEBUG):
            where = f"{site}/admin/" if account.superuser else f"{site}/workspace/"
            if account.password is None:
                password = "its password as set before"
            elif settings.DEBUG:
                password = f"password '{account.password}'"
            else:
                password = f"password '{account.password}', shown only this once"
            self.stdout.write(f"Sign in at {where} as '{account.email}', {password} ({account.what}).")
