"""One flow, as the issue asks: an official signs in, opens their municipality's dashboard,
follows its link to the progress reports, watches the report being made by the real worker
and downloads the PDF, which names the municipality; an official of another municipality
cannot download it. axe-core audits every page on the way (``conftest.axe_audit``).

Pages are read in English (the language cookie, set after sign-in); the report itself is in
Dutch, as it was requested."""

import pypdf
from django.urls import reverse
from playwright.sync_api import Page, expect

from monitoring import reports
from monitoring.models import ProgressReport
from tests.browser.test_dashboard_official import dashboard_data  # noqa: F401 (a fixture)
from tests.factories import TEST_PASSWORD


def test_an_official_goes_from_the_dashboard_to_the_progress_report_pdf(
    page: Page,
    login,
    live_server,
    axe_audit,
    celery_worker,
    settings,
    tmp_path,
    dashboard_data,  # noqa: F811
    coordinator,
    official_a,
    official_b,
):
    settings.MEDIA_ROOT = tmp_path
    trajectory = dashboard_data["plan"].trajectory
    start, end = reports.period_of(reports.SCHOOL_YEAR, 2026)
    report = reports.progress_report_request(
        trajectory=trajectory, period_start=start, period_end=end, language="nl-be", by=coordinator
    )

    login("official_a", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    dashboard = reverse("dashboard:overview", kwargs={"trajectory_pk": trajectory.pk})
    page.goto(f"{live_server.url}{dashboard}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard of Sint-Truiden")
    axe_audit.run()

    page.get_by_role("link", name="Progress reports", exact=True).click()
    expect(page).to_have_url(
        f"{live_server.url}{reverse('progress_reports:list', args=[trajectory.pk])}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress reports")
    axe_audit.run()

    page.get_by_role("link", name=report.title, exact=True).click()
    status = page.locator("#report-status")
    # The page polls on its own: the download link appears without a reload.
    link = status.locator("a.btn-primary")
    expect(link).to_be_visible(timeout=60_000)
    expect(status).not_to_have_attribute("hx-trigger", "every 1s")
    axe_audit.run()

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "voortgangsrapport-sint-truiden-20260901-20270831.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    document = pypdf.PdfReader(download.path())
    assert len(document.pages) >= 1
    text = "\n".join(page_.extract_text() for page_ in document.pages)
    assert "Sint-Truiden" in text

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE
    download_url = reverse("progress_reports:download", args=[trajectory.pk, report.pk])
    page.context.clear_cookies()
    login("official_b", TEST_PASSWORD)
    assert page.goto(f"{live_server.url}{download_url}").status == 404
