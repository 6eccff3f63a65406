"""An amendment from start to approval in the browser, and execution recorded on the plan in
force: a coordinator opens an amendment from an action, moves its slot and submits; the
official approves; the coordinator sees version 2 in force, the sessions at the new time,
and records how the action goes.

Pages are read in English (the language cookie, set after each sign-in), so the test does not
depend on the Dutch translations.
"""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from actionplans import services
from execution.models import ActionProgress, Session
from tests.factories import TEST_PASSWORD


@pytest.fixture
def approved_plan(plan_a, coordinator, official_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return plan_a


# A school week in the action's period (1 September 2026 – 30 June 2027), whatever today is.
WEEK = "2026-11-30"


def _sign_in(page: Page, login, live_server, username: str) -> None:
    page.context.clear_cookies()
    login(username, TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_an_amendment_moves_a_slot_and_the_new_version_comes_into_force(
    page: Page, login, live_server, approved_plan, trajectory_a
):
    plan_url = f"{live_server.url}/trajectories/{trajectory_a.pk}/plan/"
    page.on("dialog", lambda dialog: dialog.accept())  # submitting asks first

    sessions_url = f"{live_server.url}/trajectories/{trajectory_a.pk}/sessions/?day={WEEK}"
    # The approval of version 1 generated its sessions, after school from 15:30.
    first = Session.objects.filter(action=approved_plan["action"], day=datetime.date(2026, 12, 1))
    assert [session.starts_at for session in first] == [datetime.time(15, 30)]

    _sign_in(page, login, live_server, "coordinator")
    page.goto(plan_url)
    expect(page.locator("main")).to_contain_text("version 1 is the plan in force")
    page.get_by_role("link", name=re.compile("A1.1.1 Naschoolse opvang in Velm")).click()
    page.get_by_label("Why amend the plan?").fill("De opvang begint een half uur later.")
    page.get_by_role("button", name="Open an amendment").click()
    expect(page.get_by_role("alert")).to_contain_text("The amendment is open")
    page.locator("#id_slots-0-starts_at").fill("16:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("has been saved")
    expect(page.locator("#amendment-banner")).to_contain_text(
        "Amendment of version 1 in preparation; version 1 stays in force."
    )
    expect(page.locator("#amendment-banner")).to_contain_text("een half uur later")

    page.get_by_role("link", name="What the amendment changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the amendment changes")
    expect(page.locator("main")).to_contain_text("16:00")
    page.goto(plan_url)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert")).to_contain_text("Version 2 has been frozen")
    # In review, version 1 is still the one carried out.
    page.get_by_role("link", name="How the plan in force is carried out").click()
    expect(page.locator("main")).to_contain_text("Plan in force (version 1)")
    expect(page.locator("#execution-A1\\.1\\.1")).to_contain_text("15:30")
    page.goto(sessions_url)
    expect(page.locator("#day-20261201").locator("xpath=..")).to_contain_text("15:30–18:00")

    _sign_in(page, login, live_server, "official_a")
    page.goto(plan_url)
    page.get_by_label("Approved", exact=True).check()
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Your decision on version 2")

    _sign_in(page, login, live_server, "coordinator")
    page.goto(plan_url)
    expect(page.locator("main")).to_contain_text("version 2 is the plan in force")
    expect(page.locator("#amendment-banner")).to_have_count(0)
    page.get_by_role("link", name="How the plan in force is carried out").click()
    expect(page.locator("main")).to_contain_text("Plan in force (version 2)")
    row = page.locator("#execution-A1\\.1\\.1")
    expect(row).to_contain_text("16:00")

    # The sessions followed the new version: the week's sessions start at 16:00 now.
    page.goto(sessions_url)
    tuesday = page.locator("#day-20261201").locator("xpath=..")
    expect(tuesday).to_contain_text("16:00–18:00 A1.1.1")
    expect(page.locator("main")).not_to_contain_text("15:30")
    page.goto(f"{live_server.url}/trajectories/{trajectory_a.pk}/execution/")
    row = page.locator("#execution-A1\\.1\\.1")

    row.get_by_role("link", name=re.compile("Update")).click()
    page.get_by_label("Status").select_option(label="Started")
    page.get_by_label("Progress (%)").fill("30")
    page.get_by_label("Add a progress note").fill("Later beginnen loopt goed.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("has been saved")
    expect(page.locator("main")).to_contain_text("Later beginnen loopt goed.")
    record = ActionProgress.objects.get(action=approved_plan["action"])
    assert (record.status, record.progress) == ("started", 30)
    page.goto(plan_url)
    expect(page.locator("#A1\\.1\\.1 .plan-execution")).to_contain_text("Started")
