"""Anonymous questions (issue 28) in a browser: a parent asks on a phone, a public health nurse signs in
through the real pages, takes the question, answers it and publishes an edited copy; the parent reads
the answer by the private link, and anyone finds it in the library of answers and beside the search
results. Asking works without JavaScript too. axe-core (WCAG 2.0–2.2 A and AA) on every page on the way. The pages are read in English (/en/)."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from perhekeskus.questions.models import PublishedAnswer, Question
from perhekeskus.questions.tests.conftest import desks  # noqa: F401
from perhekeskus.search import indexing
from perhekeskus.web.tests.browser.conftest import axe_violations, policed_page, wider_than_the_screen
from perhekeskus.workspace.tests.conftest import PASSWORD, current_code, people  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SIZES = {"390": PHONE, "1280": DESKTOP}

SLEEP = (
    "Meidän kaksivuotias ei nuku öisin ollenkaan, herää monta kertaa ja itkee. Iltaisin nukahtaminen "
    "kestää tunnin. Olemme tosi väsyneitä. Mitä voisimme kokeilla?"
)
ANSWER = (
    "Kiitos kysymyksestä. Kaksivuotiaan yöheräily on tavallista ja menee yleensä ohi.\n\n"
    "Kokeilkaa rauhallista ja samanlaisena toistuvaa iltarutiinia. Jos väsymys jatkuu, varatkaa aika "
    "neuvolaan."
)
TITLE = "Kaksivuotias ei nuku öisin"
PUBLISHED_QUESTION = "Kaksivuotias ei nuku öisin ja herää monta kertaa. Mitä voisimme kokeilla?"
# What a parent types in the search box: everyday words, not the service's name.
EVERYDAY_WORDS = "lapsi ei nuku"
PRIVATE_URL = re.compile(r"/en/questions/[\w-]+/$")


@pytest.fixture
def answering(desks):  # noqa: F811
    """The desks (North Karelia answers Lieksa and Joensuu), the nurse's authenticator, and a search
    index to search in."""
    indexing.rebuild()
    return {**desks, "device": TOTPDevice.objects.create(user=desks["nurse"], name="app", confirmed=True)}


def _screenshots(page, name: str) -> None:
    """The page at both sizes (/tmp/questions-<name>-<width>.png), the viewport left as it was."""
    was = page.viewport_size
    for width, size in SIZES.items():
        page.set_viewport_size(size)
        assert not wider_than_the_screen(page), f"{name} is wider than {width} px"
        page.screenshot(path=f"/tmp/questions-{name}-{width}.png", full_page=True)
    page.set_viewport_size(was)


def _ask(page) -> None:
    page.goto("/en/ask/")
    page.get_by_role("textbox", name="Your question").fill(SLEEP)
    page.get_by_role("combobox", name="Child's age").select_option(label="2 years")
    page.get_by_role("combobox", name="Municipality").select_option(label="Lieksa")
    page.get_by_role("button", name="Send the question").click()
    page.wait_for_url(PRIVATE_URL)


def _sign_in(page, user, device) -> None:
    page.goto("/en/workspace/sign-in/")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url("**/workspace/sign-in/code/**")
    page.fill("input[name=code]", current_code(device))
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(lambda url: "/sign-in/" not in url)


def test_a_parent_asks_a_nurse_answers_and_publishes_and_families_find_the_answer(
    browser, live_server, answering
):
    found = {}
    with policed_page(browser.new_context(base_url=live_server.url, viewport=PHONE)) as phone:
        # 1. The parent asks on a phone, in everyday Finnish, and lands on the question's private page.
        phone.goto("/en/ask/")
        expect(phone.get_by_role("heading", name="Ask a professional anonymously", level=1)).to_be_visible()
        expect(phone.locator("main a[href='tel:112']").first).to_be_visible()
        assert not phone.locator("input[name=website]").is_visible()  # the robots' field
        assert not wider_than_the_screen(phone)
        found["ask"] = axe_violations(phone)
        _screenshots(phone, "ask")
        _ask(phone)
        private_url = phone.url
        expect(phone.locator(".site-messages")).to_contain_text("Save the address of this page")
        expect(phone.get_by_role("status").filter(has_text="waits for an answer")).to_be_visible()
        expect(phone.locator("blockquote.message")).to_contain_text("herää monta kertaa ja itkee")
        assert not wider_than_the_screen(phone)
        found["private page, waiting"] = axe_violations(phone)
        question = Question.objects.get()
        assert question.municipality.code == "422" and question.child_age_years == 2

        # 2. The nurse signs in through the real pages, takes the question, answers and publishes it.
        with policed_page(browser.new_context(base_url=live_server.url, viewport=DESKTOP)) as staff:
            _sign_in(staff, answering["nurse"], answering["device"])
            staff.goto("/en/workspace/questions/")
            waiting = staff.locator("section[aria-labelledby=waiting-heading]")
            expect(waiting.get_by_role("cell", name="Lieksa")).to_be_visible()
            found["queue"] = axe_violations(staff)
            _screenshots(staff, "queue")
            waiting.locator(f"a[href$='/workspace/questions/{question.pk}/']").click()
            staff.wait_for_url(f"**/workspace/questions/{question.pk}/")
            expect(staff.locator("blockquote.message")).to_contain_text("herää monta kertaa ja itkee")
            found["detail, waiting"] = axe_violations(staff)
            staff.get_by_role("button", name="Take this question to answer").click()
            answer_box = staff.get_by_role("textbox", name=re.compile(r"^Answer:?$"))
            answer_box.wait_for()
            found["detail, taken"] = axe_violations(staff)
            _screenshots(staff, "staff-answering")
            answer_box.fill(ANSWER)
            staff.get_by_role("button", name="Send the answer").click()
            expect(staff.locator(".site-messages")).to_contain_text("The answer is ready for the family.")
            publish = staff.locator("form[action$='/publish/']")
            expect(publish.get_by_role("textbox", name="Answer as published")).to_have_value(ANSWER)
            found["detail, answered"] = axe_violations(staff)
            _screenshots(staff, "staff-detail")
            publish.get_by_role("textbox", name="Title").fill(TITLE)
            publish.get_by_role("textbox", name="Question as published").fill(PUBLISHED_QUESTION)
            expect(publish.locator("select[name=age_group]")).to_have_value("small")  # from the child's age
            publish.get_by_role("button", name="Publish the edited answer").click()
            staff.wait_for_url(re.compile(r"/en/answers/\d+/$"))
            expect(staff.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        published = PublishedAnswer.objects.get()
        assert published.question == PUBLISHED_QUESTION and published.answer.replace("\r\n", "\n") == ANSWER

        # 3. The parent opens the private link again and reads the answer.
        phone.goto(private_url)
        expect(phone.get_by_role("heading", name="The answer", level=2)).to_be_visible()
        expect(phone.locator("div.message")).to_contain_text("Kokeilkaa rauhallista")
        expect(phone.locator("main")).to_contain_text("terveydenhoitaja")
        assert phone.get_by_role("status").filter(has_text="waits for an answer").count() == 0
        assert not wider_than_the_screen(phone)
        found["private page, answered"] = axe_violations(phone)
        _screenshots(phone, "private-answered")

        # 4. Anyone finds the answer in the library, and beside the services a search in everyday words finds.
        phone.goto("/en/answers/")
        found["library"] = axe_violations(phone)
        _screenshots(phone, "library")
        phone.locator("ul.library").get_by_role("link", name=TITLE).click()
        phone.wait_for_url(f"**/en/answers/{published.pk}/")
        expect(phone.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        expect(phone.locator("article blockquote.message")).to_contain_text("herää monta kertaa")
        expect(phone.locator("article div.message")).to_contain_text("Kokeilkaa rauhallista")
        assert "herää monta kertaa ja itkee" not in phone.content()  # the family's own words stay private
        found["library answer"] = axe_violations(phone)
        _screenshots(phone, "library-answer")
        phone.goto(f"/en/search/?q={EVERYDAY_WORDS.replace(' ', '+')}")
        box = phone.locator("section.library-offer")
        expect(box.get_by_role("heading", name="Professionals have answered")).to_be_visible()
        found["search"] = axe_violations(phone)
        _screenshots(phone, "search")
        box.get_by_role("link", name=TITLE).click()
        phone.wait_for_url(f"**/en/answers/{published.pk}/")
    assert {name: v for name, v in found.items() if v} == {}


def test_asking_works_without_javascript(browser, live_server, answering):
    """Without JavaScript: a phone number in the question is taken out and shown to check, and the
    question sent again reaches its private page. (No axe-core here: axe.run never settles in a page
    that may run no scripts. The errors' page is checked with JavaScript below.)"""
    with policed_page(
        browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    ) as page:
        page.goto("/en/ask/")
        question_box = page.get_by_role("textbox", name="Your question")
        question_box.fill(f"Soittakaa minulle numeroon 040 123 4567. {SLEEP}")
        page.get_by_role("combobox", name="Municipality").select_option(label="Lieksa")
        page.get_by_role("button", name="Send the question").click()
        expect(page.locator("#id_text_error")).to_contain_text("a phone number")  # in the page's language
        expect(question_box).to_have_value(re.compile(r"\[…\]"))
        assert "040 123 4567" not in question_box.input_value()
        expect(page.get_by_role("combobox", name="Municipality")).to_have_value("422")
        assert not Question.objects.exists()  # nothing is stored before the family has checked it
        page.get_by_role("button", name="Send the question").click()
        page.wait_for_url(PRIVATE_URL)
        expect(page.get_by_role("status").filter(has_text="waits for an answer")).to_be_visible()
        expect(page.locator("blockquote.message")).to_contain_text("herää monta kertaa ja itkee")
    question = Question.objects.get()
    assert question.municipality.code == "422" and "040 123 4567" not in question.text


def test_the_family_deletes_its_question_on_its_page(phone, answering):
    _ask(phone)
    phone.get_by_text("Delete my question and its answer").click()  # a disclosure: asks to confirm
    with phone.expect_response(lambda r: r.request.method == "POST") as deleted:
        phone.get_by_role("button", name="Delete for good").click()
    assert deleted.value.status == 302, deleted.value.status
    phone.wait_for_url("**/en/ask/")
    expect(phone.locator(".site-messages")).to_contain_text("Your question and its answer were deleted.")
    question = Question.objects.get()
    assert question.status == "withdrawn" and question.text == ""


def test_the_form_with_errors_is_accessible_on_a_phone(phone, answering):
    """Errors next to their fields, announced, and tied to them; the page no wider than the phone."""
    found = {}
    phone.goto("/en/ask/")
    phone.get_by_role("textbox", name="Your question").fill("Ei nuku.")
    phone.get_by_role("textbox", name="E-mail").fill("ei osoite")
    phone.get_by_role("combobox", name="Municipality").select_option(label="Lieksa")
    phone.get_by_role("button", name="Send the question").click()
    for field in ("text", "notify_email"):
        expect(phone.locator(f"#id_{field}_error")).to_be_visible()
        expect(phone.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
        expect(phone.locator(f"#id_{field}")).to_have_attribute(
            "aria-describedby", re.compile(rf"\bid_{field}_error\b")
        )
    assert not wider_than_the_screen(phone)
    found["field errors"] = axe_violations(phone)
    phone.get_by_role("textbox", name="Your question").fill(f"Soittakaa numeroon 040 123 4567. {SLEEP}")
    phone.get_by_role("textbox", name="E-mail").fill("")
    phone.get_by_role("button", name="Send the question").click()
    expect(phone.locator("#id_text_error")).to_contain_text("a phone number")
    found["details taken out"] = axe_violations(phone)
    phone.screenshot(path="/tmp/questions-ask-errors-390.png", full_page=True)
    assert not Question.objects.exists()
    assert {name: v for name, v in found.items() if v} == {}
