from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from perhekeskus.activities.demo import load_demo_activities
from perhekeskus.catalog.demo import load_demo
from perhekeskus.insights.demo import load_demo_usage
from perhekeskus.network.demo import DEMO_PASSWORD, demo_accounts
from perhekeskus.planning.demo import load_demo_planning

DEMO_ADMIN = ("admin@demo.invalid", "perhekeskus-demo")


class Command(BaseCommand):
    help = "Load the North Karelia demo network (sample data) and a demo administrator. Idempotent."

    def handle(self, *args, **options) -> None:
        result = load_demo()
        activities = load_demo_activities(result["network"])
        searches = load_demo_usage(result["network"])
        planning = load_demo_planning(result["network"])
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
        if planning:
            self.stdout.write(
                "Demo planning: Lieksa's action plan, the network's about page and a news item."
            )
        if searches:
            self.stdout.write(
                f"Demo usage: {searches} searches and service page views over the last 12 months."
            )
        for email, what in demo_accounts(result["network"]):
            self.stdout.write(
                f"Workspace: http://127.0.0.1:8000/workspace/ as '{email}', password '{DEMO_PASSWORD}' ({what})."
            )
        email, password = DEMO_ADMIN
        User = get_user_model()
        if User.objects.filter(email__iexact=email).exists():
            self.stdout.write(
                f"Sign in at http://127.0.0.1:8000/admin/ as '{email}' (the demo superuser exists already; "
                f"its password is '{password}' unless it has been changed)."
            )
            return
        admin = User.objects.create_superuser(username=email, email=email, password=password)
        admin.demo_account = True  # like the workspace demo accounts: no second factor in a local demo
        admin.save(update_fields=["demo_account"])
        self.stdout.write(
            self.style.SUCCESS(
                "Sign in at http://127.0.0.1:8000/admin/ as "
                f"'{email}' with password '{password}' (demo superuser; local use only)."
            )
        )
