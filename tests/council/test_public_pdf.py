"""The PDF a council received, downloadable by anyone from the public twin's address once the
document was sent; before that, and for any other token, there is nothing to download."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from actionplans.models import Report
from council.models import Submission
from monitoring.models import ProgressReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_twins_day")]

PLAN_PDF = b"%PDF-1.7\n% the plan as the council got it\n%%EOF\n"
REPORT_PDF = b"%PDF-1.7\n% the progress report\n%%EOF\n"


@pytest.fixture
def version(version, coordinator):
    """The approved version with the PDF made at the freeze, as the worker would store it."""
    Report.objects.filter(version=version).delete()
    report = Report(
        version=version,
        language="nl-be",
        status=Report.Status.DONE,
        progress=100,
        file_hash="c" * 64,
        requested_by=coordinator,
    )
    report.file.save("plan.pdf", ContentFile(PLAN_PDF), save=False)
    report.save()
    return version


@pytest.fixture
def progress_report(trajectory_a, coordinator):
    report = ProgressReport(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        title="Voortgangsrapport 2026",
        snapshot={},
        content_hash="d" * 64,
        status=ProgressReport.Status.DONE,
        requested_by=coordinator,
    )
    report.pdf.save("report.pdf", ContentFile(REPORT_PDF), save=False)
    report.save()
    return report


def _pdf_url(token, **query) -> str:
    url = reverse("council_public:pdf", kwargs={"token": token})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_plan_pdf_is_public_once_sent(version, trajectory_a, official_a):
    submission = Submission.objects.create(
        trajectory=trajectory_a, plan_version=version, sent_by=official_a
    )
    response = Client().get(_pdf_url(submission.public_token))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert _content(response) == PLAN_PDF
    twin = Client().get(reverse("council_public:twin", kwargs={"token": submission.public_token}))
    assert _pdf_url(submission.public_token, lang="nl-be") in twin.content.decode()


def test_a_reader_of_another_language_gets_the_pdf_the_council_got(
    version, trajectory_a, official_a
):
    submission = Submission.objects.create(
        trajectory=trajectory_a, plan_version=version, sent_by=official_a
    )
    response = Client().get(_pdf_url(submission.public_token, lang="en"))
    assert _content(response) == PLAN_PDF


def test_nothing_to_download_before_the_pdf_is_made(version, trajectory_a, official_a):
    Report.objects.filter(version=version).delete()
    submission = Submission.objects.create(
        trajectory=trajectory_a, plan_version=version, sent_by=official_a
    )
    assert Client().get(_pdf_url(submission.public_token)).status_code == 404


def test_the_progress_report_pdf_is_public_once_sent(progress_report, trajectory_a, official_a):
    submission = Submission.objects.create(
        trajectory=trajectory_a, progress_report=progress_report, sent_by=official_a
    )
    response = Client().get(_pdf_url(submission.public_token))
    assert response.status_code == 200
    assert _content(response) == REPORT_PDF


def test_no_pdf_for_an_unknown_token(version, progress_report):
    assert Client().get(_pdf_url("nothing-sent-here")).status_code == 404
