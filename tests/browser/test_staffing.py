import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from staffing.models import Availability, Worker
from tests.factories import TEST_PASSWORD


@pytest.fixture
def free_workers(trajectory_a):
    workers = []
    for first, last in (("Fatma", "Yilmaz"), ("Kevin", "Martens")):
        worker = Worker.objects.create(
            first_name=first,
            last_name=last,
            function=Worker.Function.BRIDGE_FIGURE,
            regime=Worker.Regime.IMW,
            languages=["nl", "tr"],
            home_municipality=trajectory_a.municipality,
            contract_starts_on=datetime.date(2025, 1, 1),
            hours_per_week=Decimal("30"),
            trajectory_starts_on=datetime.date(2025, 1, 1),
        )
        for day in range(5):
            Availability.objects.create(
                worker=worker,
                weekday=day,
                starts_at=datetime.time(12, 0),
                ends_at=datetime.time(18, 30),
            )
        workers.append(worker)
    return workers


def test_coordinator_fills_an_uncovered_slot_and_a_double_booking_is_refused(
    page: Page, login, live_server, coordinator, trajectory_a, plan_a, free_workers
):
    plan_a["action"].slots.update(expected_children=14)  # one carer per 14 children
    login("coordinator", TEST_PASSWORD)
    page.goto(f"{live_server.url}/staffing/municipality/{trajectory_a.pk}/")
    ratio_table = page.get_by_role("table", name="Personeel per locatie en moment")
    monday = ratio_table.get_by_role("row").filter(has_text="Maandag")
    expect(monday).to_contain_text("onder de ratio")

    monday.get_by_role("link", name="Personeel zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie kan hier werken?")
    page.get_by_role("link", name=re.compile("^Plaatsen ")).first.click()
    page.get_by_label("Uren per week").fill("3")
    page.get_by_role("button", name="Plaatsing bewaren").click()

    expect(page.get_by_role("alert")).to_contain_text("is geplaatst")
    monday = ratio_table.get_by_role("row").filter(has_text="Maandag")
    expect(monday).not_to_contain_text("onder de ratio")

    # The same worker, at the same time, at another place: refused, with the reason.
    name = monday.get_by_role("cell").nth(5).inner_text().strip()
    page.goto(f"{live_server.url}/staffing/municipality/{trajectory_a.pk}/placements/new/")
    page.get_by_label("Werknemer").select_option(label=name)
    page.get_by_label("Centrale locatie").fill("Sporthal De Vesting")
    page.locator("#id_starts_on").fill("2026-09-01")
    page.locator("#id_ends_on").fill("2027-06-30")
    page.get_by_label("Uren per week").fill("2")
    page.locator("#id_slots-0-weekday").select_option("0")
    page.locator("#id_slots-0-starts_at").fill("16:00")
    page.locator("#id_slots-0-ends_at").fill("17:00")
    page.get_by_role("button", name="Plaatsing bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("werkt al")
