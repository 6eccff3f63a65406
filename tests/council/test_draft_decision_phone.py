"""An official on a phone opens the council packet of an approved version and edits the draft
decision; nothing scrolls sideways, and axe-core (audit of every page) finds nothing serious.

Pages are read in English (the language cookie), so the test does not depend on the Dutch
translations.
"""

import pytest
from playwright.sync_api import Page, expect

from actionplans import services
from council.models import DraftDecision
from tests.browser.conftest import (  # noqa: F401 (fixtures: Chromium, axe-core, CSP, login)
    axe_audit,
    browser_context_args,
    browser_type_launch_args,
    csp_violations,
    login,
)
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def approved(plan_a, coordinator, official_a):
    official_a.set_password(TEST_PASSWORD)
    official_a.save()
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return version


def test_an_official_edits_the_draft_decision_on_a_phone(
    page: Page,
    login,  # noqa: F811 (the fixture imported above)
    live_server,
    approved,
    official_a,
):
    page.set_viewport_size({"width": 375, "height": 812})
    login(official_a.username, TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    trajectory = approved.plan.trajectory_id
    page.goto(f"{live_server.url}/trajectories/{trajectory}/plan/versions/{approved.number}/")
    page.get_by_role("link", name="Council packet").click()

    expect(page.get_by_role("heading", name="Legal grounds")).to_be_visible()
    expect(page.get_by_text(approved.content_hash)).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.get_by_role("link", name="Edit the draft decision").click()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.get_by_label("Title").fill("Goedkeuring PLUS-actieplan Sint-Truiden")
    articles = page.get_by_label("Articles")
    articles.fill(articles.input_value() + "\n\nDit besluit wordt bekendgemaakt.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The draft decision is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Article 4")).to_be_visible()
    draft = DraftDecision.objects.get(version=approved)
    assert draft.title == "Goedkeuring PLUS-actieplan Sint-Truiden"
    assert draft.articles[-1] == "Dit besluit wordt bekendgemaakt."
