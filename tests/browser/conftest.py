"""Browser tests: Debian's Chromium driven by Playwright, with axe-core on every page.

Every page a browser test loads is audited by axe-core (vendored under vendor/); a
serious or critical violation fails the test that visited the page. So does anything the
page's Content-Security-Policy refuses (an inline script, handler or style element).
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body (creating data) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
BLOCKING_IMPACTS = {"serious", "critical"}
# Every refusal fires this event, whatever Chromium's own console wording. What axe-core
# does while it audits (it may add a <style> element of its own) is the test's, not the page's.
CSP_REPORT = "Content Security Policy violation:"
CSP_REPORTER = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
    if (window.__axeRunning) return;
    console.error(
        `{CSP_REPORT} ${{event.violatedDirective}} refused `
        + `${{event.blockedURI || "inline code"}} at ${{event.sourceFile}}:${{event.lineNumber}}`);
}});
"""
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    # A Flemish PC with an English browser: the portal must still start in Dutch.
    # Reduced motion turns Bootstrap's transitions off, so axe never measures the contrast of
    # a button caught halfway through its hover or focus colour change (a flaky failure).
    return {
        **browser_context_args,
        "locale": "en-US",
        "viewport": {"width": 1280, "height": 900},
        "reduced_motion": "reduce",
    }


# axe-core's run, which also notes what the page looked like when the run started: any change
# to the DOM, the focus, the pointer, the scroll position or the viewport since then (during
# the run included) makes the page worth auditing again.
AXE_RUN = """async () => {
    if (window.__axeChanges === undefined) {
        window.__axeChanges = 0;
        const changed = () => { window.__axeChanges += 1; };
        new MutationObserver(changed).observe(document, {
            subtree: true, childList: true, attributes: true, characterData: true});
        for (const type of ["pointerover", "pointermove", "focusin", "focusout"]) {
            document.addEventListener(type, changed, {capture: true});
        }
        window.__axeView = () => [
            innerWidth, innerHeight, scrollX, scrollY, document.activeElement];
    }
    const seen = {changes: window.__axeChanges, view: window.__axeView()};
    window.__axeRunning = true;
    let result;
    try {
        result = await axe.run(document, {resultTypes: ['violations']});
        // The refusals of what axe-core added are reported in a task of their own: let
        // them pass while they are still axe-core's.
        await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
        window.__axeRunning = false;
    }
    window.__axeSeen = seen;
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    }));
}"""
UNCHANGED_SINCE_AUDIT = """() => {
    const seen = window.__axeSeen;
    return seen !== undefined && seen.changes === window.__axeChanges
        && window.__axeView().every((value, index) => value === seen.view[index]);
}"""


class AxeAudit:
    def __init__(self, page: Page):
        self.page = page
        self.violations: list[str] = []
        self.audited: list[str] = []
        self.running = False

    def run(self) -> None:
        """Audit the page as it is now, unless axe-core saw it exactly so already.

        The load event's handler (in a greenlet of its own) and the test's own calls meet the
        same pages: a call made while another is auditing waits for its verdict, then audits
        again only what changed since.
        """
        page = self.page
        try:
            while self.running and not page.is_closed():
                page.wait_for_timeout(20)
        except PlaywrightError:
            return
        self.running = True
        try:
            self._audit()
        finally:
            self.running = False

    def _audit(self) -> None:
        page = self.page
        if page.is_closed() or not page.url.startswith("http"):
            return
        try:
            page.wait_for_load_state("load")
            if page.evaluate(UNCHANGED_SINCE_AUDIT):
                return
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                # Evaluated through DevTools, which the page's Content-Security-Policy does not
                # govern: an inline <script> tag (add_script_tag) would be refused.
                page.evaluate(AXE_SOURCE)
            violations = page.evaluate(AXE_RUN)
        except PlaywrightError:
            return  # the page navigated away mid-audit; its successor is audited on load
        self.audited.append(page.url)
        for violation in violations:
            if violation["impact"] in BLOCKING_IMPACTS:
                self.violations.append(
                    f"{page.url}: [{violation['impact']}] {violation['id']} — "
                    f"{violation['help']} at {violation['targets']}"
                )


@pytest.fixture(autouse=True)
def axe_audit(page: Page):
    audit = AxeAudit(page)
    page.on("load", lambda _page: audit.run())
    yield audit
    audit.run()
    assert audit.audited, "axe-core audited no page"
    assert not audit.violations, "Accessibility violations:\n" + "\n".join(audit.violations)


def flush_console(page: Page) -> None:
    """Let the page finish loading, then make one round trip, which delivers earlier messages."""
    try:
        page.wait_for_load_state("load")
        page.evaluate("0")
    except PlaywrightError:
        pass  # the page is gone, and its messages with it


@pytest.fixture(autouse=True)
def csp_violations(page: Page):
    """What the Content-Security-Policy refused on the pages a test visited; none may be."""
    violations: list[str] = []
    page.add_init_script(CSP_REPORTER)

    def on_console(message) -> None:
        if message.text.startswith(CSP_REPORT):
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    yield violations
    if not page.is_closed():
        flush_console(page)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def login(page: Page, live_server):
    def log_in(username: str, password: str) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Aanmelden").click()

    return log_in
