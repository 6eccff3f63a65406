"""Who reaches a progress report: officials of the municipality and its coordinators read and
download it; officials of another municipality, and bridge figures, get 404; only an
official of the municipality accepts it; everyone who reads it may comment."""

import datetime
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from monitoring import reports
from monitoring.models import ProgressReport, Story
from plus_portal.models import Comment

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2027, 3, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def report(plan_a, trajectory_a, coordinator):
    """A finished report of school year 2026–2027 with a (tiny) PDF."""
    made = reports.progress_report_request(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2027, 8, 31),
        language="en",
        by=coordinator,
    )
    made.status = ProgressReport.Status.DONE
    made.pdf.save("r.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    made.save()
    return made


def _client(user, english=True) -> Client:
    client = Client()
    client.force_login(user)
    if english:
        client.cookies["django_language"] = "en"
    return client


def _url(name, report, **kwargs):
    return reverse(
        f"progress_reports:{name}",
        kwargs={"trajectory_pk": report.trajectory_id, "pk": report.pk, **kwargs},
    )


def test_the_official_of_the_municipality_downloads_the_pdf(report, official_a):
    response = _client(official_a).get(_url("download", report))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert (
        "voortgangsrapport-sint-truiden-20260901-20270831-en.pdf" in response["Content-Disposition"]
    )
    assert response["Cache-Control"].startswith("private, no-store")


def test_the_coordinator_downloads_the_pdf(report, coordinator):
    response = _client(coordinator).get(_url("download", report))
    assert response.status_code == 200
    response.close()


@pytest.mark.parametrize("name", ["detail", "download", "xlsx", "csv"])
def test_an_official_of_another_municipality_gets_404(report, official_b, name):
    assert _client(official_b).get(_url(name, report)).status_code == 404


@pytest.mark.parametrize("name", ["detail", "download", "xlsx", "csv"])
def test_a_bridge_figure_gets_404(report, bridge_figure, name):
    assert _client(bridge_figure).get(_url(name, report)).status_code == 404


def test_a_report_without_its_pdf_yet_has_no_download(report, official_a):
    ProgressReport.objects.filter(pk=report.pk).update(status=ProgressReport.Status.RUNNING)
    assert _client(official_a).get(_url("download", report)).status_code == 404


def test_the_list_shows_the_reports_and_the_stories(report, official_a, trajectory_a):
    Story.objects.create(
        trajectory=trajectory_a, text="Heel fijn.", told_by="een vader", consent_on=TODAY.date()
    )
    response = _client(official_a).get(
        reverse("progress_reports:list", kwargs={"trajectory_pk": trajectory_a.pk})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert report.title in page
    assert "Heel fijn." in page
    assert "Make the report" not in page  # officials read
    assert 'hx-trigger="every 2s"' not in page  # nothing pending: no polling


def test_the_list_polls_while_a_report_is_being_made(report, coordinator, trajectory_a):
    ProgressReport.objects.filter(pk=report.pk).update(
        status=ProgressReport.Status.RUNNING, progress=35
    )
    url = reverse("progress_reports:list", kwargs={"trajectory_pk": trajectory_a.pk})
    partial = _client(coordinator).get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in partial
    assert 'value="35"' in partial
    assert "<html" not in partial


def test_an_official_accepts_the_report_once(report, official_a):
    client = _client(official_a)
    response = client.post(_url("accept", report), {"content_hash": report.content_hash})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.accepted_by == official_a
    assert report.accepted_at is not None
    assert report.history.first().accepted_by_id == official_a.pk  # the history has it
    first = report.accepted_at
    client.post(_url("accept", report), {"content_hash": report.content_hash})
    report.refresh_from_db()
    assert report.accepted_at == first


def test_accepting_names_the_content_seen(report, official_a):
    _client(official_a).post(_url("accept", report), {"content_hash": "0" * 64})
    report.refresh_from_db()
    assert report.accepted_at is None


def test_a_coordinator_cannot_accept(report, coordinator):
    response = _client(coordinator).post(
        _url("accept", report), {"content_hash": report.content_hash}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.accepted_at is None


def test_an_official_of_another_municipality_cannot_accept(report, official_b):
    response = _client(official_b).post(
        _url("accept", report), {"content_hash": report.content_hash}
    )
    assert response.status_code == 404


def _comment_url(report) -> str:
    return reverse("comment_add", kwargs={"label": "monitoring.progressreport", "pk": report.pk})


def test_an_official_comments_and_the_coordinator_replies(report, official_a, coordinator):
    official, inz = _client(official_a), _client(coordinator)
    official.post(_comment_url(report), {"body": "Graag de cijfers per school."})
    thread = Comment.objects.get()
    assert (thread.author, thread.trajectory_id, thread.target) == (
        official_a,
        report.trajectory_id,
        report,
    )
    partial = inz.post(
        _comment_url(report),
        {"body": "Komt in de bijlage.", "parent": thread.pk},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Komt in de bijlage." in partial
    assert thread.replies.get().author == coordinator
    page = official.get(_url("detail", report)).content.decode()
    assert "Graag de cijfers per school." in page
    assert _comment_url(report) in page

    official.post(reverse("comment_resolve", kwargs={"pk": thread.pk}))
    thread.refresh_from_db()
    assert thread.is_resolved


def test_another_municipality_cannot_comment(report, official_b):
    assert _client(official_b).post(_comment_url(report), {"body": "x"}).status_code == 404
    assert not Comment.objects.exists()


def test_the_xlsx_has_the_figures_and_a_definition_per_column(report, official_a):
    response = _client(official_a).get(_url("xlsx", report))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Figures", "Funding", "Definitions"]
    figures = list(workbook["Figures"].iter_rows(values_only=True))
    headings = list(figures[0])
    assert headings == [
        "From",
        "Until",
        "Age group",
        "Children reached",
        "Attendances",
        "Of which from vulnerable families",
        "Care places (intake)",
        "Sessions planned",
        "Sessions held",
        "Sessions cancelled",
    ]
    assert [row[2] for row in figures[1:]] == ["5–10", "11–15", "Total"]
    definitions = list(workbook["Definitions"].iter_rows(values_only=True))[1:]
    defined = {(sheet, column) for sheet, column, text in definitions if text}
    assert {("Figures", heading) for heading in headings} <= defined
    funding = next(workbook["Funding"].iter_rows(values_only=True))
    assert {("Funding", heading) for heading in funding} <= defined


def test_the_csv_has_a_row_of_definitions_under_the_headings(report, official_a):
    content = _client(official_a).get(_url("csv", report)).content.decode("utf-8-sig")
    headings, definitions, *rows = content.splitlines()
    assert headings.split(";")[3] == "Children reached"
    assert definitions.split(";")[3].startswith("Children enrolled in PLUS care")
    assert [row.split(";")[2] for row in rows] == ["5–10", "11–15", "Total"]
