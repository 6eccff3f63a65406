"""Who reads a twin: anyone who may see the trajectory, signed in; anyone at all once the
document was sent to the council, by its token; nobody else."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from council.models import Submission
from monitoring import reports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_twins_day")]


@pytest.fixture
def progress_report(version, trajectory_a, coordinator):
    return reports.progress_report_request(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2027, 8, 31),
        language="nl-be",
        by=coordinator,
    )


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _version_url(version) -> str:
    return reverse(
        "council_twin:version",
        kwargs={"trajectory_pk": version.plan.trajectory_id, "number": version.number},
    )


def _report_url(report) -> str:
    return reverse(
        "council_twin:report", kwargs={"trajectory_pk": report.trajectory_id, "pk": report.pk}
    )


def _public_url(token) -> str:
    return reverse("council_public:twin", kwargs={"token": token})


@pytest.mark.parametrize("persona", ["official_a", "coordinator"])
def test_those_who_see_the_trajectory_read_both_twins(request, persona, version, progress_report):
    client = _client(request.getfixturevalue(persona))
    assert client.get(_version_url(version)).status_code == 200
    assert client.get(_report_url(progress_report)).status_code == 200


def test_an_official_of_another_municipality_gets_404(official_b, version, progress_report):
    client = _client(official_b)
    assert client.get(_version_url(version)).status_code == 404
    assert client.get(_report_url(progress_report)).status_code == 404


def test_an_anonymous_visitor_of_the_signed_in_twin_is_sent_to_log_in(version, progress_report):
    for url in (_version_url(version), _report_url(progress_report)):
        response = _client().get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_unknown_numbers_answer_404(official_a, version, progress_report):
    client = _client(official_a)
    trajectory_pk = version.plan.trajectory_id
    assert (
        client.get(
            reverse("council_twin:version", kwargs={"trajectory_pk": trajectory_pk, "number": 99})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "council_twin:report",
                kwargs={"trajectory_pk": trajectory_pk, "pk": progress_report.pk + 1000},
            )
        ).status_code
        == 404
    )


def test_the_public_twin_of_a_version_exists_only_once_it_was_sent(
    version, official_a, trajectory_a
):
    submission = Submission(trajectory=trajectory_a, plan_version=version, sent_by=official_a)
    # The token it will have answers 404 before the version was sent.
    assert _client().get(_public_url(submission.public_token)).status_code == 404
    submission.save()
    response = _client().get(_public_url(submission.public_token))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response["X-Robots-Tag"] == "noindex"
    text = response.content.decode()
    assert "PLUS-actieplan Sint-Truiden" in text
    assert version.content_hash in text
    # No way into the portal from the public page: no link back, no download.
    assert "/trajectories/" not in text
    assert "/accounts/" not in text


def test_the_public_twin_of_a_progress_report(progress_report, official_a, trajectory_a):
    submission = Submission.objects.create(
        trajectory=trajectory_a, progress_report=progress_report, sent_by=official_a
    )
    response = _client().get(_public_url(submission.public_token))
    assert response.status_code == 200
    text = response.content.decode()
    assert progress_report.title in text
    assert progress_report.content_hash in text
    assert "/trajectories/" not in text


@pytest.mark.parametrize("token", ["not-a-token", "a" * 22, "%20"])
def test_any_other_token_answers_404(token, version, official_a, trajectory_a):
    Submission.objects.create(trajectory=trajectory_a, plan_version=version, sent_by=official_a)
    assert _client().get(_public_url(token)).status_code == 404


def test_a_signed_in_outsider_reads_the_public_twin_as_anyone(
    official_b, version, official_a, trajectory_a
):
    submission = Submission.objects.create(
        trajectory=trajectory_a, plan_version=version, sent_by=official_a
    )
    response = _client(official_b).get(_public_url(submission.public_token))
    assert response.status_code == 200
    assert "/trajectories/" not in response.content.decode()
    # Their response may carry their session cookie: no shared cache keeps it.
    assert response["Cache-Control"].startswith("private, ")


def test_the_links_on_the_portal_pages(version, progress_report, official_a, trajectory_a, rf):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = official_a
    context = {"version": version, "trajectory": trajectory_a, "request": request}
    html = render_to_string("council/includes/twin_link.html", context)
    assert _version_url(version) in html
    assert "/council/" not in html.replace(_version_url(version), "")
    submission = Submission.objects.create(
        trajectory=trajectory_a, plan_version=version, sent_by=official_a
    )
    version.refresh_from_db()
    html = render_to_string("council/includes/twin_link.html", context)
    assert _public_url(submission.public_token) in html

    context = {"report": progress_report, "trajectory": trajectory_a, "request": request}
    html = render_to_string("council/includes/report_twin_link.html", context)
    assert _report_url(progress_report) in html
