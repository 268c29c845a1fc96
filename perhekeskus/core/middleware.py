"""Headers every response carries, one log line for every request, the workspace's languages and the
family's wish for plain Finnish."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpResponseRedirect

from perhekeskus.core.preferences import plain_finnish_wanted
from perhekeskus.core.translation import PLAIN_FINNISH_WANTED

request_log = logging.getLogger("perhekeskus.request")
# A proxy's request id is kept when it looks like one (it goes into logs and a header as it is).
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def permissions_policy(get_response):
    """Permissions-Policy. The Content-Security-Policy is django-csp's (settings); Django's
    SecurityMiddleware sends HSTS, nosniff, Referrer-Policy and COOP, its clickjacking middleware
    X-Frame-Options."""

    def middleware(request):
        response = get_response(request)
        # "Near me" on the search page asks for the position; nothing else needs a device feature.
        response.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=(), payment=()")
        return response

    return middleware


WORKSPACE_PATH = re.compile(r"^/(?P<language>[a-z]{2})(?P<rest>/workspace/.*)$", re.S)


def workspace_languages(get_response):
    """The workspace is in the network's working languages (settings.WORKSPACE_LANGUAGES): a
    workspace page asked for in another of the public site's languages is the same page in English,
    not a mix of English and that language (docs/decisions/0020-nine-languages.md)."""

    def middleware(request):
        found = WORKSPACE_PATH.match(request.path_info)
        if (
            found
            and found["language"] not in settings.WORKSPACE_LANGUAGES
            and request.method in ("GET", "HEAD")
        ):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(f"/en{found['rest']}" + (f"?{query}" if query else ""))
        return get_response(request)

    return middleware


def plain_finnish(get_response):
    """A family that asked for plain Finnish (its cookie) reads the plain versions of texts that have
    one, on every Finnish page of this request (core.translation)."""

    def middleware(request):
        token = PLAIN_FINNISH_WANTED.set(plain_finnish_wanted(request))
        try:
            return get_response(request)
        finally:
            PLAIN_FINNISH_WANTED.reset(token)

    return middleware


def health_check(get_response):
    """/healthz, answered before the host name is checked (a load balancer asks by the machine's
    address) and before the redirect to HTTPS (it asks over plain HTTP inside the network)."""
    from perhekeskus.core.views import healthz

    def middleware(request):
        if request.path == "/healthz":
            return healthz(request)
        return get_response(request)

    return middleware


def request_logging(get_response):
    """Method, path (never the query string: it holds what a family searched for; and secrets in the
    path, the tokens of registration, invitation and password links, as their placeholders), status,
    duration and a request id (the proxy's X-Request-ID, or a new one), also returned to the client. No
    client address: the privacy notice promises none is kept."""

    def middleware(request):
        started = time.perf_counter()
        request_id = request.headers.get("X-Request-ID", "")
        if not REQUEST_ID.fullmatch(request_id):
            request_id = uuid.uuid4().hex
        response = get_response(request)
        response["X-Request-ID"] = request_id
        path = loggable_path(request)
        request_log.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response

    return middleware


# Path parameters that are secrets: whoever holds one may act on a registration or an account.
SECRET_PARAMETERS = {"token", "uidb64"}


def loggable_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None or not SECRET_PARAMETERS & set(match.kwargs):
        return request.path
    path = request.path
    for name in SECRET_PARAMETERS & set(match.kwargs):
        path = path.replace(str(match.kwargs[name]), f"<{name}>")
    return path
