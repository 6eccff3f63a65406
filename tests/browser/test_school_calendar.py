"""The school calendar's year view reads in Dutch, on a desktop and on a phone."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from execution.services import school_free_day_add
from tests.factories import TEST_PASSWORD

# Set to a folder to keep a screenshot of each width (for a person to look at).
SHOTS = os.environ.get("CALENDAR_SCREENSHOTS")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_year_view_shows_holidays_and_a_study_day_in_dutch(
    page: Page, login, live_server, axe_audit, coordinator, trajectory_a, intake_a, width
):
    school_free_day_add(
        school=intake_a["schools"],
        day=datetime.date(2025, 10, 15),
        kind="study_day",
        by=coordinator,
    )
    page.set_viewport_size({"width": width, "height": 900})
    login("coordinator", TEST_PASSWORD)
    path = reverse("execution:year", kwargs={"trajectory_pk": trajectory_a.pk, "year": 2025})
    assert page.goto(f"{live_server.url}{path}?site={intake_a['site'].pk}").status == 200

    main = page.locator("main")
    expect(main).to_contain_text("maandag 27 oktober 2025 – zondag 2 november 2025")
    expect(main).to_contain_text("woensdag 15 oktober 2025 — Vrije Basisschool Sint-Jozef")
    october = page.get_by_role("table", name="oktober 2025")
    # The holiday and the study day are marked by a letter and a text, not by colour alone.
    expect(october.get_by_role("cell", name="29", exact=False).first).to_have_attribute(
        "class", "day-holiday"
    )
    expect(october.locator("td.day-school_free_day")).to_contain_text("15")
    assert page.get_by_role("table").count() == 12
    axe_audit.run()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"calendar-{width}.png"), full_page=True)
