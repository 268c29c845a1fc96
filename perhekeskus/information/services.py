"""Writes of accessibility feedback: stored with the networks whose page it concerns, so that each
network's coordinators read only their own (Feedback.objects.visible_to)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import translation

from perhekeskus.information.models import Feedback
from perhekeskus.network.models import Network

# Public pages of one network's service, organisation, municipality, activity or about page, by the
# name of their route and the argument naming the object; other pages (home, search, guides, the
# statement itself) belong to the site as a whole.
NETWORKS_OF_PAGE = {
    "service": ("pk", "organizations__services__pk"),
    "contact_request": ("pk", "organizations__services__pk"),
    "contact_request_sent": ("pk", "organizations__services__pk"),
    "organization": ("pk", "organizations__pk"),
    "organization_activity_feed": ("pk", "organizations__pk"),
    "municipality": ("code", "municipalities__code"),
    "municipality_activity_feed": ("code", "municipalities__code"),
    "activity": ("pk", "organizations__services__activities__pk"),
    "activity_register": ("pk", "organizations__services__activities__pk"),
    "activity_feed": ("pk", "organizations__services__activities__pk"),
    "network_about": ("slug", "slug"),
}


def networks_of_page(address: str, *, host: str):
    """The networks of the page at `address` (a path, or an address on `host`), none for a page of
    the whole site, another site's page or text that is not an address."""
    try:
        parts = urlsplit((address or "").strip())
    except ValueError:  # e.g. "http://[" is no address
        return Network.objects.none()
    if parts.netloc not in ("", host) or not parts.path.startswith("/"):
        return Network.objects.none()
    language = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(parts.path)
    except Resolver404:
        return Network.objects.none()
    if match.url_name not in NETWORKS_OF_PAGE:
        return Network.objects.none()
    argument, lookup = NETWORKS_OF_PAGE[match.url_name]
    return Network.objects.filter(**{lookup: match.kwargs[argument]}).distinct()


@transaction.atomic
def feedback_receive(*, message: str, email: str, page: str, language: str, host: str) -> Feedback:
    """Store feedback from the accessibility statement's form, for the coordinators of the networks
    whose page it concerns (superusers only, when it concerns none)."""
    feedback = Feedback.objects.create(message=message, email=email, page=page, language=language)
    feedback.networks.set(networks_of_page(page, host=host))
    return feedback
