"""The door of every staff page (the workspace and the staff pages of the feature apps): `staff_view`
lets in people signed in with both factors and sends anyone else to the step that is missing;
`safe_next_url` follows a `next` address only when it is on this site. The sign-in pages themselves
are the workspace's; they are named here by their URL names only."""

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from perhekeskus.core.auth import second_factor_done


def safe_next_url(request, fallback: str | None = None) -> str:
    """The `next` address the request asks for, if it is on this site; else `fallback` (the dashboard)."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback or reverse("workspace:dashboard")


def with_next(name: str, next_url: str) -> str:
    """The page named `name`, coming back to `next_url` afterwards."""
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def staff_view(view):
    """Signed in, and the second factor given in this session; else to the step that is missing."""

    @wraps(view)
    @never_cache
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(with_next("workspace:sign_in", request.get_full_path()))
        if not second_factor_done(request.user):
            return redirect(with_next("workspace:two_factor", request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper
