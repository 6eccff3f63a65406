"""The progress reports page on a phone, a story added by keyboard. An official's way from
the dashboard to the downloaded report (and another municipality's official turned away) is
one flow in ``test_official_dashboard_to_report.py``."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD


def test_the_reports_page_fits_a_phone_and_takes_a_story_by_keyboard(
    page: Page, login, live_server, plan_a, coordinator, trajectory_a
):
    page.set_viewport_size({"width": 390, "height": 844})
    login("coordinator", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}{reverse('progress_reports:list', args=[trajectory_a.pk])}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Add a story").click()
    page.get_by_label("Quote or story").fill("Nu kan ik blijven werken tot vijf uur.")
    page.get_by_label("Told by").fill("een vader in Brustem")
    page.get_by_label("Consent recorded on").fill("2026-11-20")
    page.get_by_label("Consent recorded on").press("Enter")
    expect(page.get_by_text("Nu kan ik blijven werken tot vijf uur.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
