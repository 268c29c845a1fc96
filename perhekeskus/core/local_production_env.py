"""Writes the environment of a local production trial (`make serve-prod`) once: fresh secrets, the
given PostgreSQL and Redis, e-mail to the console, plain HTTP. An existing file is kept as it is, so
that the secrets (and the personal data encrypted with them) survive restarts."""

import os
import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet


def main(path: str, database_url: str, cache_url: str) -> int:
    target = Path(path)
    if target.exists():
        kept = dict(line.split("=", 1) for line in target.read_text().splitlines() if "=" in line)
        for name, asked in (("DATABASE_URL", database_url), ("CACHE_URL", cache_url)):
            if kept.get(name) != asked:
                print(
                    f"{target} keeps {name}={kept.get(name)} (not {asked}): edit or remove the file to change it."
                )
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    values = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # A local trial over plain HTTP; a real site is served over HTTPS by a proxy (docs/operations.md).
        "DJANGO_HTTPS": "false",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        # Text messages to a file (var/sms.jsonl) rather than a provider.
        "SMS_BACKEND": "file",
        "DEFAULT_FROM_EMAIL": "perhekeskus@localhost",
        "PRIVACY_CONTROLLER": "'Local trial (not a real controller)'",
        "PRIVACY_CONTACT": "privacy@example.invalid",
        "DATA_PROTECTION_OFFICER": "dpo@example.invalid",
        "SITE_URL": "http://127.0.0.1:8000",
    }
    # Readable by its owner only from the start: it holds the secrets.
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write("".join(f"{name}={value}\n" for name, value in values.items()))
    print(f"Wrote {target} with new secrets (keep it: the personal data is encrypted with its key).")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
