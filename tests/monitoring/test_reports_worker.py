"""The progress report through a real worker: requested on the page, made in the background
with its progress, downloaded; and a failure recorded with a message."""

import io
import time

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from monitoring import reports
from monitoring.models import ProgressReport


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _wait_for(client, url) -> str:
    """Poll like the page's htmx does until the partial stops asking to be polled."""
    deadline = time.monotonic() + 60
    while True:
        partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
        if "hx-trigger" not in partial:
            return partial
        assert time.monotonic() < deadline, "the PDF was not made in time"
        time.sleep(0.2)


def test_a_coordinator_requests_and_an_official_downloads(
    celery_worker, plan_a, coordinator, official_a
):
    trajectory = plan_a["plan"].trajectory
    inz = Client()
    inz.force_login(coordinator)
    response = inz.post(
        reverse("progress_reports:request", args=[trajectory.pk]),
        {"kind": "school_year", "year": "2026", "language": "en"},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    official = Client()
    official.force_login(official_a)
    detail = reverse("progress_reports:detail", args=[trajectory.pk, report.pk])
    partial = _wait_for(official, detail)

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE, report.error
    assert report.progress == 100
    download = reverse("progress_reports:download", args=[trajectory.pk, report.pk])
    assert download in partial
    content = b"".join(official.get(download).streaming_content)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Progress report" in text
    assert report.content_hash in text.replace("\n", "")


def test_a_failure_is_recorded_with_its_message(celery_worker, plan_a, coordinator):
    trajectory = plan_a["plan"].trajectory
    report = reports.progress_report_request(
        trajectory=trajectory,
        period_start=reports.period_of("calendar_year", 2026)[0],
        period_end=reports.period_of("calendar_year", 2026)[1],
        language="en",
        by=coordinator,
    )
    # A snapshot this portal cannot read (as from a later schema): a known failure.
    ProgressReport.objects.filter(pk=report.pk).update(
        snapshot={**report.snapshot, "schema": 99}, status=ProgressReport.Status.FAILED
    )
    assert reports.progress_report_retry(report=report, by=coordinator)
    client = Client()
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    partial = _wait_for(client, reverse("progress_reports:detail", args=[trajectory.pk, report.pk]))
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.FAILED
    assert "cannot print" in report.error
    assert "cannot print" in partial
    assert not report.pdf
