"""Writes and reads of the coordinators' pages: every save is a new version; publishing points the
page at one version (an older one restores it); the public reads only published versions."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.information.models import Page, PageVersion

NEWS_SHOWN = 5
VERSION_FIELDS = ("title_fi", "title_sv", "title_en", "body_fi", "body_sv", "body_en", "expires_on")


def page_save(*, actor, values: dict, page: Page | None = None, place: dict | None = None) -> PageVersion:
    """A new version of `page` (or a new page at `place`: kind, network, municipality, life situation)."""
    with transaction.atomic():
        if page is None:
            try:
                with transaction.atomic():
                    page = Page.objects.create(**place)
            except IntegrityError as error:  # made by someone else a moment ago
                raise ValidationError(_("This page exists already: edit it instead.")) from error
        else:
            page = Page.objects.select_for_update().get(pk=page.pk)
        number = (page.versions.aggregate(Max("number"))["number__max"] or 0) + 1
        return PageVersion.objects.create(
            page=page,
            number=number,
            created_by=actor,
            **{name: values.get(name, None if name == "expires_on" else "") for name in VERSION_FIELDS},
        )


def publish(version: PageVersion) -> None:
    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=version.page_id)
        page.published = version
        page.save(update_fields=["published"])
        PageVersion.objects.filter(pk=version.pk, published_at__isnull=True).update(
            published_at=timezone.now()
        )


def unpublish(page: Page) -> None:
    Page.objects.filter(pk=page.pk).update(published=None)


# --- Public ------------------------------------------------------------------------------------------


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
