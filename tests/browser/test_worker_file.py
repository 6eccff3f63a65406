"""A coordinator keeps a worker's POP and availability in the portal, on a wide screen and on a
phone (390 px), without the Django admin."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from staffing.models import Availability, DevelopmentPlan, Placement
from tests.factories import TEST_PASSWORD
from tests.staffing.factories import WorkerFactory

SHOTS = "/tmp/shots_workers"


@pytest.fixture
def worker(trajectory_a):
    worker = WorkerFactory(first_name="Fatma", last_name="Yilmaz")
    Placement.objects.create(
        worker=worker,
        trajectory=trajectory_a,
        central_site_name="Sporthal De Vesting",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 6, 30),
        hours_per_week=Decimal("10"),
    )
    return worker


def _in_english(page: Page, live_server) -> None:
    # The new texts are in English until the Dutch catalogue has them.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


@pytest.mark.parametrize("width", [1280, 390])
def test_coordinator_makes_a_pop_and_records_a_wednesday_morning(
    page: Page, login, live_server, coordinator, worker, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login("coordinator", TEST_PASSWORD)
    _in_english(page, live_server)
    page.goto(f"{live_server.url}/staffing/workers/{worker.pk}/")
    expect(page.get_by_text("POP review due")).to_be_visible()
    page.get_by_role("link", name="Make the POP").click()
    page.locator("#id_current_competences").fill("Begeleidt groepen kinderen")
    page.locator("#id_target_competences").fill("Zelfstandig een naschoolse werking dragen")
    page.locator("#id_actions-0-description").fill("Opleiding kinderbegeleider volgen")
    page.locator("#id_actions-0-owner").fill("Joris Claes")
    page.locator("#id_actions-0-due_on").fill("2027-01-31")
    page.screenshot(path=f"{SHOTS}/pop_form_{width}.png", full_page=True)
    page.get_by_role("button", name="Save the POP").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 2 improvement actions")
    assert not DevelopmentPlan.objects.filter(worker=worker).exists()

    page.locator("#id_actions-1-description").fill("Oudergesprekken mee voeren")
    page.locator("#id_actions-1-owner").fill("Fatma")
    page.locator("#id_actions-1-due_on").fill("2027-02-28")
    page.get_by_role("button", name="Save the POP").click()
    expect(page.get_by_role("alert")).to_contain_text("has been saved")
    expect(page.get_by_text("Oudergesprekken mee voeren")).to_be_visible()
    expect(page.get_by_text("POP review due")).to_have_count(0)
    page.screenshot(path=f"{SHOTS}/worker_{width}.png", full_page=True)
    assert DevelopmentPlan.objects.get(worker=worker).actions.count() == 2

    page.get_by_role("link", name="Edit availability").click()
    page.locator("#id_rows-0-weekday").select_option("2")
    page.locator("#id_rows-0-starts_at").fill("07:00")
    page.locator("#id_rows-0-ends_at").fill("08:30")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("have been saved")
    assert Availability.objects.get(worker=worker).weekday == 2
    page.get_by_role("link", name="Edit availability").click()
    page.screenshot(path=f"{SHOTS}/availability_{width}.png", full_page=True)
    # No part of the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
