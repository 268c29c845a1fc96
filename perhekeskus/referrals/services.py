"""Writes of referrals: sending, a family's contact request, the steps of the state machine, messages,
erasure. Each is atomic, writes the audit log, and tells the other side by e-mail (a link only,
never personal data)."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perhekeskus.catalog.models import Service
from perhekeskus.core.encryption import encrypted_fields
from perhekeskus.core.mail import absolute_url, mail_on_commit
from perhekeskus.core.validators import validate_no_identity_code
from perhekeskus.network.models import Membership, Organization
from perhekeskus.network.selectors import reachable_coordinators, reachable_members
from perhekeskus.referrals import selectors
from perhekeskus.referrals.models import STEPS, AuditEntry, Referral, ReferralEvent, ReferralMessage

Status = Referral.Status
# Free text where a worried professional might paste too much: refused when it holds an identity code.
FREE_TEXT = ("family_name", "phone", "email", "need", "preferred_time", "consent_given_by", "consent_scope")


def audit_record(*, actor, action: str, referral: Referral | None = None, detail: str = "") -> None:
    AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        referral_id=referral.pk if referral is not None else None,
        detail=detail[:300],
    )


def _check_free_text(values: Mapping[str, Any]) -> None:
    errors = {}
    for name in FREE_TEXT:
        try:
            validate_no_identity_code(values.get(name) or "")
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


def _members(referral: Referral) -> list[str]:
    """Addresses of the receiving organisation's active members."""
    return sorted({m.user.email for m in reachable_members([referral.receiving_organization_id])})


def _tell_receivers(referral: Referral) -> None:
    members = _members(referral)
    for address in members:
        mail_on_commit(
            to=address,
            template="referrals/email/received",
            context={"referral": referral, "url": absolute_url("referrals:detail", referral.pk)},
        )
    if members:
        return
    # Nobody reads the organisation's inbox: its coordinators are asked to invite someone (they cannot
    # open the referral themselves).
    for address in sorted(u.email for u in reachable_coordinators([referral.receiving_organization_id])):
        mail_on_commit(
            to=address,
            template="referrals/email/nobody_to_receive",
            context={
                "referral": referral,
                "url": absolute_url("workspace:members", referral.receiving_organization_id),
            },
        )


def _tell_sender(referral: Referral) -> None:
    """The sender while still in the sending organisation; else that organisation's admins."""
    sender = referral.sender
    if sender is not None and sender.is_active and selectors.is_sender_side(sender, referral):
        addresses = [sender.email] if sender.email else []
    else:
        admins = reachable_members([referral.sending_organization_id], roles=[Membership.Role.ADMIN])
        addresses = [m.user.email for m in admins]
    for address in addresses:
        mail_on_commit(
            to=address,
            template="referrals/email/status",
            context={"referral": referral, "url": absolute_url("referrals:detail", referral.pk)},
        )


def _event(referral: Referral, *, actor, from_status: str, note: str = "") -> None:
    ReferralEvent.objects.create(
        referral=referral, from_status=from_status, to_status=referral.status, actor=actor, note=note
    )


NOBODY_READS = gettext_lazy(
    "Nobody reads this service's inbox yet: the referral cannot be sent through Perhekeskus. Contact the "
    "service another way."
)


@transaction.atomic
def referral_send(
    *,
    actor,
    service: Service,
    sending_organization: Organization,
    values: Mapping[str, Any],
) -> Referral:
    """A professional's referral of a family to a service, with the family's recorded consent."""
    if not selectors.referable_services().filter(pk=service.pk).exists():
        raise ValidationError(_("This service does not take referrals through Perhekeskus."))
    if not selectors.has_reader(service):
        raise ValidationError(NOBODY_READS, code="nobody_reads")
    if not selectors.sending_organizations(actor).filter(pk=sending_organization.pk).exists():
        raise PermissionDenied
    errors = {}
    if not values.get("privacy_notice_given"):
        errors["privacy_notice_given"] = [_("The family must have been given the privacy notice.")]
    for name in ("consent_method", "consent_at", "consent_given_by", "consent_scope"):
        if not values.get(name):
            errors[name] = [_("Record the family's consent before sending.")]
    if not (values.get("phone") or values.get("email")):
        errors["phone"] = [_("Give a phone number or an e-mail address for contacting the family.")]
    if errors:
        raise ValidationError(errors)
    _check_free_text(values)
    referral = Referral(
        kind=Referral.Kind.REFERRAL,
        service=service,
        receiving_organization=service.organization,
        sender=actor,
        sending_organization=sending_organization,
        **values,
    )
    referral.full_clean()
    referral.save()
    _event(referral, actor=actor, from_status="")
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, referral=referral, detail="referral sent")
    _tell_receivers(referral)
    return referral


@transaction.atomic
def contact_request_send(
    *, service: Service, values: Mapping[str, Any], language: str | None = None
) -> Referral:
    """A family asks a service to contact them (the public page); the family gives consent themselves.
    Refused for a service that takes none, or whose organisation has nobody to read them. `language`:
    the page's, for the family's confirmation."""
    if not selectors.takes_contact_requests(service):
        raise ValidationError(_("This service does not take contact requests through Perhekeskus."))
    _check_free_text(values)
    referral = Referral(
        kind=Referral.Kind.CONTACT_REQUEST,
        service=service,
        receiving_organization=service.organization,
        consent_method=Referral.ConsentMethod.WRITTEN,
        consent_at=timezone.now(),
        consent_given_by=values.get("family_name", ""),
        consent_scope=_("The details in this request, for the service to contact me."),
        privacy_notice_given=True,
        **values,
    )
    referral.full_clean()
    referral.save()
    _event(referral, actor=None, from_status="")
    audit_record(
        actor=None,
        action=AuditEntry.Action.CREATE,
        referral=referral,
        detail="contact request from the public page",
    )
    _tell_receivers(referral)
    if referral.email:
        # Neutral words: the address is not verified, and the service's name (or its phone number, or a
        # link to its page) could tell about the family. The answer time tells nothing of the kind.
        mail_on_commit(
            to=referral.email,
            template="referrals/email/contact_request_sent",
            context={"answer_days": service.contact_answer_days},
            language=language,
        )
    return referral


def referral_open(*, actor, referral: Referral) -> Referral:
    """Opening a referral reads its personal data (audited); the receiver's first look marks it opened."""
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEntry.Action.READ, referral=referral)
        if referral.status == Status.SENT and selectors.is_receiver(actor, referral):
            moved = Referral.objects.filter(pk=referral.pk, status=Status.SENT).update(status=Status.OPENED)
            if moved:
                referral.status = Status.OPENED
                _event(referral, actor=actor, from_status=Status.SENT)
    return referral


@transaction.atomic
def referral_step(
    *, actor, referral: Referral, step_name: str, reason: str = "", outcome: str = "", note: str = ""
) -> Referral:
    """Move a referral by a named step of the state machine. PermissionDenied for someone not on the
    side that takes the step; ValidationError for a step that does not start where the referral is, a
    missing reason or outcome, or an identity code in the note."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    step = STEPS.get(step_name)
    if referral.erased_at is not None:
        raise ValidationError(_("The personal data of this referral has been erased: it cannot move on."))
    if step is None:
        raise ValidationError(_("Unknown step."))
    allowed = (
        selectors.is_receiver(actor, referral)
        if step.by_receiver
        else selectors.is_sender_side(actor, referral)
    )
    if not allowed:
        raise PermissionDenied
    if referral.status not in step.from_states:
        raise ValidationError(
            _("This cannot be done now: the referral is %(status)s.")
            % {"status": referral.get_status_display()}
        )
    if referral.kind == Referral.Kind.CONTACT_REQUEST and step_name == "withdraw":
        raise ValidationError(_("A family's contact request cannot be withdrawn here."))
    if step.needs == "decline_reason" and reason not in Referral.DeclineReason.values:
        raise ValidationError({"reason": [_("Choose the reason for declining.")]})
    if step.needs == "outcome" and outcome not in Referral.Outcome.values:
        raise ValidationError({"outcome": [_("Choose the outcome.")]})
    validate_no_identity_code(note)
    before = referral.status
    referral.status = step.to
    now = timezone.now()
    if step.to == Status.ACCEPTED:
        referral.accepted_at = now
    if step.needs == "decline_reason":
        referral.decline_reason = reason
    if step.needs == "outcome":
        referral.outcome = outcome
    if referral.is_closed:
        referral.closed_at = now
    referral.save(
        update_fields=["status", "accepted_at", "decline_reason", "outcome", "closed_at", "modified_at"]
    )
    _event(referral, actor=actor, from_status=before, note=note)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        referral=referral,
        detail=f"{before} → {referral.status}",
    )
    if step.by_receiver:
        _tell_sender(referral)
    else:
        _tell_receivers(referral)
    return referral


@transaction.atomic
def referral_message(*, actor, referral: Referral, body: str) -> ReferralMessage:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)  # not while it is being erased
    if not (selectors.is_receiver(actor, referral) or selectors.is_sender_side(actor, referral)):
        raise PermissionDenied
    if referral.erased_at is not None:
        raise ValidationError(_("The personal data of this referral has been erased: no more messages."))
    if not body.strip():
        raise ValidationError({"body": [_("Write the message.")]})
    validate_no_identity_code(body)
    message = ReferralMessage.objects.create(referral=referral, author=actor, body=body.strip())
    Referral.objects.filter(pk=referral.pk).update(modified_at=timezone.now())  # worked on: not abandoned
    audit_record(actor=actor, action=AuditEntry.Action.MESSAGE, referral=referral)
    if selectors.is_receiver(actor, referral):
        _tell_sender(referral)
    else:
        _tell_receivers(referral)
    return message


@transaction.atomic
def referral_erase(*, referral: Referral, actor=None, why: str) -> None:
    """Erase the personal data of a referral: its fields, the notes of its steps and its messages. What
    is left (service, organisations, dates, statuses, outcome class) is anonymous."""
    Referral.objects.select_for_update().filter(pk=referral.pk).exists()  # lock: no step or message meanwhile
    Referral.objects.filter(pk=referral.pk).update(
        **dict.fromkeys(encrypted_fields(Referral), ""), erased_at=timezone.now()
    )
    ReferralEvent.objects.filter(referral=referral).update(note="")
    ReferralMessage.objects.filter(referral=referral).update(body="")
    audit_record(actor=actor, action=AuditEntry.Action.ERASE, referral=referral, detail=why)
