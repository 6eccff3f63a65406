"""The whole way through a real worker: request on the page, watch it, download the PDF."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from actionplans import services
from actionplans.models import Report


@pytest.fixture(autouse=True)
def _urls(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_official_requests_follows_and_downloads_the_pdf(
    celery_worker, plan_a, coordinator, official_a
):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    trajectory_pk = plan_a["plan"].trajectory_id
    client = Client()
    client.force_login(official_a)

    response = client.post(
        reverse("actionplans:report_request", args=[trajectory_pk]),
        {"version": version.number, "language": "nl-be"},
    )
    assert response.status_code == 302
    status_url = response["Location"]
    page = client.get(status_url)
    assert page.status_code == 200

    # Poll like the page's htmx does until the partial stops asking to be polled.
    deadline = time.monotonic() + 60
    while True:
        partial = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
        if "hx-trigger" not in partial:
            break
        assert time.monotonic() < deadline, "the PDF was not made in time"
        time.sleep(0.2)

    report = Report.objects.get()
    assert report.status == Report.Status.DONE, report.error_message
    assert report.attempts == 1
    download_url = reverse("actionplans:report_download", args=[trajectory_pk, report.pk])
    assert download_url in partial
    assert "<html" not in partial  # a partial, not the whole page

    download = client.get(download_url)
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    assert len(content) == report.file_size
    assert re.search(r'filename="actieplan-sint-truiden-v1\.pdf"', download["Content-Disposition"])

    # Asking again for the same version and language offers the finished PDF.
    again = client.post(
        reverse("actionplans:report_request", args=[trajectory_pk]),
        {"version": version.number, "language": "nl-be"},
    )
    assert again["Location"] == status_url
    assert Report.objects.count() == 1
