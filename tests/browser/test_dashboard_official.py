"""An official opens their municipality's dashboard, on a desktop and on a phone: every chart
is there with its figures a click away, and nothing on it asks them to change anything (the
axe audit and the Content-Security-Policy check run on every page the test opens).

Pages are read in English (the language cookie, set after sign-in)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from actionplans import services
from execution.models import Session
from monitoring.models import Spending
from tests.execution.factories import AttendanceFactory
from tests.factories import TEST_PASSWORD


@pytest.fixture
def dashboard_data(plan_a, coordinator, official_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    action = plan_a["action"]
    # The approval generated the action's sessions; the first six have their attendance.
    for number, session in enumerate(Session.objects.filter(action=action).order_by("day")[:6]):
        AttendanceFactory(session=session, children_5_10=10 + number, vulnerable_5_10=2)
    Spending.objects.create(action=action, year=2026, amount=Decimal("19250"))
    return plan_a


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_an_official_opens_their_dashboard(
    page: Page, login, live_server, dashboard_data, trajectory_a, viewport
):
    page.set_viewport_size(viewport)
    login("official_a", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/trajectories/{trajectory_a.pk}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard of Sint-Truiden")
    expect(page.locator("main")).to_contain_text("Progress is weighted by budget")
    expect(page.get_by_role("img", name="Sessions held per slot and weekday")).to_be_visible()
    expect(page.locator("main svg[role=img]")).to_have_count(5)
    page.locator("#week summary").click()
    expect(page.locator("#week table")).to_contain_text("After school")
    # Over budget in 2026 (and, once 2026 is over, the BOA subsidy not yet received).
    expect(page.locator("main")).to_contain_text(re.compile(r"\d gaps? in the financial execution"))
    # Nothing overflows the phone's width.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]

    page.get_by_role("link", name="Financial execution in detail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Financial execution")
    expect(page.locator("main")).to_contain_text("over its budget")
    expect(page.get_by_role("link", name="Record spending")).to_have_count(0)
