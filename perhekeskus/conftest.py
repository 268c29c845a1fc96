"""Shared fixtures: users. Reference data (taxonomy, municipalities) is in every test database already."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from perhekeskus.core import expiring, public_cache
from perhekeskus.referrals.tests import audit_guards
from perhekeskus.search import snapshot


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database without the audit log's guards against being emptied: Django's flush after
    each transactional test needs exactly the statements they refuse (perhekeskus/referrals/tests/
    audit_guards.py)."""
    with django_db_blocker.unblock():
        # Dropped only if there: a migration that lost the guard would otherwise go unnoticed.
        assert audit_guards.present(connection), (
            f"The audit log's guard {audit_guards.NAME[connection.vendor]} is missing after migrate "
            "(referrals migration 0003 makes it)."
        )
        audit_guards.remove(connection)


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its page's language for the thread; the next test starts in Finnish again
    (so that reverse() gives Finnish addresses)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_search_snapshot():
    """Each test rolls its database back, and SQLite then hands out the same row ids again: the
    in-memory snapshot of search documents and what processes keep of the public content must not
    outlive the test. Nor may the names and words kept for a few minutes (core.expiring): kept by an
    earlier test, they would run out in the middle of a later one and add to the queries it counts."""
    snapshot.forget()
    public_cache.forget_in_process()
    expiring.forget_all()
    yield
    snapshot.forget()
    public_cache.forget_in_process()


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache (in-process memory) holds rate limits: each test starts without any."""
    cache.clear()
    yield


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="root", email="root@example.invalid", password="pw"
    )


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(username="staff", password="pw", is_staff=True)


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user(username="plain", password="pw")


def sign_in_with_both_factors(client, user) -> None:
    """A session that has given both factors, as the workspace's code page leaves it (django-otp keeps
    the device that verified the session under this key)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
