"""A bridge figure on a phone: signs in, lands on today, records attendance with the steppers.

The session is today (the live server runs on the real clock). Pages are read in English
(the language cookie), so the test does not depend on the Dutch translations.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from execution.models import Attendance
from tests.execution.factories import SessionFactory, StaffPresenceFactory
from tests.factories import TEST_PASSWORD


@pytest.fixture
def todays_session(plan_a, bridge_figure):
    bridge_figure.set_password(TEST_PASSWORD)
    bridge_figure.save()
    session = SessionFactory(action=plan_a["action"], day=timezone.localdate())
    StaffPresenceFactory(session=session, worker=bridge_figure.worker)
    return session


def _sign_in_on_a_phone(page: Page, login, live_server) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login("bridge_figure", TEST_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/today/")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.reload()


def test_a_bridge_figure_records_todays_attendance_with_the_steppers(
    page: Page, login, live_server, todays_session
):
    _sign_in_on_a_phone(page, login, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    page.get_by_role("link", name="Record attendance").click()

    more_children = page.get_by_role("button", name="One more: Children 5–10")
    for _ in range(4):
        more_children.click()
    page.get_by_role("button", name="One fewer: Children 5–10").click()
    page.get_by_role("button", name="One more: Of whom from vulnerable families (5–10)").click()
    expect(page.get_by_label("Children 5–10", exact=True)).to_have_value("3")
    page.get_by_label("Partner who led the activity").select_option(label="Chiro Velm")
    page.get_by_label("Activity", exact=True).fill("Bosspel")
    expect(page.get_by_role("switch", name="Ahmed")).to_be_checked()
    # Tapped twice on a slow connection: stored once.
    page.get_by_role("button", name="Save attendance").dblclick()

    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    expect(page.locator("#ratio-warning")).to_have_count(0)
    attendance = Attendance.objects.get()
    assert (attendance.children_5_10, attendance.vulnerable_5_10) == (3, 1)
    assert (attendance.partner.name, attendance.activity) == ("Chiro Velm", "Bosspel")
    assert attendance.history.count() == 1
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_ratio_warning_appears_when_too_few_staff_were_present(
    page: Page, login, live_server, todays_session
):
    _sign_in_on_a_phone(page, login, live_server)
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_label("Children 5–10", exact=True).fill("20")
    page.get_by_role("button", name="Save attendance").click()

    warning = page.locator("#ratio-warning")
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text("Too few staff.")
    expect(warning).to_contain_text("20 children need 2 staff; staff present: 1.")


def test_a_coordinator_marks_a_worker_absent_and_adds_the_replacement(
    page: Page, login, live_server, coordinator, todays_session, trajectory_a, intake_a
):
    import datetime

    from execution.models import StaffPresence
    from staffing.models import Placement
    from tests.staffing.factories import WorkerFactory

    stand_in = WorkerFactory(first_name="Lotte", last_name="Peeters")
    Placement.objects.create(
        worker=stand_in,
        trajectory=trajectory_a,
        site=intake_a["site"],
        starts_on=datetime.date(2026, 9, 1),
        hours_per_week=8,
    )
    login("coordinator", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/today/sessions/{todays_session.pk}/attendance/")
    page.get_by_label("Children 5–10", exact=True).fill("9")
    page.get_by_role("switch", name="Ahmed Benali").uncheck()
    page.get_by_label("Add a replacement").select_option(label="Lotte Peeters")
    page.get_by_label("Replaces").select_option(label="Ahmed Benali")
    page.get_by_role("button", name="Save attendance").click()

    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    expect(page.get_by_role("switch", name="Ahmed Benali", exact=True)).not_to_be_checked()
    expect(page.get_by_role("switch", name="Lotte Peeters (replaces Ahmed Benali)")).to_be_checked()
    replacement = StaffPresence.objects.get(worker=stand_in)
    assert (replacement.status, replacement.replaces_id) == (
        "replacement",
        todays_session.staff.first().worker_id,
    )
