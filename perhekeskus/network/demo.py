"""Demo accounts, one per workspace role, for the demo network (local use only)."""

from django.contrib.auth import get_user_model

from perhekeskus.network.models import Coordinator, Membership, Network, Organization

DEMO_PASSWORD = "perhekeskus-demo"
# (e-mail, first name, last name, role, organisation kind whose first organisation by name they join)
ACCOUNTS = (
    ("koordinaattori@demo.invalid", "Kaisa", "Koordinaattori", "coordinator", None),
    ("yllapitaja@demo.invalid", "Ylermi", "Ylläpitäjä", Membership.Role.ADMIN, "wellbeing-services-county"),
    ("muokkaaja@demo.invalid", "Mervi", "Muokkaaja", Membership.Role.EDITOR, "ngo"),
    ("ohjaaja@demo.invalid", "Olli", "Ohjaaja", Membership.Role.REFERRER, "wellbeing-services-county"),
)


def demo_accounts(network: Network) -> list[tuple[str, str]]:
    """Create the accounts that are missing (idempotent); what each is, for the command to print."""
    users = get_user_model().objects
    described = []
    for email, first_name, last_name, role, kind in ACCOUNTS:
        user = users.filter(email__iexact=email).first()
        if user is None:
            user = users.create_user(
                username=email,
                email=email,
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
            user.demo_account = True
            user.save(update_fields=["demo_account"])
        if role == "coordinator":
            Coordinator.objects.get_or_create(user=user, network=network)
            described.append((email, f"network coordinator of {network.name_fi}"))
            continue
        organization = (
            Organization.objects.filter(networks=network, kind__code=kind).order_by("name_fi").first()
        )
        Membership.objects.get_or_create(user=user, organization=organization, defaults={"role": role})
        described.append((email, f"{role} of {organization.name_fi}"))
    return described
