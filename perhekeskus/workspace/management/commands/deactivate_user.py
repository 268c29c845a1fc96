from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from perhekeskus.network.services import user_deactivate


class Command(BaseCommand):
    help = "Deactivate an account: it can no longer sign in, and its sessions end on every device."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email!r}.")
        user_deactivate(user=user)
        self.stdout.write(f"{user.email} is deactivated; its sessions have ended.")
