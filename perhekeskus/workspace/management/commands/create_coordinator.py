from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from perhekeskus.network.models import Coordinator, Network


class Command(BaseCommand):
    help = (
        "Make a person a coordinator of a network, creating their account if needed, and print a one-time "
        "link for choosing a password (a new account has none)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--network", required=True, help="Slug of the network, e.g. siun-sote.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Address of the site, for the link printed."
        )

    def handle(self, *args, email, network, first_name, last_name, base_url, **options):
        address = email.strip()
        try:
            validate_email(address)
        except ValidationError as error:
            raise CommandError(f"{address!r} is not an e-mail address.") from error
        found = Network.objects.filter(slug=network).first()
        if found is None:
            known = ", ".join(Network.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No network {network!r} (networks: {known}).")
        users = get_user_model().objects
        user = users.filter(email__iexact=address).first()
        if user is None:
            user = users.create_user(
                username=address.lower(), email=address, first_name=first_name, last_name=last_name
            )
            user.set_unusable_password()
            user.save()
        Coordinator.objects.get_or_create(user=user, network=found)
        self.stdout.write(f"{user.email} coordinates {found.name_fi}.")
        if not user.has_usable_password():
            path = reverse(
                "workspace:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            self.stdout.write(f"Choose a password (the link works once): {base_url.rstrip('/')}{path}")
