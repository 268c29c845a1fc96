"""Structured logs: one JSON object a line, for a log collector (LOG_FORMAT=json)."""

import datetime
import json
import logging

# What every LogRecord has; anything else passed in `extra=` is a field of its own, except the request
# Django's error log passes along (its address holds what a family searched for).
_LEFT_OUT = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: value for key, value in vars(record).items() if key not in _LEFT_OUT})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class SecretPaths(logging.Filter):
    """Django's security logs name the request's path ("Forbidden (CSRF …): /questions/<token>/"): a
    secret in it (a family's private link) is written as its placeholder, as in the request log."""

    def filter(self, record: logging.LogRecord) -> bool:
        from perhekeskus.core.middleware import loggable_path

        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple):
            path, safe = request.path, loggable_path(request)
            record.args = tuple(safe if argument == path else argument for argument in record.args)
        return True


class AsWarning(logging.Filter):
    """Turns a logger's records into warnings without a traceback: for what is expected and answered
    (a request for a host name that is not ours), not an error in the site."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = None
        return True
