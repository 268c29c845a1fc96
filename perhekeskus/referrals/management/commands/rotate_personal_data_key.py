from django.core.management.base import BaseCommand
from django.db import transaction

from perhekeskus.core.encryption import encrypted_fields
from perhekeskus.referrals.models import Referral, ReferralEvent, ReferralMessage
from perhekeskus.referrals.services import audit_record


class Command(BaseCommand):
    help = (
        "Re-encrypt all personal data with the newest key (the first of PERSONAL_DATA_KEYS). Put the new "
        "key first, keep the old ones after it, run this, then remove the old keys."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        total = 0
        for model in (Referral, ReferralEvent, ReferralMessage):
            fields = encrypted_fields(model)
            rows = model.objects.select_for_update().only("pk", *fields)  # no erasure in between
            for row in rows.iterator(chunk_size=500):
                # Read with any key, written with the newest (an update keeps modification times).
                model.objects.filter(pk=row.pk).update(**{name: getattr(row, name) for name in fields})
                total += 1
        audit_record(
            actor=None,
            action="change",
            detail=f"personal data re-encrypted with the newest key ({total} rows)",
        )
        self.stdout.write(f"Re-encrypted {total} rows with the newest key.")
