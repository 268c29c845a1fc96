"""Browser tests: Playwright driving Debian's Chromium against a live test server.

`make test` installs Chromium (apt-get, as root) when it is missing; CHROMIUM overrides the path.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).with_name("axe-core-4.14.1.min.js")
# Playwright's sync API runs an event loop in this thread; the test's own database work (fixtures)
# is synchronous all the same, and the live server answers from its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def refused_by_policy(page) -> list[str]:
    """What the page's Content-Security-Policy refused (Chromium reports each refusal on the console)."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{message.location} {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


# Chromium's console message names neither the directive nor the element; the page's own violation
# event does. Added through the devtools protocol, which the page's policy does not govern.
DESCRIBE_REFUSALS = """document.addEventListener("securitypolicyviolation", (event) => {
  const element = event.target instanceof Element ? event.target.tagName.toLowerCase() + (event.target.id ? "#" + event.target.id : "") : "document";
  console.error(`Content Security Policy refused ${event.violatedDirective} (${event.blockedURI}) on ${element},`
    + ` from ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}${event.sample ? ": " + event.sample : ""}`);
});"""


@contextmanager
def policed_page(context):
    """A new page of the context; fails the test if the site's Content-Security-Policy refused anything
    the page asked for (an inline script or style, a script from elsewhere)."""
    context.add_init_script(DESCRIBE_REFUSALS)
    page = context.new_page()
    refused = refused_by_policy(page)
    try:
        yield page
    finally:
        context.close()
    assert not refused, "\n".join(refused)


@pytest.fixture
def phone(browser, live_server):
    """A page on a phone's screen (390 × 844)."""
    with policed_page(
        browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    ) as page:
        yield page


def wider_than_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.fixture
def page(browser, live_server):
    with policed_page(
        browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    ) as page:
        yield page


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def any_page(request, browser, live_server):
    """A page with JavaScript and, in a second run of the test, without; `page.javascript` says which."""
    with policed_page(
        browser.new_context(base_url=live_server.url, java_script_enabled=request.param)
    ) as page:
        page.javascript = request.param
        yield page


@pytest.fixture
def page_without_js(browser, live_server):
    with policed_page(
        browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, java_script_enabled=False
        )
    ) as page:
        yield page


def axe_violations(page) -> list[dict]:
    """Violations of WCAG 2.0/2.1/2.2 A and AA rules on the page, as axe-core reports them."""
    # Evaluated by the browser's devtools protocol, which the page's Content-Security-Policy does not
    # govern (a <script> element with axe-core inline would be refused, as it should be).
    page.wait_for_load_state()  # a click's navigation is committed, its page may still be parsing
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


# Each checkbox and radio button on the page: its label, the gap between the two, how far the label's
# first line stands from the control's middle, and the control's size.
CONTROLS_AND_LABELS = """() => [...document.querySelectorAll('main input[type=checkbox], main input[type=radio]')]
  .filter(e => e.offsetParent !== null).map(e => {
    const box = e.getBoundingClientRect(), label = e.labels && e.labels[0];
    if (!label) return {control: e.id || e.name, label: null};
    const text = label.getBoundingClientRect();
    const gap = text.left >= box.right ? text.left - box.right : box.left >= text.right ? box.left - text.right : 0;
    const firstLine = text.top + Math.min(text.height, 24) / 2;
    return {control: e.id || e.name, label: label.innerText.trim(), gap: gap,
            offset: Math.abs(firstLine - (box.top + box.height / 2)), width: box.width, height: box.height};
  })"""


def misplaced_controls(page) -> list[dict]:
    """The checkboxes and radio buttons of the page (its disclosures opened) that do not sit beside
    their own label (more than 16 px apart, or off its first line) or are smaller than 24 px square
    (WCAG 2.2 target size). Fails when the page has none: the check would prove nothing."""
    page.wait_for_load_state()  # a click's navigation is committed, its page may still be parsing
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    controls = page.evaluate(CONTROLS_AND_LABELS)
    assert controls, f"no checkbox or radio button on {page.url}"
    return [
        c
        for c in controls
        if c["label"] is None or c["gap"] > 16 or c["offset"] > 12 or c["width"] < 24 or c["height"] < 24
    ]
