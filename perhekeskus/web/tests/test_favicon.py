"""The site's icon: browsers ask for /favicon.ico on every page, and the pages link the icon."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_favicon_answers_at_the_root_as_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file


@pytest.mark.parametrize("path", ["/", "/sv/search/", "/workspace/sign-in/"])
def test_pages_link_the_icon_and_the_linked_icons_answer(client, path):
    html = client.get(path).content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">' in html
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in html
    svg = client.get("/static/web/favicon.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
