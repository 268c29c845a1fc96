"""The review workflow: a new organisation or service is a draft until a network coordinator
publishes it. Each step is a tracked save of `publication`, so the change history shows who moved a
listing where and when."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perhekeskus.catalog.completeness import missing_required
from perhekeskus.catalog.models import Service
from perhekeskus.core.editing import version_of
from perhekeskus.core.history import history_of
from perhekeskus.core.mail import absolute_url, mail_on_commit
from perhekeskus.core.models import ChangeRecord, Publication
from perhekeskus.core.services import save_tracked
from perhekeskus.network.models import Organization

# The steps that decide on what an organisation sent: its people hear of them (e-mail, dashboard).
DECISIONS = ("publish", "return")
NOTE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Step:
    label: str
    from_states: frozenset
    to: str
    coordinators_only: bool
    services_only: bool = False


STEPS = {
    "submit": Step(
        gettext_lazy("Send for review"), frozenset({Publication.DRAFT}), Publication.PENDING, False
    ),
    "withdraw": Step(
        gettext_lazy("Back to draft"), frozenset({Publication.PENDING}), Publication.DRAFT, False
    ),
    "publish": Step(
        gettext_lazy("Publish"),
        frozenset({Publication.DRAFT, Publication.PENDING, Publication.ARCHIVED}),
        Publication.PUBLISHED,
        True,
    ),
    "return": Step(
        gettext_lazy("Return to the organisation"), frozenset({Publication.PENDING}), Publication.DRAFT, True
    ),
    "archive": Step(
        gettext_lazy("Archive"), frozenset({Publication.PUBLISHED}), Publication.ARCHIVED, False, True
    ),
    "restore": Step(
        gettext_lazy("Ask to publish again"),
        frozenset({Publication.ARCHIVED}),
        Publication.PENDING,
        False,
        True,
    ),
}


def may_act_on(user, instance: Service | Organization) -> bool:
    """Members keep their services; an organisation's own details are its admins' (and coordinators')."""
    if isinstance(instance, Organization):
        return Organization.objects.managed_by(user).filter(pk=instance.pk).exists()
    return Organization.objects.listings_editable_by(user).filter(pk=instance.organization_id).exists()


def steps_for(user, instance: Service | Organization) -> list[tuple[str, Step]]:
    """The steps `user` may take from where `instance` is now."""
    organization = instance if isinstance(instance, Organization) else instance.organization
    coordinator = organization.is_coordinated_by(user)
    member = may_act_on(user, instance)
    return [
        (name, step)
        for name, step in STEPS.items()
        if instance.publication in step.from_states
        and (coordinator if step.coordinators_only else member)
        and not (step.services_only and isinstance(instance, Organization))
        # A coordinator publishes without sending to themselves, and returns rather than withdraws.
        and not (name in ("submit", "withdraw") and coordinator)
    ]


def sent_by(instance: Service | Organization):
    """Who sent the listing to the coordinator: the person whose step last made it wait for review;
    else (published straight from a draft) the service's owner, else whoever made the listing. None
    when nobody is known (an import)."""
    for record in history_of(instance).filter(changes__has_key="publication").order_by("-changed_at"):
        if record.changes["publication"]["new"] == Publication.PENDING and record.actor is not None:
            return record.actor
    if getattr(instance, "owner", None) is not None:
        return instance.owner
    created = history_of(instance).filter(action=ChangeRecord.Action.CREATED).first()
    return created.actor if created is not None else None


def _tell_sender(*, actor, instance: Service | Organization, step_name: str, note: str) -> None:
    person = sent_by(instance)
    if person is None or person == actor or not person.email or not person.is_active:
        return
    page = "workspace:service_edit" if isinstance(instance, Service) else "workspace:organization_edit"
    # The account keeps no language of its own: the message goes in the site's (Finnish).
    mail_on_commit(
        to=person.email,
        template="catalog/email/review_decision",
        context={
            "user": person,
            "name": instance.name_fi,
            "published": step_name == "publish",
            "note": note,
            "coordinator": actor,
            "url": absolute_url(page, instance.pk),
        },
    )


@transaction.atomic
def take_step(
    *,
    actor,
    instance: Service | Organization,
    step_name: str,
    seen_version: str | None = None,
    note: str = "",
):
    """Move `instance` by the named step. PermissionDenied when `actor` may not; ValidationError when
    the step does not start from where the listing is (someone moved it meanwhile), when it changed
    after `seen_version` (what the coordinator reviewed), or when it is not ready for it (a service
    is published only with every required item of its checklist, catalog.completeness).

    A coordinator's `note` on publishing or returning is kept with the step's change record and sent,
    with the decision, to whoever sent the listing for review."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("The note is too long: at most %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}
        )
    if note and step_name not in DECISIONS:
        raise ValidationError(_("A note goes with publishing or returning only."))
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    if seen_version is not None and seen_version != version_of(instance):
        raise ValidationError(
            _("%(name)s changed after you looked at it: review it again.") % {"name": instance.name}
        )
    step = STEPS.get(step_name)
    if step is None or (step.services_only and isinstance(instance, Organization)):
        raise ValidationError(_("Unknown step."))
    organization = instance if isinstance(instance, Organization) else instance.organization
    if step.coordinators_only and not organization.is_coordinated_by(actor):
        raise PermissionDenied
    if not step.coordinators_only and not may_act_on(actor, instance):
        raise PermissionDenied
    if instance.publication not in step.from_states:
        raise ValidationError(
            _("This cannot be done now: the listing is %(state)s.")
            % {"state": instance.get_publication_display()}
        )
    if isinstance(instance, Service) and step.to == Publication.PENDING and not instance.deliveries.exists():
        raise ValidationError(
            _(
                "Add where or how the service is offered (a place or a way such as online) before it is published."
            )
        )
    if isinstance(instance, Service) and step.to == Publication.PUBLISHED:
        missing = missing_required(instance)
        if missing:
            raise ValidationError(
                _("%(name)s cannot be published yet. Missing: %(missing)s.")
                % {"name": instance.name, "missing": "; ".join(str(item.label) for item in missing)}
            )
    moved = save_tracked(instance=instance, values={"publication": step.to}, actor=actor, note=note)
    if step_name in DECISIONS:
        _tell_sender(actor=actor, instance=moved, step_name=step_name, note=note)
    return moved
