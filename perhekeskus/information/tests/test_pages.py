"""Coordinators' pages: who may write and publish them, versions and preview, sanitised content, and
where the public sees them (home news until their last day, a municipality's and the network's about
page, a guide's orientation) in three languages."""

import datetime

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone

from perhekeskus.core import markup
from perhekeskus.information import urls
from perhekeskus.information.models import Feedback, Page, PageVersion
from perhekeskus.network.models import Coordinator, FamilyCentre, Network
from perhekeskus.workspace.tests.conftest import make_user, people, sign_in  # noqa: F401

ABOUT = {
    "kind": "about", "municipality": "", "title_fi": "Tietoa perhekeskuksesta",
    "title_sv": "Om familjecentralen", "title_en": "About the family centre",
    "body_fi": "Perhekeskus on **verkosto**.\n\n## Yhteystiedot\n\n- neuvola",
    "body_sv": "Familjecentralen är ett nätverk.", "body_en": "The family centre is a network.",
}  # fmt: skip


def _create(client, data, slug="pk"):
    return client.post(reverse("information:page_create", args=[slug]), data)


@pytest.fixture
def stranger(people, django_user_model):  # noqa: F811
    user = make_user(django_user_model, "muu-koordinaattori@example.fi")
    Coordinator.objects.create(user=user, network=Network.objects.create(slug="muu", name_fi="Muu"))
    return user


def test_a_coordinator_writes_previews_and_publishes_a_version(client, people):  # noqa: F811
    sign_in(client, people["coordinator"])
    response = _create(client, ABOUT)
    page = Page.objects.get()
    assert response["Location"] == reverse("information:page_version", args=[page.pk, 1])
    assert client.get("/about/pk/").status_code == 404  # not public before publishing
    preview = client.get(response["Location"]).content.decode()
    assert "<strong>verkosto</strong>" in preview and "<h3>Yhteystiedot</h3>" in preview
    client.post(reverse("information:page_publish", args=[page.pk, 1]))
    assert "<strong>verkosto</strong>" in client.get("/about/pk/").content.decode()
    # A new version is a draft until published; the public still sees version 1.
    client.post(reverse("information:page_edit", args=[page.pk]), {**ABOUT, "body_fi": "Uusi teksti."})
    assert [v.number for v in page.versions.all()] == [2, 1]
    assert "verkosto" in client.get("/about/pk/").content.decode()
    client.post(reverse("information:page_publish", args=[page.pk, 2]))
    assert "Uusi teksti." in client.get("/about/pk/").content.decode()
    # Restoring: publish version 1 again; the history keeps both, with who and when.
    client.post(reverse("information:page_publish", args=[page.pk, 1]))
    history = client.get(reverse("information:page_version", args=[page.pk, 2])).content.decode()
    assert "verkosto" in client.get("/about/pk/").content.decode()
    versions = history[history.index('id="history-heading"') :]
    assert versions.count(", Testi, ") == 2  # both versions with their maker, both published
    assert "(nyt julkinen)" in versions or "(public now)" in versions
    client.post(reverse("information:page_unpublish", args=[page.pk]))
    assert client.get("/about/pk/").status_code == 404


@pytest.mark.parametrize(
    ("language", "text"), [("", "verkosto"), ("/sv", "ett nätverk"), ("/en", "is a network")]
)
def test_the_public_reads_the_page_in_its_language(client, people, language, text):  # noqa: F811
    sign_in(client, people["coordinator"])
    _create(client, ABOUT)
    client.post(reverse("information:page_publish", args=[Page.objects.get().pk, 1]))
    assert text in client.get(f"{language}/about/pk/").content.decode()


def test_script_and_event_handlers_are_removed(client, people):  # noqa: F811
    sign_in(client, people["coordinator"])
    body = (
        'Hei <script>alert(1)</script><img src=x onerror="alert(2)"> '
        '<a href="javascript:alert(3)" onclick="alert(4)">linkki</a> <iframe src="https://x"></iframe>'
        " [turvallinen](https://siunsote.fi) <style>body{}</style>"
    )
    _create(client, {**ABOUT, "body_fi": body})
    page = Page.objects.get()
    client.post(reverse("information:page_publish", args=[page.pk, 1]))
    for html in (
        client.get("/about/pk/").content.decode(),
        client.get(reverse("information:page_version", args=[page.pk, 1])).content.decode(),
    ):
        article = html[html.index("<article") : html.index("</article>")]
        for bad in ("<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "<style", "<img"):
            assert bad not in article
        assert '<a href="https://siunsote.fi" rel="noopener noreferrer">turvallinen</a>' in article
    assert str(markup.render("# Otsikko")) == "<h2>Otsikko</h2>"


def test_news_shows_on_the_home_page_until_its_last_day(client, people):  # noqa: F811
    sign_in(client, people["coordinator"])
    today = timezone.localdate()
    news = {**ABOUT, "kind": "news", "title_fi": "Perhekahvila avautuu", "body_fi": "Tervetuloa!"}
    response = _create(client, {**news, "expires_on": (today - datetime.timedelta(days=1)).isoformat()})
    assert (
        "The last day must not be in the past"
        in client.post(
            reverse("information:page_create", args=["pk"]).replace("/workspace/", "/en/workspace/", 1),
            {**news, "expires_on": (today - datetime.timedelta(days=1)).isoformat()},
        ).content.decode()
    )
    assert response.status_code == 200 and not Page.objects.exists()
    response = _create(client, {**news, "expires_on": ""})
    assert not Page.objects.exists()
    _create(client, {**news, "expires_on": today.isoformat()})
    page = Page.objects.get()
    assert "Perhekahvila avautuu" not in client.get("/").content.decode()  # not yet published
    client.post(reverse("information:page_publish", args=[page.pk, 1]))
    assert "Perhekahvila avautuu" in client.get("/").content.decode()
    PageVersion.objects.filter(page=page).update(expires_on=today - datetime.timedelta(days=1))
    assert "Perhekahvila avautuu" not in client.get("/").content.decode()


def test_a_municipalitys_about_page_and_a_guides_orientation(client, people):  # noqa: F811
    sign_in(client, people["coordinator"])
    lieksa = people["network"].municipalities.get(code="422")
    for municipality in people["network"].municipalities.all():
        FamilyCentre.objects.create(
            municipality=municipality,
            network=people["network"],
            name_fi=f"{municipality.name_fi}n perhekeskus",
        )
    _create(
        client,
        {**ABOUT, "municipality": lieksa.pk, "title_fi": "Lieksan perhekeskus", "body_fi": "Pielisentie 40"},
    )
    _create(
        client,
        {
            **ABOUT,
            "kind": "guide",
            "life_situation": "expecting",
            "title_fi": "Raskausaika",
            "body_fi": "Soita neuvolaan.",
        },
    )
    for page in Page.objects.all():
        client.post(reverse("information:page_publish", args=[page.pk, 1]))
    assert "Pielisentie 40" in client.get("/municipalities/422/").content.decode()
    assert "Pielisentie 40" not in client.get("/municipalities/167/").content.decode()
    assert "Soita neuvolaan." in client.get("/guides/expecting/?municipality=422").content.decode()
    assert "Soita neuvolaan." in client.get("/guides/expecting/").content.decode()  # the one network's
    assert "Soita neuvolaan." not in client.get("/guides/baby/").content.decode()
    # One about page per place: a second is refused.
    response = client.post(
        reverse("information:page_create", args=["pk"]).replace("/workspace/", "/en/workspace/", 1),
        {**ABOUT, "municipality": lieksa.pk},
    )
    assert "This page exists already" in response.content.decode()
    assert Page.objects.count() == 2


def _routes(page_pk, feedback_pk):
    arguments = {
        "feedback_list": [], "feedback_handled": [feedback_pk], "page_list": [], "page_create": ["pk"],
        "page_edit": [page_pk], "page_version": [page_pk, 1], "page_publish": [page_pk, 1],
        "page_unpublish": [page_pk],
    }  # fmt: skip
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(arguments), "a new route needs a permission test"
    return [(name, reverse(f"information:{name}", args=arguments[name])) for name in sorted(names)]


@pytest.mark.parametrize("who", ["anonymous", "editor", "outsider", "stranger"])
def test_only_the_networks_coordinators_may_use_the_workspace_pages(client, people, stranger, who):  # noqa: F811
    sign_in(client, people["coordinator"])
    _create(client, ABOUT)
    page = Page.objects.get()
    client.post(reverse("information:page_publish", args=[page.pk, 1]))
    feedback = Feedback.objects.create(message="x", language="fi")
    client.logout()
    if who != "anonymous":
        sign_in(client, stranger if who == "stranger" else people[who])
    for name, url in _routes(page.pk, feedback.pk):
        get, post = client.get(url), client.post(url, {**ABOUT, "body_fi": "Kaapattu"})
        if who == "anonymous":
            assert get.status_code == 302 and post.status_code == 302, name
            assert get["Location"].startswith(reverse("workspace:sign_in")), name
        elif who == "stranger" and name in ("feedback_list", "feedback_handled", "page_list"):
            assert get.status_code in (200, 405) and post.status_code in (302, 404, 405), name
        else:
            expected = {403} if name in ("feedback_list", "feedback_handled", "page_list") else {404}
            assert get.status_code in expected | {405}, (name, get.status_code)
            assert post.status_code in expected | {405}, (name, post.status_code)
    assert [v.body_fi for v in PageVersion.objects.all()] == [ABOUT["body_fi"]]
    page.refresh_from_db()
    assert page.published.number == 1


def test_relative_links_are_removed_and_a_second_about_page_cannot_be_made(people):  # noqa: F811
    from django.core.exceptions import ValidationError

    from perhekeskus.information import services

    assert str(markup.render("[a](//evil.example/) [b](/x) [c](https://ok.fi)")) == (
        '<p><a rel="noopener noreferrer">a</a> <a rel="noopener noreferrer">b</a> '
        '<a href="https://ok.fi" rel="noopener noreferrer">c</a></p>'
    )
    place = {"kind": "about", "network": people["network"], "municipality": None, "life_situation": None}
    services.page_save(actor=None, place=place, values={"title_fi": "A", "body_fi": "a"})
    with pytest.raises(ValidationError):
        services.page_save(actor=None, place=place, values={"title_fi": "B", "body_fi": "b"})
    assert Page.objects.count() == 1


def test_text_in_another_language_is_marked_and_news_names_its_network(client, people):  # noqa: F811
    sign_in(client, people["coordinator"])
    today = timezone.localdate()
    _create(
        client,
        {
            "kind": "news",
            "title_fi": "Perhekahvila avautuu",
            "body_fi": "Tervetuloa!",
            "expires_on": today.isoformat(),
        },
    )
    client.post(reverse("information:page_publish", args=[Page.objects.get().pk, 1]))
    page = client.get("/sv/").content.decode()
    assert '<span lang="fi">Perhekahvila avautuu</span>' in page
    assert '<div lang="fi"><p>Tervetuloa!</p></div>' in page
    assert "Pohjois-Karjala" in page[page.index('id="news-heading"') :]
