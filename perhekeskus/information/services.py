"""Writes of information: accessibility feedback, stored with the networks whose page it concerns so
that each network's coordinators read only their own (Feedback.objects.visible_to), and marked handled;
the coordinators' pages, where every save is a new version and publishing points the page at one
version (an older one restores it)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.catalog import freshness
from perhekeskus.catalog.models import Service
from perhekeskus.core.mail import absolute_url, mail_on_commit
from perhekeskus.information.models import AccuracyReport, Feedback, Page, PageVersion
from perhekeskus.information.selectors import NETWORKS_OF_PAGE, is_secret_link, page_route
from perhekeskus.network.models import Network
from perhekeskus.search.scrubbing import screen

VERSION_FIELDS = ("title_fi", "title_sv", "title_en", "body_fi", "body_sv", "body_en", "expires_on")


# networks_of_page and storable_page stay in this module: migration 0003 imports them from here.


def networks_of_page(address: str, *, host: str = "", network_model=Network):
    """The networks of the page at `address` (selectors.page_route), none for a page of the whole site,
    another site's page or text that is not an address. `network_model`: the historical model in a
    migration."""
    match = page_route(address, host=host)
    if match is None or match.view_name not in NETWORKS_OF_PAGE:
        return network_model.objects.none()
    argument, lookup = NETWORKS_OF_PAGE[match.view_name]
    return network_model.objects.filter(**{lookup: match.kwargs[argument]}).distinct()


def storable_page(page: str, *, host: str = "") -> str:
    """The page concerned as it may be stored: without the words that are addresses of a secret link
    (a registration's cancel link, an invitation, a password reset), whoever typed or pasted them."""
    words = page.split()
    kept = [word for word in words if not is_secret_link(word.rstrip(".,;:!?)"), host=host)]
    return page if len(kept) == len(words) else " ".join(kept)


@transaction.atomic
def feedback_receive(*, message: str, email: str, page: str, language: str, host: str) -> Feedback:
    """Store feedback from the accessibility statement's form, for the coordinators of the networks
    whose page it concerns (superusers only, when it concerns none)."""
    page = storable_page(page, host=host)
    feedback = Feedback.objects.create(message=message, email=email, page=page, language=language)
    feedback.networks.set(networks_of_page(page, host=host))
    return feedback


def feedback_mark_handled(*, actor, feedback: Feedback) -> None:
    feedback.handled_at, feedback.handled_by = timezone.now(), actor
    feedback.save(update_fields=["handled_at", "handled_by"])


# --- "Was this information correct?" on a service's page -----------------------------------------

# The editors hear of a "no" at once, but of one service at most once a day: the rest wait on the
# service's page in the workspace.
TOLD_AT_MOST_EVERY = datetime.timedelta(days=1)


@transaction.atomic
def accuracy_report_receive(*, service, correct: bool, comment: str, language: str) -> AccuracyReport:
    text, screened = screen(comment) if not correct else ("", False)
    now = timezone.now()
    report = AccuracyReport.objects.create(
        service=service, correct=correct, comment=text, screened=screened, language=language, received_at=now
    )
    if correct:
        return report
    # One answer at a time per service decides whether the editors are told (two "no"s at once: one e-mail).
    Service.objects.select_for_update().filter(pk=service.pk).first()
    told_lately = AccuracyReport.objects.filter(
        service=service, told=True, received_at__gt=now - TOLD_AT_MOST_EVERY
    ).exists()
    people = freshness.keepers([service.organization_id]).get(service.organization_id, ())
    if people and not told_lately:
        AccuracyReport.objects.filter(pk=report.pk).update(told=True)
        url = absolute_url("workspace:service_edit", service.pk)
        for user in people:
            mail_on_commit(
                to=user.email,
                template="information/email/accuracy_report",
                context={"user": user, "service": service, "report": report, "url": url},
            )
    return report


def accuracy_reports_resolve(*, service) -> int:
    """The service was checked: what families said of it before is answered."""
    return AccuracyReport.objects.filter(service=service, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


# --- Coordinators' pages -----------------------------------------------------------------------------


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


def page_version_publish(*, version: PageVersion) -> None:
    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=version.page_id)
        page.published = version
        page.save(update_fields=["published"])
        PageVersion.objects.filter(pk=version.pk, published_at__isnull=True).update(
            published_at=timezone.now()
        )


def page_unpublish(*, page: Page) -> None:
    # Saved, not updated: the kept public pages follow the signal (core.public_cache).
    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=page.pk)
        page.published = None
        page.save(update_fields=["published"])
