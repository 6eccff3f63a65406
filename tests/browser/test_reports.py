"""An official makes the council PDF in the browser, watches it come, and downloads it."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from actionplans import services
from actionplans.models import Report
from tests.factories import TEST_PASSWORD


def test_official_requests_watches_and_downloads_the_pdf_and_others_cannot(
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
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    trajectory_pk = plan_a["plan"].trajectory_id

    login("official_a", TEST_PASSWORD)
    page.goto(f"{live_server.url}{reverse('actionplans:report_list', args=[trajectory_pk])}")
    page.locator("form[action$='/reports/request/'] button[type=submit]").click()

    status_url = page.url
    status = page.locator("#report-status")
    expect(status).to_be_visible()
    # The page polls on its own: the download link appears without a reload.
    link = status.locator("a.btn-primary")
    expect(link).to_be_visible(timeout=60_000)
    assert page.url == status_url
    expect(status).not_to_have_attribute("hx-trigger", "every 1s")

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "actieplan-sint-truiden-v1.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    report = Report.objects.get()
    download_url = reverse("actionplans:report_download", args=[trajectory_pk, report.pk])
    page.context.clear_cookies()
    login("official_b", TEST_PASSWORD)
    assert page.goto(f"{live_server.url}{download_url}").status == 404
