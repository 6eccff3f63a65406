"""The reach records in a browser: the enrolment grid on a desktop, a bridge figure's week
on a 390 px phone, the missing-attendance list and the export page (axe audits each)."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from execution.models import BridgeContact, Enrolment
from plus_portal.models import User
from tests.execution.factories import SessionFactory
from tests.factories import TEST_PASSWORD, UserFactory
from tests.staffing.factories import PlacementFactory, WorkerFactory


def test_a_coordinator_fills_the_enrolment_grid(
    page: Page, login, live_server, axe_audit, coordinator, trajectory_a, intake_a
):
    site = intake_a["site"]
    page.set_viewport_size({"width": 1280, "height": 900})
    login("coordinator", TEST_PASSWORD)
    path = reverse("records:enrolments", kwargs={"trajectory_pk": trajectory_a.pk, "year": 2026})
    assert page.goto(f"{live_server.url}{path}").status == 200
    page.locator(f'[name="site-{site.pk}-5-10-autumn-children"]').fill("5")
    page.locator(f'[name="site-{site.pk}-5-10-autumn-vulnerable"]').fill("9")
    page.locator('main form[method="post"] button[type="submit"]').click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    axe_audit.run()
    assert not Enrolment.objects.exists()
    page.locator(f'[name="site-{site.pk}-5-10-autumn-children"]').fill("40")
    page.locator('main form[method="post"] button[type="submit"]').click()
    expect(page.locator("tfoot")).to_contain_text("22,5 %")
    assert Enrolment.objects.get().children == 40


@pytest.fixture
def bridge_account(trajectory_a):
    worker = WorkerFactory(first_name="Sara", last_name="Zwartenbroek")
    PlacementFactory(worker=worker, trajectory=trajectory_a, ends_on=None)
    user = UserFactory(username="sara", role=User.Role.BRIDGE_FIGURE)
    worker.account = user
    worker.save(update_fields=["account"])
    return user


def test_a_bridge_figure_records_their_week_on_a_phone(
    page: Page, login, live_server, axe_audit, bridge_account
):
    page.set_viewport_size({"width": 390, "height": 844})
    login("sara", TEST_PASSWORD)
    assert page.goto(f"{live_server.url}{reverse('followup:my_contacts')}").status == 200
    page.locator('[name="welfare-contacts"]').fill("3")
    page.locator('[name="welfare-referrals"]').fill("1")
    page.locator('main form[method="post"] button[type="submit"]').click()
    expect(page.locator("tfoot")).to_contain_text("3")
    axe_audit.run()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    contact = BridgeContact.objects.get()
    assert (contact.kind, contact.contacts, contact.referrals) == ("welfare", 3, 1)


def test_the_missing_attendance_list_and_the_export_page(
    page: Page, login, live_server, axe_audit, coordinator, trajectory_a, plan_a
):
    SessionFactory(action=plan_a["action"], site=None, day=datetime.date(2026, 10, 5))
    page.set_viewport_size({"width": 390, "height": 844})
    login("coordinator", TEST_PASSWORD)
    assert page.goto(f"{live_server.url}{reverse('followup:missing_attendance')}").status == 200
    expect(page.locator("main")).to_contain_text("Sint-Truiden")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    path = reverse("records:export", kwargs={"trajectory_pk": trajectory_a.pk})
    assert page.goto(f"{live_server.url}{path}").status == 200
    axe_audit.run()
