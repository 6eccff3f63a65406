"""A visitor without an account reads the public twins of a plan version and of a progress
report sent to the council, on a 375 px phone: no sideways scroll, the skip link is the first
Tab stop and takes the keyboard to the document, every chart's table opens; axe-core finds
nothing serious on any of it (``conftest.axe_audit`` audits each page as it loads, and again
with the tables open). Two pages are kept as screenshots in ``/tmp/shots/``."""

import datetime
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Page, expect

from actionplans import services
from council.models import Submission
from monitoring import reports
from tests.factories import TEST_PASSWORD

PHONE = {"width": 375, "height": 812}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
SHOTS = Path("/tmp/shots")


def _sent(plan_a, trajectory_a, coordinator, official_a) -> dict:
    plan = plan_a["plan"]
    version = services.plan_submit(plan=plan, by=coordinator)
    services.plan_decide(plan=plan, outcome="approved", reason="", by=official_a)
    report = reports.progress_report_request(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2027, 8, 31),
        language="nl-be",
        by=coordinator,
    )
    return {
        "version": Submission.objects.create(
            trajectory=trajectory_a, plan_version=version, sent_by=official_a
        ),
        "report": Submission.objects.create(
            trajectory=trajectory_a, progress_report=report, sent_by=official_a
        ),
    }


def _read_by_keyboard(page: Page) -> None:
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab stop is inside the document: the first entry of its contents.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("href", "#section-summary")


def _open_every_table(page: Page, axe_audit) -> None:
    summaries = page.locator("details > summary")
    for index in range(summaries.count()):
        summaries.nth(index).focus()
        page.keyboard.press("Enter")
    assert page.locator("details[open]").count() == summaries.count()
    axe_audit.run()


def test_a_visitor_reads_the_public_twins_on_a_phone_by_keyboard(
    page: Page, live_server, axe_audit, plan_a, trajectory_a, coordinator, official_a
):
    sent = _sent(plan_a, trajectory_a, coordinator, official_a)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    for kind, heading in (
        ("version", "PLUS-actieplan Sint-Truiden"),
        ("report", "Voortgangsrapport Sint-Truiden, schooljaar 2026–2027"),
    ):
        url = reverse("council_public:twin", kwargs={"token": sent[kind].public_token})
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200
        assert response.headers["x-robots-tag"] == "noindex"
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert page.evaluate("document.documentElement.lang") == "nl-BE"
        assert page.evaluate(OVERFLOW) <= 0, f"the {kind} twin scrolls sideways"
        _read_by_keyboard(page)
        _open_every_table(page, axe_audit)
        assert page.evaluate(OVERFLOW) <= 0, f"the {kind} twin's tables scroll the page"
        page.screenshot(path=SHOTS / f"phone-council-twin-{kind}.png", full_page=True)
    assert len(axe_audit.audited) >= 4


def test_an_official_reads_the_twin_and_goes_back_to_the_portal(
    page: Page, login, live_server, axe_audit, plan_a, trajectory_a, coordinator, official_a
):
    sent = _sent(plan_a, trajectory_a, coordinator, official_a)
    version = sent["version"].plan_version
    page.set_viewport_size(PHONE)
    login("official_a", TEST_PASSWORD)
    url = reverse(
        "council_twin:version", kwargs={"trajectory_pk": trajectory_a.pk, "number": version.number}
    )
    page.goto(f"{live_server.url}{url}")
    assert page.evaluate(OVERFLOW) <= 0
    page.get_by_role("link", name="Read in English").click()
    expect(page.get_by_role("heading", level=2, name="The plan in BBC structure")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate(OVERFLOW) <= 0
    page.get_by_role("link", name="Back to the portal").click()
    assert page.url.endswith(
        reverse(
            "actionplans:version",
            kwargs={"trajectory_pk": trajectory_a.pk, "number": version.number},
        )
    )
