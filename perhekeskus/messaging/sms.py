"""Sending a text message: a small interface (`send(to, text) -> provider's id`) with backends chosen
by settings.SMS_BACKEND — "46elks" (the provider's documented HTTP API), "console" and "file" for
development, "memory" for tests; none at all when it is empty. A failure the provider reports, or no answer in time, is SmsError:
the message is tried again later."""

import base64
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)

# What the memory backend sent, like django.core.mail.outbox.
outbox: list[dict] = []


class SmsError(Exception):
    """`summary`: what may be kept of it (no number, no text)."""

    def __init__(self, summary: str, detail: str = "") -> None:
        super().__init__(f"{summary}{': ' + detail if detail else ''}")
        self.summary = summary


def enabled() -> bool:
    """Whether the site sends text messages at all (SMS_BACKEND is set)."""
    return bool(settings.SMS_BACKEND)


def send(to: str, text: str) -> str:
    return BACKENDS[settings.SMS_BACKEND](to, text)


def _console(to: str, text: str) -> str:
    log.info("SMS to %s: %s", to[:6] + "…", text)
    return f"console-{uuid.uuid4()}"


def _file(to: str, text: str) -> str:
    sent_id = f"file-{uuid.uuid4()}"
    with Path(settings.SMS_FILE_PATH).open("a", encoding="utf-8") as file:
        row = {"id": sent_id, "to": to, "text": text, "at": timezone.now().isoformat()}
        file.write(json.dumps(row, ensure_ascii=False) + "\n")
    return sent_id


def _memory(to: str, text: str) -> str:
    outbox.append({"to": to, "text": text})
    return f"memory-{len(outbox)}"


def _46elks(to: str, text: str) -> str:
    """46elks' SMS API: POST the form fields from, to and message with HTTP Basic authentication; the
    answer is the created message as JSON, its "id" among its fields."""
    credentials = f"{settings.SMS_46ELKS_USERNAME}:{settings.SMS_46ELKS_PASSWORD}".encode()
    request = urllib.request.Request(
        settings.SMS_46ELKS_URL,
        data=urllib.parse.urlencode({"from": settings.SMS_SENDER, "to": to, "message": text}).encode(),
        headers={"Authorization": f"Basic {base64.b64encode(credentials).decode()}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT_SECONDS) as response:
            answer = json.loads(response.read().decode("utf-8") or "{}")
    except urllib.error.HTTPError as error:
        raise SmsError(
            f"46elks answered {error.code}: {error.read()[:200].decode('utf-8', 'replace')}"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SmsError(f"46elks could not be reached: {type(error).__name__}") from None
    except ValueError:
        raise SmsError("46elks answered something other than JSON") from None
    if not answer.get("id"):
        raise SmsError(f"46elks answered without an id: {str(answer)[:200]}")
    return str(answer["id"])


BACKENDS = {"console": _console, "file": _file, "memory": _memory, "46elks": _46elks}
