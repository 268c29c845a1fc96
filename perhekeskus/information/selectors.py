"""Reads of information: which page of the site an address names (and whose networks it is, for
accessibility feedback), and the coordinators' published pages: about pages, guides' orientations and
news. The public reads only published versions."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Q
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils import translation

from perhekeskus.information.models import AccuracyReport, Page, PageVersion

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

NEWS_SHOWN = 5


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


def is_secret_link(address: str, *, host: str = "") -> bool:
    """Whether `address` is a secret link of this site (a registration's cancel link, an invitation, a
    password reset)."""
    match = page_route(address, host=host)
    return match is not None and _is_secret(match)


def offered_page(referrer: str, *, host: str) -> str:
    """The page the statement was opened from, offered as the page concerned when it is a network's page
    (it tells whose coordinators receive the feedback): without its query, which may hold a search.
    Nothing for any other page: a secret link's token must not travel into the feedback."""
    match = page_route(referrer, host=host)
    if match is None or match.view_name not in NETWORKS_OF_PAGE or _is_secret(match):
        return ""
    parts = urlsplit(referrer.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))[:500]


# --- Published pages ---------------------------------------------------------------------------------


def network_about(network) -> PageVersion | None:
    page = (
        Page.objects.filter(
            kind=Page.Kind.ABOUT, published__isnull=False, network=network, municipality__isnull=True
        )
        .select_related("published")
        .first()
    )
    return page.published if page else None


def about_pages(municipality) -> tuple[PageVersion | None, PageVersion | None]:
    """The published about pages of a municipality and of its network, in one query."""
    if municipality.network_id is None:
        return None, None
    found = {None: None, municipality.pk: None}
    for page in (
        Page.objects.filter(kind=Page.Kind.ABOUT, published__isnull=False, network=municipality.network_id)
        .filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .select_related("published")
    ):
        found[page.municipality_id] = page.published
    return found[municipality.pk], found[None]


def guide_orientation(situation, municipality=None) -> PageVersion | None:
    """The orientation of the network of the chosen municipality; with none chosen, of the one network
    that wrote one."""
    pages = Page.objects.filter(kind=Page.Kind.GUIDE, life_situation=situation, published__isnull=False)
    if municipality is not None:
        pages = pages.filter(network__municipalities=municipality)
    pages = list(pages.select_related("published")[:2])
    return pages[0].published if len(pages) == 1 else None


def current_news(today) -> list[PageVersion]:
    return list(
        PageVersion.objects.filter(pk__in=Page.objects.filter(kind=Page.Kind.NEWS).values("published"))
        .filter(expires_on__gte=today)
        .select_related("page__network")
        .order_by("-published_at", "-pk")[:NEWS_SHOWN]
    )


def accuracy_answers(service) -> dict:
    """What families said of the service's information since it was last checked: how many said it
    was correct, and each "no" with its comment, the newest first."""
    open_reports = AccuracyReport.objects.filter(service=service, resolved_at__isnull=True)
    return {
        "correct": open_reports.filter(correct=True).count(),
        "wrong": list(open_reports.filter(correct=False)),
    }
