"""Writes of accessibility feedback: stored with the networks whose page it concerns, so that each
network's coordinators read only their own (Feedback.objects.visible_to)."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.http.request import split_domain_port, validate_host
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


# Route arguments that are secrets (a link's token, a password reset's account): an address carrying
# one is neither offered as the page concerned nor stored.
SECRET_ARGUMENTS = {"token", "uidb64"}


def page_route(address: str, *, host: str = ""):
    """The route (a ResolverMatch) of the page at `address` when it is a page of this site: a path, or an
    address on `host` or on another of the site's names (ALLOWED_HOSTS, "*" aside), also without its
    scheme ("perhekeskus.fi/services/…"); None for another site's page or text that is not an address."""
    try:
        parts = urlsplit((address or "").strip())
    except ValueError:  # e.g. "http://[" is no address
        return None
    if not parts.scheme and not parts.netloc and not parts.path.startswith("/"):
        name, slash, path = parts.path.partition("/")
        parts = parts._replace(netloc=name, path=slash + path)
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
        return None
    if parts.netloc not in ("", host):
        domain, _port = split_domain_port(parts.netloc)
        if not (domain and validate_host(domain, [name for name in settings.ALLOWED_HOSTS if name != "*"])):
            return None
    language = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            return resolve(parts.path)
    except Resolver404:
        return None


def _is_secret(match) -> bool:
    return bool(SECRET_ARGUMENTS & match.kwargs.keys())


def networks_of_page(address: str, *, host: str = "", network_model=Network):
    """The networks of the page at `address` (page_route), none for a page of the whole site, another
    site's page or text that is not an address. `network_model`: the historical model in a migration."""
    match = page_route(address, host=host)
    if match is None or match.view_name not in NETWORKS_OF_PAGE:
        return network_model.objects.none()
    argument, lookup = NETWORKS_OF_PAGE[match.view_name]
    return network_model.objects.filter(**{lookup: match.kwargs[argument]}).distinct()


def offered_page(referrer: str, *, host: str) -> str:
    """The page the statement was opened from, offered as the page concerned when it is a network's page
    (it tells whose coordinators receive the feedback): without its query, which may hold a search.
    Nothing for any other page: a secret link's token must not travel into the feedback."""
    match = page_route(referrer, host=host)
    if match is None or match.view_name not in NETWORKS_OF_PAGE or _is_secret(match):
        return ""
    parts = urlsplit(referrer.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))[:500]


def storable_page(page: str, *, host: str = "") -> str:
    """The page concerned as it may be stored: without the words that are addresses of a secret link
    (a registration's cancel link, an invitation, a password reset), whoever typed or pasted them."""
    words = page.split()
    kept = [word for word in words if not _is_secret_link(word.rstrip(".,;:!?)"), host=host)]
    return page if len(kept) == len(words) else " ".join(kept)


def _is_secret_link(word: str, *, host: str) -> bool:
    match = page_route(word, host=host)
    return match is not None and _is_secret(match)


@transaction.atomic
def feedback_receive(*, message: str, email: str, page: str, language: str, host: str) -> Feedback:
    """Store feedback from the accessibility statement's form, for the coordinators of the networks
    whose page it concerns (superusers only, when it concerns none)."""
    page = storable_page(page, host=host)
    feedback = Feedback.objects.create(message=message, email=email, page=page, language=language)
    feedback.networks.set(networks_of_page(page, host=host))
    return feedback
