import getpass
import json
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from perhekeskus.referrals.models import AuditEntry, Referral
from perhekeskus.referrals.services import audit_record, referral_erase


def _digits(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "0" + digits[3:] if digits.startswith("358") else digits


class Command(BaseCommand):
    help = (
        "A data subject's request: find the referrals and contact requests about one person (by e-mail, "
        "phone or name), export them as JSON, or erase their personal data. Every use is in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--name", default="", help="The name exactly as recorded (any case).")
        parser.add_argument("--export", metavar="FILE", help="Write the person's data to this JSON file.")
        parser.add_argument("--erase", action="store_true", help="Erase the person's personal data.")
        parser.add_argument("--yes", action="store_true", help="Confirm --erase.")
        parser.add_argument(
            "--by",
            default=getpass.getuser(),
            help="Who handles the request, for the audit log (default: you).",
        )

    def _matches(self, email: str, phone: str, name: str) -> list[Referral]:
        # The fields are encrypted, so the database cannot compare them: each is decrypted here.
        found = []
        for referral in Referral.objects.filter(erased_at__isnull=True).select_related("service"):
            if (
                (email and referral.email.strip().lower() == email.strip().lower())
                or (phone and referral.phone and _digits(referral.phone) == _digits(phone))
                or (name and referral.family_name.strip().casefold() == name.strip().casefold())
            ):
                found.append(referral)
        return found

    def handle(self, *args, email, phone, name, export, erase, yes, by, **options):
        if not (email or phone or name):
            raise CommandError("Give --email, --phone or --name.")
        if erase and not yes:
            raise CommandError("--erase removes personal data for good: add --yes to confirm.")
        found = self._matches(email, phone, name)
        operator = SimpleNamespace(is_authenticated=False, email=f"{by} (personal_data)")
        for referral in found:
            audit_record(
                actor=operator,
                action=AuditEntry.Action.READ,
                referral=referral,
                detail="data subject request",
            )
            self.stdout.write(
                f"{referral.pk}  {referral.get_kind_display()}  {referral.service.name_fi}  "
                f"{referral.sent_at:%Y-%m-%d}  {referral.get_status_display()}"
            )
        self.stdout.write(f"{len(found)} found.")
        if export:
            rows = [
                {
                    "id": str(r.pk), "kind": r.kind, "service": r.service.name_fi, "sent_at": r.sent_at.isoformat(),
                    "status": r.status, "urgency": r.urgency, "name": r.family_name, "phone": r.phone,
                    "email": r.email, "contact_method": r.contact_method,
                    "language": r.language.name_fi if r.language else None, "need": r.need,
                    "life_situations": [situation.name_fi for situation in r.life_situations],
                    "preferred_time": r.preferred_time, "consent_given_by": r.consent_given_by,
                    "consent_scope": r.consent_scope, "consent_method": r.consent_method,
                    "consent_at": r.consent_at.isoformat() if r.consent_at else None,
                    "events": [{"at": e.at.isoformat(), "status": e.to_status, "note": e.note} for e in r.events.all()],
                    "messages": [{"at": m.at.isoformat(), "body": m.body} for m in r.messages.all()],
                }
                for r in found
            ]  # fmt: skip
            try:
                with open(export, "w", encoding="utf-8") as file:
                    json.dump(rows, file, ensure_ascii=False, indent=2)
            except OSError as error:
                raise CommandError(f"Cannot write {export}: {error.strerror}.") from error
            for referral in found:
                audit_record(
                    actor=operator,
                    action=AuditEntry.Action.EXPORT,
                    referral=referral,
                    detail="data subject request",
                )
            self.stdout.write(f"Exported to {export}.")
        if erase:
            with transaction.atomic():
                for referral in found:
                    referral_erase(referral=referral, actor=operator, why="data subject request")
            self.stdout.write(f"Erased the personal data of {len(found)}.")
