"""The diff page, the plan page and the action form read well on a desktop and on a phone."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.actionplans.test_labels_not_codes import versions  # noqa: F401 (a fixture)
from tests.factories import TEST_PASSWORD

# Set to a folder to keep a screenshot of every page visited (for a person to look at).
SHOTS = os.environ.get("PLAN_SCREENSHOTS")


@pytest.mark.parametrize("width", [1280, 390])
def test_diff_plan_and_action_form_in_dutch_at_every_width(
    page: Page,
    login,
    live_server,
    axe_audit,
    trajectory_a,
    versions,  # noqa: F811 (the fixture imported above)
    width,
):
    page.set_viewport_size({"width": width, "height": 900})
    login("coordinator", TEST_PASSWORD)
    t = {"trajectory_pk": trajectory_a.pk}
    action = (
        versions[1].plan.objectives.get(number=1).action_plans.get(number=1).actions.get(number=1)
    )
    pages = {
        "diff": (reverse("actionplans:diff", kwargs=t), "2028 · Vervoer: € 24.000,00"),
        "plan": (reverse("actionplans:plan", kwargs=t), "Brugfiguur in Velm"),
        "action-form": (
            reverse("actionplans:part_update", kwargs={**t, "kind": "action", "pk": action.pk}),
            "Budgetlijnen",
        ),
    }
    for name, (path, text) in pages.items():
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        expect(page.locator("main")).to_contain_text(text)
        axe_audit.run()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
