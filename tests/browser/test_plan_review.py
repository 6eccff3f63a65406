import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from actionplans.models import Plan
from tests.factories import TEST_PASSWORD


def _relogin(page: Page, login, username: str) -> None:
    page.context.clear_cookies()
    login(username, TEST_PASSWORD)


def test_draft_review_changes_resubmit_diff_and_approval(
    page: Page, login, live_server, coordinator, official_a, trajectory_a, plan_a
):
    plan_url = f"{live_server.url}/trajectories/{trajectory_a.pk}/plan/"
    # Submitting and deciding ask first (data-confirm); the reviewer says yes each time.
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))

    login("coordinator", TEST_PASSWORD)
    page.goto(plan_url)
    page.get_by_role("button", name="Ter beoordeling indienen").click()
    expect(page.get_by_role("alert")).to_contain_text("Versie 1 is vastgelegd")

    _relogin(page, login, "official_a")
    page.goto(plan_url)
    page.get_by_role("link", name=re.compile("A1.1.1 Naschoolse opvang in Velm")).click()
    page.get_by_label("Nieuwe opmerking").fill("Wie haalt de kinderen op in Velm?")
    page.get_by_role("button", name="Opmerking toevoegen").click()
    expect(page.locator("#comments")).to_contain_text("Wie haalt de kinderen op in Velm?")
    page.goto(plan_url)
    page.get_by_label("Wijzigingen gevraagd").check()
    page.get_by_label("Reden").fill("Zeg wie de kinderen ophaalt.")
    page.get_by_role("button", name="Mijn beslissing vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw beslissing over versie 1")
    expect(page.locator("main")).to_contain_text("Wijzigingen gevraagd")

    _relogin(page, login, "coordinator")
    page.goto(plan_url)
    page.get_by_role("link", name=re.compile("A1.1.1 Naschoolse opvang in Velm")).click()
    page.get_by_label("Antwoorden").first.fill("De brugfiguur haalt ze op aan de schoolpoort.")
    page.get_by_role("button", name="Antwoorden").first.click()
    expect(page.locator("#comments")).to_contain_text("De brugfiguur haalt ze op")
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Titel").fill("Naschoolse opvang in Velm met ophaaldienst")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("is bewaard")
    page.get_by_role("button", name="Ter beoordeling indienen").click()
    expect(page.get_by_role("alert")).to_contain_text("Versie 2 is vastgelegd")

    _relogin(page, login, "official_a")
    page.goto(plan_url)
    page.get_by_role("link", name="Wat veranderde tussen de versies").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("versie 1 naar versie 2")
    expect(page.locator("main")).to_contain_text("Naschoolse opvang in Velm met ophaaldienst")
    page.goto(plan_url)
    page.get_by_label("Goedgekeurd").check()
    page.get_by_role("button", name="Mijn beslissing vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw beslissing over versie 2")
    assert Plan.objects.get().status == Plan.Status.APPROVED
    assert len(questions) == 4  # two submits, two decisions


def test_a_submit_the_coordinator_cancels_freezes_nothing(
    page: Page, login, live_server, coordinator, trajectory_a, plan_a
):
    page.on("dialog", lambda dialog: dialog.dismiss())
    login("coordinator", TEST_PASSWORD)
    page.goto(f"{live_server.url}/trajectories/{trajectory_a.pk}/plan/")
    page.get_by_role("button", name="Ter beoordeling indienen").click()
    page.wait_for_load_state("load")
    assert Plan.objects.get().status == Plan.Status.DRAFT
    assert not Plan.objects.get().versions.exists()


@pytest.mark.parametrize("width", [1280, 360])
def test_every_plan_page_is_accessible(
    page: Page, login, live_server, axe_audit, coordinator, trajectory_a, plan_a, width
):
    from actionplans import services

    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    Plan.objects.update(status=Plan.Status.CHANGES_REQUESTED)
    services.plan_submit(plan=Plan.objects.get(), by=coordinator)
    Plan.objects.update(status=Plan.Status.CHANGES_REQUESTED)
    page.set_viewport_size({"width": width, "height": 800})
    login("coordinator", TEST_PASSWORD)
    t = {"trajectory_pk": trajectory_a.pk}
    paths = [
        reverse("actionplans:plan", kwargs=t),
        reverse("actionplans:plan_edit", kwargs=t),
        reverse("actionplans:part_create", kwargs={**t, "kind": "objective"}),
        reverse(
            "actionplans:part_update", kwargs={**t, "kind": "action", "pk": plan_a["action"].pk}
        ),
        reverse("actionplans:action_detail", kwargs={**t, "pk": plan_a["action"].pk}),
        reverse(
            "actionplans:part_detail",
            kwargs={**t, "kind": "objective", "pk": plan_a["objective"].pk},
        ),
        reverse("actionplans:version", kwargs={**t, "number": 1}),
        reverse("actionplans:diff", kwargs=t),
        reverse("actionplans:library", kwargs=t),
        reverse("inbox"),
    ]
    for path in paths:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        axe_audit.run()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
