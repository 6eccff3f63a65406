"""The progress report's snapshot: the period's figures frozen with their hash, and a PDF
that reads the same after the live data changed."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from actionplans.snapshots import snapshot_hash
from execution import progress
from execution.models import Session
from monitoring import reports, stories
from monitoring.models import ProgressReport, Story
from tests.execution.factories import AttendanceFactory, EnrolmentFactory, SessionFactory
from tests.monitoring import test_dashboard_rollup

pytestmark = pytest.mark.django_db

TODAY = test_dashboard_rollup.TODAY  # 15 March 2027
two_actions = test_dashboard_rollup.two_actions
SCHOOL_YEAR = (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def year_of_work(two_actions, trajectory_a, intake_a, coordinator):
    """Two sessions held (12 + 8 children of 5–10), one cancelled, 20 enrolled in autumn,
    the first action started at 40 %, and a story told with consent in the school year."""
    action = two_actions["action"]
    first = AttendanceFactory(
        session=SessionFactory(action=action, day=datetime.date(2026, 10, 5)),
        children_5_10=12,
        vulnerable_5_10=3,
    )
    AttendanceFactory(
        session=SessionFactory(action=action, day=datetime.date(2026, 10, 12)),
        children_5_10=8,
        vulnerable_5_10=1,
    )
    SessionFactory(
        action=action,
        day=datetime.date(2026, 10, 19),
        status=Session.Status.CANCELLED,
        change_reason="Staking",
    )
    EnrolmentFactory(trajectory=trajectory_a, site=intake_a["site"], children=20, vulnerable=5)
    progress.action_progress_update(action=action, status="started", progress=40, by=coordinator)
    story = stories.story_save(
        trajectory=trajectory_a,
        text="Mijn dochter wil elke dag naar de naschoolse opvang.",
        told_by="een moeder in Velm",
        consent_on=datetime.date(2026, 11, 3),
        by=coordinator,
    )
    return {**two_actions, "attendance": first, "story": story}


def _request(trajectory, coordinator, period=SCHOOL_YEAR, language="en"):
    return reports.progress_report_request(
        trajectory=trajectory,
        period_start=period[0],
        period_end=period[1],
        language=language,
        by=coordinator,
    )


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_snapshot_holds_the_period_figures(year_of_work, trajectory_a, coordinator):
    report = _request(trajectory_a, coordinator)
    data = report.snapshot
    assert report.status == ProgressReport.Status.QUEUED
    assert data["schema"] == reports.SCHEMA
    assert data["period"] == {"start": "2026-09-01", "end": "2027-08-31"}
    assert data["reach"]["children_5_10"] == "20"
    assert data["reach"]["children_11_15"] is None  # nothing to measure, never zero
    assert data["reach"]["vulnerable_share"] == "25.0"
    sessions = data["sessions"]
    assert (sessions["planned"], sessions["held"], sessions["cancelled"]) == (2, 2, 1)
    assert (sessions["children_5_10"], sessions["vulnerable_5_10"]) == (20, 4)
    [objective] = data["progress"]
    assert [a["progress"] for a in objective["actions"]] == [40, 0]
    assert data["stories"] == [
        {
            "text": "Mijn dochter wil elke dag naar de naschoolse opvang.",
            "told_by": "een moeder in Velm",
            "consent_on": "2026-11-03",
        }
    ]
    assert data["finance"]["years"] == [2026, 2027]


def test_the_hash_is_that_of_the_canonical_snapshot_and_stable(
    year_of_work, trajectory_a, coordinator
):
    report = _request(trajectory_a, coordinator)
    again = _request(trajectory_a, coordinator)
    assert report.content_hash == snapshot_hash(report.snapshot)
    assert len(report.content_hash) == 64
    assert again.content_hash == report.content_hash  # nothing changed in between
    report.refresh_from_db()
    assert snapshot_hash(report.snapshot) == report.content_hash


def test_the_calendar_year_reads_its_own_period(year_of_work, trajectory_a, coordinator):
    report = _request(trajectory_a, coordinator, period=reports.period_of("calendar_year", 2026))
    assert report.snapshot["period"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert report.snapshot["finance"]["years"] == [2026]
    assert report.title == "Progress report Sint-Truiden, calendar year 2026"


def test_the_pdf_reads_the_same_after_the_live_data_changed(
    year_of_work, trajectory_a, coordinator
):
    report = _request(trajectory_a, coordinator)
    first = _text(reports.render_progress_report_pdf(report))
    assert "Mijn dochter wil elke dag" in first
    assert report.content_hash in first.replace("\n", "")

    attendance = year_of_work["attendance"]
    attendance.children_5_10 = 30
    attendance.save()
    Story.objects.filter(pk=year_of_work["story"].pk).update(text="Anders verteld.")
    progress.action_progress_update(
        action=year_of_work["action"], status="done", progress=100, by=coordinator
    )
    report.refresh_from_db()
    assert _text(reports.render_progress_report_pdf(report)) == first
    # A new report does see the change.
    assert _request(trajectory_a, coordinator).content_hash != report.content_hash


def test_the_pdf_names_no_worker(year_of_work, trajectory_a, coordinator, bridge_figure):
    report = _request(trajectory_a, coordinator)
    text = _text(reports.render_progress_report_pdf(report))
    assert bridge_figure.worker.last_name not in text
    assert "FTE" in text


def test_a_story_needs_its_consent_date(trajectory_a, coordinator):
    with pytest.raises(ValidationError) as raised:
        stories.story_save(
            trajectory=trajectory_a,
            text="Fijn!",
            told_by="een vader",
            consent_on=None,
            by=coordinator,
        )
    assert "consent_on" in raised.value.message_dict
    assert not Story.objects.exists()


def test_a_story_without_consent_in_the_period_is_left_out(trajectory_a, coordinator, plan_a):
    stories.story_save(
        trajectory=trajectory_a,
        text="Van lang geleden.",
        told_by="een grootvader",
        consent_on=datetime.date(2025, 5, 1),
        by=coordinator,
    )
    assert _request(trajectory_a, coordinator).snapshot["stories"] == []


def test_an_official_cannot_request_a_report(trajectory_a, official_a, plan_a):
    with pytest.raises(PermissionDenied):
        _request(trajectory_a, official_a)


def test_a_period_that_has_not_started_is_refused(trajectory_a, coordinator, plan_a):
    with pytest.raises(reports.ReportError):
        _request(trajectory_a, coordinator, period=reports.period_of("school_year", 2027))


def test_the_requests_per_hour_are_limited(settings, trajectory_a, coordinator, plan_a):
    settings.PLUS_REPORT_FORCED_PER_HOUR = 2
    _request(trajectory_a, coordinator)
    _request(trajectory_a, coordinator)
    with pytest.raises(reports.ReportError):
        _request(trajectory_a, coordinator)
    assert ProgressReport.objects.count() == 2


def test_an_empty_period_has_no_figures_but_a_report(trajectory_a, coordinator, plan_a):
    report = _request(trajectory_a, coordinator, period=reports.period_of("calendar_year", 2026))
    assert report.snapshot["sessions"]["planned"] == 0
    assert report.snapshot["progress"] == []  # no plan in force
    assert _text(reports.render_progress_report_pdf(report)).startswith("MUNICIPALITY OF")
    assert Decimal(0) == sum(Decimal(r["spent"]) for r in report.snapshot["finance"]["per_year"])
