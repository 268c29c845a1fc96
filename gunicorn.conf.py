"""gunicorn's settings (read from the working folder); each can be changed by the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Requests wait on the database as much as on the processor: two processes a core, and one more.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# A process is replaced after this many requests (jittered, so that they don't all restart at once).
max_requests = 2000
max_requests_jitter = 200
# The application logs every request itself (perhekeskus.core.middleware, without client addresses
# or query strings); gunicorn's own access log would repeat it with both.
accesslog = None
errorlog = "-"
# gunicorn's own messages in the application's format (LOG_FORMAT: json, or text).
if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "perhekeskus.core.logs.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["stderr"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            # Off, as above (a logging configuration would otherwise turn it on).
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }
# X-Forwarded-Proto is believed only from these addresses (the proxy in front).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "perhekeskus.wsgi:application"
