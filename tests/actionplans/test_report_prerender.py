"""The PDF of a version is made when the version is frozen, and again when its cover changes,
so an official who asks finds it ready."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from actionplans import reports, services, tasks
from actionplans.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def queued(monkeypatch):
    """The report ids handed to the broker, in order."""
    sent = []
    monkeypatch.setattr(tasks.render_report, "delay", lambda report_id: sent.append(report_id))
    return sent


@pytest.fixture
def submit(plan_a, coordinator, django_capture_on_commit_callbacks):
    def submit():
        with django_capture_on_commit_callbacks(execute=True):
            return services.plan_submit(plan=plan_a["plan"], by=coordinator)

    return submit


def _approve(plan_a, official_a, capture):
    with capture(execute=True):
        services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)


def _reports_page(user, version) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("actionplans:report_list", args=[version.plan.trajectory_id]))
    assert response.status_code == 200
    return response.content.decode()


def _download_url(report) -> str:
    return reverse("actionplans:report_download", args=[report.trajectory.pk, report.pk])


def _cover(report) -> str:
    report.refresh_from_db()
    with report.file.open("rb") as pdf:
        return " ".join(PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text().split())


def test_submitting_queues_the_dutch_pdf_once(submit, coordinator, queued):
    version = submit()

    report = Report.objects.get()
    assert report.version == version
    assert report.language == "nl-be"
    assert report.status == Report.Status.QUEUED
    assert report.requested_by == coordinator
    assert queued == [str(report.pk)]


def test_the_task_makes_the_file_and_the_officials_page_offers_it_at_once(
    submit, official_a, queued
):
    version = submit()
    report = Report.objects.get()
    reports.report_process(report_id=queued[0])

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.page_count >= 8
    assert "Versie 1 · Ontwerp ter beoordeling" in _cover(report)
    page = _reports_page(official_a, version)
    assert 'id="default-report"' in page
    assert _download_url(report) in page
    status_url = reverse("actionplans:report_status", args=[report.trajectory.pk, report.pk])
    assert f'href="{status_url}"' not in page.split('id="default-report"')[1].split("</section>")[0]


def test_the_approval_makes_the_pdf_anew_with_the_approved_cover(
    submit, plan_a, official_a, queued, django_capture_on_commit_callbacks
):
    version = submit()
    reports.report_process(report_id=queued[0])
    submitted = Report.objects.get()

    _approve(plan_a, official_a, django_capture_on_commit_callbacks)
    approved = Report.objects.exclude(pk=submitted.pk).get()
    assert approved.requested_by == official_a
    assert queued == [str(submitted.pk), str(approved.pk)]
    reports.report_process(report_id=queued[1])

    cover = _cover(approved)
    assert "Versie 1 · Goedgekeurd" in cover
    page = _reports_page(official_a, version)
    assert _download_url(approved) in page
    assert _download_url(submitted) in page  # still listed among all PDFs
    default_card = page.split('id="default-report"')[1].split("</section>")[0]
    assert _download_url(approved) in default_card
    assert reports.report_request(version=version, language="nl-be", by=official_a) == (
        approved,
        False,
    )


def test_a_pdf_still_queued_is_not_queued_twice(
    submit, plan_a, official_a, queued, django_capture_on_commit_callbacks
):
    version = submit()
    _approve(plan_a, official_a, django_capture_on_commit_callbacks)
    # The render queued at the freeze has not started: it will show the approval anyway.
    report = Report.objects.get()
    assert len(queued) == 1
    assert reports.report_request(version=version, language="nl-be", by=official_a) == (
        report,
        False,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(version=version, language="nl-be", requested_by=official_a)


def test_the_page_says_the_pdf_is_on_its_way_while_it_is_made(submit, official_a, queued):
    version = submit()
    report = Report.objects.get()
    page = _reports_page(official_a, version)
    status_url = reverse("actionplans:report_status", args=[report.trajectory.pk, report.pk])
    default_card = page.split('id="default-report"')[1].split("</section>")[0]
    assert f'href="{status_url}"' in default_card
    assert _download_url(report) not in page


def test_a_forced_render_stays_possible(submit, official_a, queued):
    version = submit()
    reports.report_process(report_id=queued[0])
    report, created = reports.report_request(
        version=version, language="nl-be", by=official_a, force=True
    )
    assert created
    assert Report.objects.count() == 2
    assert report.status == Report.Status.QUEUED


def test_the_pdfs_made_by_themselves_do_not_count_against_the_forced_render_limit(
    settings, submit, plan_a, official_a, queued, django_capture_on_commit_callbacks
):
    settings.PLUS_REPORT_FORCED_PER_HOUR = 1
    version = submit()
    reports.report_process(report_id=queued[0])
    _approve(plan_a, official_a, django_capture_on_commit_callbacks)
    reports.report_process(report_id=queued[1])
    automatic = Report.objects.filter(requested_by=official_a).get()
    assert automatic.is_automatic

    with django_capture_on_commit_callbacks(execute=True):
        forced, created = reports.report_request(
            version=version, language="nl-be", by=official_a, force=True
        )
    assert created
    assert not forced.is_automatic
    reports.report_process(report_id=queued[2])
    with pytest.raises(reports.ReportError, match="1 pdf"):
        reports.report_request(version=version, language="nl-be", by=official_a, force=True)
