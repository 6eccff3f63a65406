"""The trajectory page in the browser: the phase history and a change by hand, on a desktop
and on a phone (audited by axe-core like every browser test)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from actionplans import services as plans
from actionplans.models import Objective
from tests.factories import TEST_PASSWORD


@pytest.mark.parametrize("width", [1280, 360])
def test_the_history_shows_automatic_and_manual_moves(
    page: Page, login, live_server, coordinator, trajectory_a, tmp_path, width
):
    plan = plans.plan_create(trajectory=trajectory_a, title="PLUS-actieplan")
    plans.part_add(Objective(plan=plan, title="Elk kind een plek na school"))
    plans.plan_submit(plan=plan, by=coordinator)
    page.set_viewport_size({"width": width, "height": 900})
    login("coordinator", TEST_PASSWORD)

    page.goto(
        live_server.url
        + reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk})
    )
    history = page.locator("#phase-history")
    expect(history).to_contain_text("Intake → Planning")
    expect(history).to_contain_text("Planning → Beoordeling")

    form = page.locator("form[action$='/phase/']")
    expect(form.locator("#id_phase option")).to_have_count(2)
    form.locator("#id_phase").select_option("planning")
    form.locator("#id_reason").fill("De stuurgroep herziet eerst de begroting.")
    form.locator("button[type=submit]").click()

    expect(history).to_contain_text("Beoordeling → Planning")
    expect(history).to_contain_text("De stuurgroep herziet eerst de begroting.")
    expect(page.locator(".badge").first).to_have_text("Planning")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=tmp_path / f"trajectory-{width}.png", full_page=True)
