"""What the render records when it fails, and that a report is claimed once."""

import datetime

import pytest
import time_machine

from monitoring import reports
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(datetime.datetime(2027, 3, 15, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def report(plan_a, trajectory_a, coordinator):
    start, end = reports.period_of("calendar_year", 2026)
    return reports.progress_report_request(
        trajectory=trajectory_a, period_start=start, period_end=end, language="en", by=coordinator
    )


def test_an_unexpected_failure_is_recorded_without_details(report, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("/etc/secret")

    monkeypatch.setattr(reports, "render_pdf", broken)
    assert not reports.progress_report_process(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.FAILED
    assert report.error == ""  # the page shows the generic message instead


def test_a_report_is_rendered_once(report):
    assert reports.progress_report_process(report_id=report.pk)
    report.refresh_from_db()
    assert (report.status, report.progress) == (ProgressReport.Status.DONE, 100)
    assert report.pdf.name == reports.storage_name(report.pk)
    # A second delivery of the same message finds nothing queued.
    assert not reports.progress_report_process(report_id=report.pk)


def test_only_a_failed_report_is_retried(report, coordinator):
    assert not reports.progress_report_retry(report=report, by=coordinator)


def test_a_render_whose_worker_died_is_queued_again_then_given_up(report, settings):
    settings.PLUS_REPORT_MAX_ATTEMPTS = 2
    limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    # The worker claimed it, then died: the report stays running.
    ProgressReport.objects.filter(pk=report.pk).update(
        status=ProgressReport.Status.RUNNING,
        started_at=datetime.datetime.now(datetime.UTC),
        attempts=1,
    )
    assert reports.progress_report_sweep() == []  # not past the hard limit yet

    later = datetime.datetime.now(datetime.UTC) + limit + datetime.timedelta(seconds=1)
    assert reports.progress_report_sweep(now=later) == [report.pk]
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.QUEUED

    ProgressReport.objects.filter(pk=report.pk).update(
        status=ProgressReport.Status.RUNNING, attempts=2
    )
    assert reports.progress_report_sweep(now=later) == []
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.FAILED
    assert "2" in report.error


def test_claiming_counts_the_attempt(report):
    assert reports.progress_report_process(report_id=report.pk)
    report.refresh_from_db()
    assert report.attempts == 1
    assert report.started_at is not None
