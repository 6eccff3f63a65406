"""The session calendars on a desktop and on a phone: a grid, or a list per day."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.execution.factories import SessionFactory
from tests.execution.test_sessions_helpers import AFTER_SCHOOL, plan_with_action, sites_of
from tests.factories import TEST_PASSWORD

SHOTS = os.environ.get("CALENDAR_SCREENSHOTS")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("view", ["week", "month"])
def test_the_calendar_fits_the_screen_and_moves_by_keyboard(
    page: Page, login, live_server, axe_audit, coordinator, trajectory_a, width, view
):
    _plan, action = plan_with_action(
        trajectory_a, sites=sites_of(trajectory_a, 2), slots=[AFTER_SCHOOL]
    )
    for day in (5, 6, 8, 9):
        SessionFactory(action=action, day=datetime.date(2026, 10, day))
    SessionFactory(
        action=action,
        site=action.sites.last(),
        day=datetime.date(2026, 10, 5),
        status="cancelled",
        change_reason="Staking",
    )
    page.set_viewport_size({"width": width, "height": 900})
    login("coordinator", TEST_PASSWORD)
    path = reverse(f"sessions:{view}", kwargs={"trajectory_pk": trajectory_a.pk})
    assert page.goto(f"{live_server.url}{path}?day=2026-10-05").status == 200
    main = page.locator("main")
    expect(main).to_contain_text(action.code)
    expect(main.locator(".text-decoration-line-through").first).to_be_attached()
    axe_audit.run()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"sessions-{view}-{width}.png"), full_page=True)
    page.locator("a[rel=next]").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert "day=2026-1" in page.url
