"""An official opens their municipality's progress reports, watches the report being made,
and downloads the PDF; an official of another municipality cannot."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from monitoring import reports
from monitoring.models import ProgressReport
from tests.factories import TEST_PASSWORD


def test_an_official_downloads_the_progress_report(
    page: Page,
    login,
    live_server,
    celery_worker,
    settings,
    tmp_path,
    plan_a,
    coordinator,
    official_a,
    official_b,
):
    settings.MEDIA_ROOT = tmp_path
    trajectory = plan_a["plan"].trajectory
    start, end = reports.period_of(reports.SCHOOL_YEAR, 2026)
    report = reports.progress_report_request(
        trajectory=trajectory, period_start=start, period_end=end, language="nl-be", by=coordinator
    )

    login("official_a", TEST_PASSWORD)
    page.goto(f"{live_server.url}{reverse('progress_reports:list', args=[trajectory.pk])}")
    page.get_by_role("link", name=report.title, exact=True).click()
    status = page.locator("#report-status")
    # The page polls on its own: the download link appears without a reload.
    link = status.locator("a.btn-primary")
    expect(link).to_be_visible(timeout=60_000)
    expect(status).not_to_have_attribute("hx-trigger", "every 1s")

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "voortgangsrapport-sint-truiden-20260901-20270831.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE
    download_url = reverse("progress_reports:download", args=[trajectory.pk, report.pk])
    page.context.clear_cookies()
    login("official_b", TEST_PASSWORD)
    assert page.goto(f"{live_server.url}{download_url}").status == 404


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
