"""A coordinator's portfolio in a browser: filter to one province, follow an alert to the page
that resolves it (axe audits each page)."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from actionplans.models import Plan
from municipalities.models import Membership, Province
from tests.actionplans.factories import PlanFactory
from tests.factories import TEST_PASSWORD, MunicipalityFactory, TrajectoryFactory


def test_a_coordinator_filters_to_a_province_and_follows_an_alert(
    page: Page, login, live_server, axe_audit, coordinator, plan_a
):
    Plan.objects.filter(pk=plan_a["plan"].pk).update(status=Plan.Status.IN_REVIEW)
    leuven = MunicipalityFactory(name_nl="Leuven", province=Province.VLAAMS_BRABANT)
    Membership.objects.create(user=coordinator, municipality=leuven)
    PlanFactory(trajectory=TrajectoryFactory(municipality=leuven), status=Plan.Status.IN_REVIEW)

    page.set_viewport_size({"width": 390, "height": 844})
    login("coordinator", TEST_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}{reverse('portfolio:portfolio')}")
    alerts = page.locator('#alerts tr[data-kind="decision_awaited"]')
    expect(alerts).to_have_count(2)
    axe_audit.run()

    page.locator("#id_province").select_option(Province.LIMBURG)
    page.locator('main form[method="get"] button[type="submit"]').click()
    expect(alerts).to_have_count(1)
    expect(alerts).to_contain_text("Sint-Truiden")
    expect(page.locator('section[aria-labelledby="municipalities"]')).not_to_contain_text("Leuven")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    alerts.get_by_role("link").click()
    plan_page = reverse("actionplans:plan", kwargs={"trajectory_pk": plan_a["plan"].trajectory_id})
    expect(page).to_have_url(f"{live_server.url}{plan_page}")
