"""The API is public and read-only: it signs no one in. A password sent to it (HTTP Basic) is never
checked, so it cannot be tried there past the sign-in page's limits, django-axes' lockout or the
second factor."""

import base64

import pytest
from axes.models import AccessAttempt
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

API_PATHS = ["/api/schema/", "/api/docs/", "/api/hsds/", "/api/hsds/services", "/api/v1/search?q=neuvola"]


def _basic(email: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", email="editor@example.fi", password="right-password"
    )


@pytest.mark.parametrize("path", API_PATHS)
def test_a_wrong_password_is_not_checked_nor_counted(client, staff, path):
    for _ in range(6):  # more than django-axes' limit
        response = client.get(path, HTTP_AUTHORIZATION=_basic("editor@example.fi", "wrong"))
        assert response.status_code == 200, response.content[:300]
        assert "WWW-Authenticate" not in response
    assert not AccessAttempt.objects.exists()
    # Not locked out: the account still signs in on the sign-in page.
    signed_in = client.post(
        "/workspace/sign-in/", {"email": "editor@example.fi", "password": "right-password"}
    )
    assert signed_in.status_code == 302 and signed_in["Location"].startswith("/workspace/sign-in/code/")


@pytest.mark.parametrize("path", API_PATHS)
def test_the_right_password_signs_no_one_in(client, staff, path):
    response = client.get(path, HTTP_AUTHORIZATION=_basic("editor@example.fi", "right-password"))
    assert response.status_code == 200
    # The user as the view saw it: DRF gives the request it wraps the user its authenticators found
    # (a kept list is answered as written already, without DRF's renderer context).
    assert not response.wsgi_request.user.is_authenticated


def test_a_signed_in_session_is_not_signed_in_to_the_api(client, staff):
    """A password without the second factor opens nothing: the API does not read the session either."""
    client.force_login(staff)
    response = client.get("/api/schema/")
    assert not response.renderer_context["request"].user.is_authenticated


def _api_views(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _api_views(entry)
        elif isinstance(entry, URLPattern) and hasattr(entry.callback, "cls"):
            yield entry.callback.cls


def test_no_api_view_has_a_way_to_authenticate():
    views = list(_api_views())
    assert len(views) > 10  # the HSDS API, search, the schema and its documentation
    for view in views:
        assert view().get_authenticators() == [], view
