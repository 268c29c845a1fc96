"""Signing in with an e-mail address, and the second factor staff accounts need."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """The e-mail address (any case) is the user name."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        address = (email or username or "").strip()
        if not address or password is None:
            return None
        # Only the e-mail address: a second name for the account would get a lockout counter of its own.
        user = get_user_model()._default_manager.filter(email__iexact=address).first()
        if user is None:
            get_user_model()().set_password(password)  # the same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request, credentials) -> str:
    """What django-axes counts failures by: the address tried, in one spelling."""
    tried = (credentials or {}).get("email") or (credentials or {}).get("username") or ""
    if not tried and request is not None:
        tried = request.POST.get("email") or request.POST.get("username") or ""
    return tried.strip().lower()


def second_factor_done(user) -> bool:
    """Verified with a TOTP code or a recovery code in this session; a demo account only where the
    settings allow it (debug only, see settings)."""
    if not user.is_authenticated:
        return False
    if user.is_verified():
        return True
    return settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR and user.demo_account
