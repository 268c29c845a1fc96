"""gunicorn's settings (read from the working folder); each can be changed by the environment."""

import multiprocessing
import os
import sys
import traceback

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


def on_starting(server):
    """The settings are read once here, before the port is bound: a missing or malformed one stops
    gunicorn with its message (exit 78, as manage.py), where workers failing one by one would be
    restarted forever. A child process reads them, so that the master stays free of Django and the
    workers it starts (also after a HUP) read the settings afresh."""
    pid = os.fork()
    if pid == 0:
        status = 1  # anything unexpected stops gunicorn too, after its traceback
        try:
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perhekeskus.settings")
            from perhekeskus.core.env import read_settings_or_exit

            read_settings_or_exit()
            status = 0
        except SystemExit as stop:
            status = _failure_status(stop.code)
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)
    status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if status != 0:
        # gunicorn wrote its pidfile (--pid) just before this hook, and leaves it behind when a hook
        # stops it.
        if server.pidfile is not None:
            server.pidfile.unlink()
        sys.exit(status)


def post_worker_init(worker):
    """A worker reads what searches need (the vocabulary, word lists, municipality names, the snapshot
    of the documents) and imports its views before it takes its first request, so that no family
    waits for them."""
    from django.db import connections

    from perhekeskus.web.warm import warm_process

    try:
        warm_process()
    except Exception:  # a worker that cannot read ahead reads on first use; it must still start
        worker.log.warning("Could not read the search vocabulary ahead", exc_info=True)
    finally:
        connections.close_all()


def _failure_status(code) -> int:
    """The exit status of a SystemExit while the settings were read: never 0 (the master would go on
    to start workers), and within 1–255, which os._exit passes on unchanged (256 would read as 0). A
    message given instead of a number is printed, as Python does at exit."""
    if isinstance(code, int) and 0 < code < 256:
        return code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
    return 1
