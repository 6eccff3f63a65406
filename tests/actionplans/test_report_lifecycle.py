"""A report row from request to file: offered again, claimed once, failed clearly, swept."""

import datetime
import hashlib
import logging

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from actionplans import reports, services
from actionplans.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def version(plan_a, coordinator):
    return services.plan_submit(plan=plan_a["plan"], by=coordinator)


def _next_version(version):
    """Another frozen version of the same plan (its content does not matter here)."""
    from actionplans.models import PlanVersion

    number = version.plan.versions.count() + 1
    return PlanVersion.objects.create(
        plan=version.plan,
        number=number,
        snapshot=version.snapshot,
        content_hash=f"{number:064d}",
        submitted_by=version.submitted_by,
    )


def _request(version, user, **kwargs):
    return reports.report_request(version=version, language="en", by=user, **kwargs)


def test_requesting_queues_the_task_only_on_commit(
    version, official_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        report, created = _request(version, official_a)
    assert created
    assert len(callbacks) == 1
    assert report.status == Report.Status.QUEUED


def _finish(report):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.DONE, file_hash="0" * 64)


def test_the_same_version_and_language_is_offered_again_unless_forced(version, official_a):
    first, _ = _request(version, official_a)
    again, created = _request(version, official_a)
    assert (again, created) == (first, False)  # still queued: no second render
    forced_while_queued, created = _request(version, official_a, force=True)
    assert (forced_while_queued, created) == (first, False)  # forced or not: one at a time

    Report.objects.filter(pk=first.pk).update(status=Report.Status.FAILED)
    retried, created = _request(version, official_a)
    assert created  # a failed one is not offered

    _finish(retried)
    assert _request(version, official_a) == (Report.objects.get(pk=retried.pk), False)
    forced, created = _request(version, official_a, force=True)
    assert created
    assert forced.pk not in {first.pk, retried.pk}

    _dutch, created = reports.report_request(version=version, language="nl-be", by=official_a)
    assert created


def test_at_most_one_report_per_version_and_language_is_on_its_way(version, official_a):
    from django.db import IntegrityError, transaction

    _request(version, official_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(version=version, language="en", requested_by=official_a)
    assert Report.objects.pending().count() == 1


def test_twenty_forced_requests_queue_one_render(version, official_a):
    reports_made = {_request(version, official_a, force=True)[0].pk for _ in range(20)}
    assert len(reports_made) == 1
    assert Report.objects.count() == 1


def test_forced_renders_are_limited_per_person(
    version, official_a, coordinator, settings, in_english
):
    settings.PLUS_REPORT_FORCED_PER_HOUR = 3
    for _ in range(3):
        report, created = _request(version, official_a, force=True)
        assert created
        _finish(report)

    with pytest.raises(reports.ReportError, match="3 PDFs made in the past hour"):
        _request(version, official_a, force=True)
    # Someone else may still have it made again, and the finished one is still offered.
    assert _request(version, official_a)[1] is False
    assert _request(version, coordinator, force=True)[1] is True


def test_the_limit_is_per_hour(version, official_a, settings):
    import time_machine

    settings.PLUS_REPORT_FORCED_PER_HOUR = 1
    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)):
        _finish(_request(version, official_a, force=True)[0])
        with pytest.raises(reports.ReportError):
            _request(version, official_a, force=True)
    with time_machine.travel(datetime.datetime(2026, 12, 3, 10, 1, tzinfo=datetime.UTC)):
        assert _request(version, official_a, force=True)[1] is True


def test_a_report_is_claimed_once(version, official_a):
    report, _ = _request(version, official_a)
    assert reports.report_claim(report_id=str(report.pk)) == 1
    assert reports.report_claim(report_id=str(report.pk)) is None
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert report.attempts == 1
    assert report.started_at is not None


def test_processing_stores_one_file_with_its_hash_size_and_pages(version, official_a):
    report, _ = _request(version, official_a)
    reports.report_process(report_id=str(report.pk))
    reports.report_process(report_id=str(report.pk))  # a second delivery does nothing

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert report.file.name == f"reports/{report.pk}.pdf"
    content = default_storage.open(report.file.name).read()
    assert content.startswith(b"%PDF")
    assert report.file_hash == hashlib.sha256(content).hexdigest()
    assert report.file_size == len(content)
    assert report.page_count >= 8
    assert report.attempts == 1
    assert default_storage.listdir("reports")[1] == [f"{report.pk}.pdf"]


def test_an_unknown_schema_fails_with_a_clear_message(version, official_a):
    version.snapshot = {**version.snapshot, "schema": 7}
    version.save(update_fields=["snapshot"])
    report, _ = _request(version, official_a)
    reports.report_process(report_id=str(report.pk))
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "cannot print" in report.error_message
    assert "schema 7" in report.error_message


def test_an_unexpected_error_is_logged_and_shown_generically(
    version, official_a, monkeypatch, caplog
):
    def explode(*args, **kwargs):
        raise RuntimeError("pango fell over")

    monkeypatch.setattr(reports, "render_pdf", explode)
    report, _ = _request(version, official_a)
    with caplog.at_level(logging.ERROR, logger="actionplans.reports"):
        reports.report_process(report_id=str(report.pk))
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error_message == ""  # the page shows the generic message
    assert "pango fell over" in caplog.text


def test_retry_puts_a_failed_report_back_in_the_queue(
    version, official_a, django_capture_on_commit_callbacks
):
    report, _ = _request(version, official_a)
    assert not reports.report_retry(report=report)  # only a failed one
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, attempts=1)
    with django_capture_on_commit_callbacks() as callbacks:
        assert reports.report_retry(report=report)
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
    assert len(callbacks) == 1


def test_sweep_requeues_only_reports_stuck_past_the_hard_limit(
    version, official_a, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_TIME_LIMIT = 300
    now = timezone.now()
    # One report per version and language can be on its way, so three versions.
    stuck, _ = _request(version, official_a)
    fresh, _ = _request(_next_version(version), official_a)
    given_up, _ = _request(_next_version(version), official_a)
    old = now - datetime.timedelta(seconds=301)
    Report.objects.filter(pk=stuck.pk).update(status="rendering", started_at=old, attempts=1)
    Report.objects.filter(pk=fresh.pk).update(
        status="rendering", started_at=now - datetime.timedelta(seconds=10), attempts=1
    )
    Report.objects.filter(pk=given_up.pk).update(
        status="rendering", started_at=old, attempts=settings.PLUS_REPORT_MAX_ATTEMPTS
    )

    with django_capture_on_commit_callbacks() as callbacks:
        requeued = reports.report_sweep(now=now)

    assert requeued == [str(stuck.pk)]
    assert len(callbacks) == 1
    for report in (stuck, fresh, given_up):
        report.refresh_from_db()
    assert stuck.status == Report.Status.QUEUED
    assert fresh.status == Report.Status.RENDERING
    assert given_up.status == Report.Status.FAILED
    assert given_up.error_message


def test_a_worker_that_lost_its_claim_does_not_mark_the_report(version, official_a):
    report, _ = _request(version, official_a)
    first = reports.report_claim(report_id=str(report.pk))
    # The sweep gave the report to another worker, which claimed it again.
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED)
    second = reports.report_claim(report_id=str(report.pk))
    assert (first, second) == (1, 2)

    assert reports.report_render(report_id=str(report.pk), attempt=first) is False
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING  # still the second worker's
    assert reports.report_render(report_id=str(report.pk), attempt=second) is True
    report.refresh_from_db()
    assert report.status == Report.Status.DONE


def test_a_moment_of_a_locked_table_does_not_fail_the_pdf(version, official_a, monkeypatch):
    """SQLite answers 'database table is locked' while a page polls the report; progress is
    skipped then, and the finished file is recorded after a retry."""
    from django.db import OperationalError
    from django.db.models import QuerySet

    report, _ = _request(version, official_a)
    attempt = reports.report_claim(report_id=str(report.pk))
    real_update = QuerySet.update
    refused = []

    def update(queryset, **values):
        # Every progress write, and the first try at recording the file, meet a lock.
        first_file = "file_hash" in values and not any("file_hash" in v for v in refused)
        if queryset.model is Report and (set(values) == {"progress"} or first_file):
            refused.append(values)
            raise OperationalError("database table is locked: actionplans_report")
        return real_update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", update)
    monkeypatch.setattr(reports.time, "sleep", lambda seconds: None)

    assert reports.report_render(report_id=str(report.pk), attempt=attempt) is True
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert any("file_hash" in values for values in refused)
