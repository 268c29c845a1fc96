from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "List the accounts with their roles: coordinator of networks, admin or editor of organisations."

    def handle(self, *args, **options):
        with_second_factor = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
        users = (
            get_user_model()
            .objects.order_by("email")
            .prefetch_related("coordinator_of__network", "memberships__organization")
        )
        for user in users:
            roles = [f"coordinator of {c.network.name_fi}" for c in user.coordinator_of.all()]
            roles += [f"{m.role} of {m.organization.name_fi}" for m in user.memberships.all()]
            if user.is_superuser:
                roles.append("superuser")
            state = "active" if user.is_active else "deactivated"
            factor = "two-step sign-in on" if user.pk in with_second_factor else "no second factor yet"
            name = user.get_full_name() or "-"
            self.stdout.write(
                f"{user.email or user.username}\t{name}\t{state}, {factor}\t{'; '.join(roles) or 'no role'}"
            )
