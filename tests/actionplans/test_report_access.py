"""Who may list, request, follow, download and retry the PDFs of a plan."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from actionplans import reports, services
from actionplans.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _urls(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def version(plan_a, coordinator):
    return services.plan_submit(plan=plan_a["plan"], by=coordinator)


@pytest.fixture
def done_report(version, official_a):
    report = Report.objects.create(version=version, language="nl-be", requested_by=official_a)
    name = reports.storage_name(report.pk)
    default_storage.save(name, ContentFile(b"%PDF-1.7 test"))
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE, file=name, file_hash="ab" * 32, file_size=13, page_count=1
    )
    return report


def _urls_for(report):
    t = report.version.plan.trajectory_id
    return {
        "list": ("get", reverse("actionplans:report_list", args=[t])),
        "request": ("post", reverse("actionplans:report_request", args=[t])),
        "status": ("get", reverse("actionplans:report_status", args=[t, report.pk])),
        "download": ("get", reverse("actionplans:report_download", args=[t, report.pk])),
        "retry": ("post", reverse("actionplans:report_retry", args=[t, report.pk])),
    }


def test_official_of_another_municipality_gets_404_everywhere(official_b_client, done_report):
    for name, (method, url) in _urls_for(done_report).items():
        data = {"version": done_report.version.number, "language": "nl-be"}
        response = getattr(official_b_client, method)(url, data if method == "post" else None)
        assert response.status_code == 404, name
    assert Report.objects.count() == 1  # nothing requested


def test_a_report_is_not_found_through_another_trajectory(
    official_b_client, done_report, trajectory_b, coordinator
):
    url = reverse("actionplans:report_download", args=[trajectory_b.pk, done_report.pk])
    assert official_b_client.get(url).status_code == 404


def test_anonymous_is_sent_to_log_in(anonymous_client, done_report):
    for name, (method, url) in _urls_for(done_report).items():
        response = getattr(anonymous_client, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name


def test_official_of_the_municipality_requests_and_downloads(
    official_a_client, version, done_report, django_capture_on_commit_callbacks
):
    url = reverse("actionplans:report_request", args=[version.plan.trajectory_id])
    with django_capture_on_commit_callbacks() as queued:
        response = official_a_client.post(url, {"version": version.number, "language": "en"})
    report = Report.objects.get(language="en")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "actionplans:report_status", args=[version.plan.trajectory_id, report.pk]
    )
    assert len(queued) == 1  # the task is queued once the request's transaction commits
    assert report.status == Report.Status.QUEUED

    download = official_a_client.get(_urls_for(done_report)["download"][1])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="actieplan-sint-truiden-v1.pdf"'
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_list_offers_the_approved_version_first(
    official_a_client, official_a, plan_a, done_report
):
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    response = official_a_client.get(_urls_for(done_report)["list"][1])
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="default-heading"' in content  # the approved version's PDF, offered first
    assert (
        reverse("actionplans:report_download", args=[plan_a["plan"].trajectory_id, done_report.pk])
        in content
    )


def test_an_unfinished_report_cannot_be_downloaded(official_a_client, version, official_a):
    report = Report.objects.create(version=version, language="nl-be", requested_by=official_a)
    url = reverse("actionplans:report_download", args=[version.plan.trajectory_id, report.pk])
    assert official_a_client.get(url).status_code == 404
