import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from municipalities.models import Need
from tests.factories import TEST_PASSWORD


def test_coordinator_accepts_a_weakness_answers_it_with_a_strategy_and_official_comments(
    page: Page, login, live_server, coordinator, official_a, trajectory_a, intake_a, swot_a
):
    Need.objects.create(
        trajectory=trajectory_a,
        voiced_by="parents",
        age_group="5-10",
        slot="wednesday",
        children_concerned=40,
        source="survey",
        respondents=112,
    )
    login("coordinator", TEST_PASSWORD)
    page.goto(f"{live_server.url}/trajectories/{trajectory_a.pk}/swot/")
    page.get_by_role("link", name=re.compile("suggesties? uit de intake")).first.click()

    suggestion = page.get_by_role("article").filter(has_text="Woensdagnamiddag")
    expect(suggestion).to_contain_text("Zwakte")
    suggestion.get_by_role("button", name=re.compile("^Aanvaarden")).click()
    expect(page.get_by_role("alert")).to_contain_text("aan de SWOT toegevoegd")

    page.get_by_role("link", name="Dekkingscontrole").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("3 items niet aangepakt")

    page.get_by_role("link", name="TOWS-strategieën").first.click()
    page.get_by_role("link", name="Nieuwe strategie").click()
    page.get_by_label("Soort").select_option("WO")
    page.get_by_label("Titel").fill("Woensdagwerking met de BOA-subsidie")
    page.get_by_label(re.compile("Woensdagnamiddag")).check()
    page.get_by_label(re.compile("BOA-subsidie vanaf 2026")).check()
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("is bewaard")

    page.get_by_role("link", name="Dekkingscontrole").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("2 items niet aangepakt")

    page.context.clear_cookies()
    login("official_a", TEST_PASSWORD)
    page.goto(f"{live_server.url}{swot_a['W1'].get_absolute_url()}")
    page.get_by_label("Nieuwe opmerking").fill("Geldt dit ook voor Brustem?")
    page.get_by_role("button", name="Opmerking toevoegen").click()
    expect(page.locator("#comments")).to_contain_text("Geldt dit ook voor Brustem?")
    expect(page.locator("#comments")).to_contain_text("Gemeentelijk ambtenaar")


def test_items_are_reordered_with_the_keyboard(
    page: Page, login, live_server, coordinator, trajectory_a, swot_a
):
    login("coordinator", TEST_PASSWORD)
    page.goto(f"{live_server.url}/trajectories/{trajectory_a.pk}/swot/")
    weaknesses = page.locator("#quadrant-W")
    expect(weaknesses.locator("li").first).to_contain_text("Geen naschoolse opvang in Velm")

    button = page.get_by_role("button", name="Hoger: Weinig aanbod voor tieners")
    button.focus()
    page.keyboard.press("Enter")

    expect(weaknesses.locator("li").first).to_contain_text("Weinig aanbod voor tieners")
    expect(page.get_by_role("button", name="Hoger: Weinig aanbod voor tieners")).to_be_focused()


def test_quick_add_in_place(page: Page, login, live_server, coordinator, trajectory_a, swot_a):
    login("coordinator", TEST_PASSWORD)
    page.goto(f"{live_server.url}/trajectories/{trajectory_a.pk}/swot/")
    threats = page.locator("#quadrant-T")
    threats.get_by_label("Stelling").fill("Wachtlijsten bij de IBO groeien")
    threats.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#quadrant-T")).to_contain_text("Wachtlijsten bij de IBO groeien")


@pytest.mark.parametrize("width", [1280, 360])
def test_every_swot_page_is_accessible(
    page: Page, login, live_server, axe_audit, coordinator, trajectory_a, intake_a, swot_a, width
):
    page.set_viewport_size({"width": width, "height": 800})
    login("coordinator", TEST_PASSWORD)
    t = {"trajectory_pk": trajectory_a.pk}
    paths = [
        reverse("swot:matrix", kwargs=t),
        reverse("swot:matrix", kwargs=t) + "?print=1",
        reverse("swot:item_detail", kwargs={**t, "pk": swot_a["W1"].pk}),
        reverse("swot:item_update", kwargs={**t, "pk": swot_a["W1"].pk}),
        reverse("swot:item_create", kwargs=t),
        reverse("swot:suggestions", kwargs=t),
        reverse("swot:tows", kwargs=t),
        reverse("swot:strategy_create", kwargs=t),
        reverse("swot:strategy_detail", kwargs={**t, "pk": swot_a["strategy"].pk}),
        reverse("swot:coverage", kwargs=t),
    ]
    for path in paths:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        axe_audit.run()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
