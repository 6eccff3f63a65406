"""Sending a plan version or a progress report to the council: who may, what, and only once."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from actionplans import services as plan_services
from council import services
from council.models import Submission
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def submitted(plan_a, coordinator):
    return plan_services.plan_submit(plan=plan_a["plan"], by=coordinator)


@pytest.fixture
def approved(submitted, plan_a, official_a):
    plan_services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return submitted


def make_progress_report(trajectory, coordinator, status=ProgressReport.Status.DONE):
    return ProgressReport.objects.create(
        trajectory=trajectory,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        title="Voortgangsrapport 2026",
        snapshot={"made_on": "2026-12-01"},
        content_hash="c" * 64,
        status=status,
        progress=100 if status == ProgressReport.Status.DONE else 0,
        pdf_hash="d" * 64 if status == ProgressReport.Status.DONE else "",
        requested_by=coordinator,
    )


@pytest.fixture
def progress_report(trajectory_a, coordinator):
    return make_progress_report(trajectory_a, coordinator)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _version_url(version) -> str:
    return reverse(
        "council_submission:send_version", args=[version.plan.trajectory_id, version.number]
    )


def _report_url(report) -> str:
    return reverse("council_submission:send_report", args=[report.trajectory_id, report.pk])


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_an_official_confirms_and_sends_an_approved_version(approved, official_a):
    client = _client(official_a)
    page = client.get(_version_url(approved))
    assert page.status_code == 200
    assert "Mark as sent to the council" in page.content.decode()

    response = client.post(_version_url(approved), {"meeting_on": "2026-12-15"})

    packet = reverse("council_decision:packet", args=[approved.plan.trajectory_id, 1])
    assert response.status_code == 302
    assert response.url == packet
    assert _messages(response) == ["Sent to the council. Anyone can now verify its PDF."]
    submission = Submission.objects.get(plan_version=approved)
    assert submission.trajectory == approved.plan.trajectory
    assert submission.progress_report is None
    assert submission.meeting_on == datetime.date(2026, 12, 15)
    assert submission.sent_by == official_a
    assert submission.sent_at == TODAY


def test_the_meeting_date_is_optional(approved, official_a):
    _client(official_a).post(_version_url(approved), {"meeting_on": ""})
    assert Submission.objects.get(plan_version=approved).meeting_on is None


def test_a_bad_meeting_date_shows_the_form_again(approved, official_a):
    response = _client(official_a).post(_version_url(approved), {"meeting_on": "31-31-2026"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not Submission.objects.exists()


def test_an_official_sends_a_finished_progress_report(progress_report, official_a):
    client = _client(official_a)
    assert client.get(_report_url(progress_report)).status_code == 200

    response = client.post(_report_url(progress_report), {})

    assert response.url == progress_report.get_absolute_url()
    submission = Submission.objects.get(progress_report=progress_report)
    assert submission.plan_version is None
    assert submission.sent_by == official_a


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_coordinator_may_not_send(approved, progress_report, coordinator, method):
    client = _client(coordinator)
    for url in (_version_url(approved), _report_url(progress_report)):
        assert getattr(client, method)(url).status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_official_of_another_municipality_finds_nothing(
    approved, progress_report, official_b, method
):
    client = _client(official_b)
    for url in (_version_url(approved), _report_url(progress_report)):
        assert getattr(client, method)(url).status_code == 404
    assert not Submission.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_is_sent_to_log_in(approved, progress_report, method):
    client = _client()
    for url in (_version_url(approved), _report_url(progress_report)):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert not Submission.objects.exists()


def test_a_document_is_sent_once(approved, progress_report, official_a):
    client = _client(official_a)
    for url, message in (
        (_version_url(approved), "This plan version was already sent to the council."),
        (_report_url(progress_report), "This progress report was already sent to the council."),
    ):
        client.post(url, {"meeting_on": "2026-12-15"})
        again = client.post(url, {"meeting_on": "2027-01-20"})
        assert again.status_code == 302
        assert _messages(again)[-1] == message
        # The confirmation page is not offered again either.
        page = client.get(url)
        assert page.status_code == 302
        assert _messages(page)[-1] == message
    assert Submission.objects.count() == 2
    assert {s.meeting_on for s in Submission.objects.all()} == {datetime.date(2026, 12, 15)}


def test_the_service_refuses_a_second_send(approved, official_a, in_english):
    services.send_to_council(version=approved, by=official_a)
    with pytest.raises(services.SubmissionError, match="already sent"):
        services.send_to_council(version=approved, by=official_a)
    assert Submission.objects.count() == 1


def test_a_version_not_approved_is_not_sent(submitted, official_a):
    client = _client(official_a)
    page = client.get(_version_url(submitted))
    assert page.status_code == 302
    assert _messages(page) == ["Only an approved plan version can be sent to the council."]
    response = client.post(_version_url(submitted), {})
    assert response.status_code == 302
    assert not Submission.objects.exists()


@pytest.mark.parametrize("status", [ProgressReport.Status.QUEUED, ProgressReport.Status.FAILED])
def test_a_progress_report_not_finished_is_not_sent(trajectory_a, coordinator, official_a, status):
    report = make_progress_report(trajectory_a, coordinator, status=status)
    response = _client(official_a).post(_report_url(report), {})
    assert response.status_code == 302
    assert _messages(response) == ["Only a finished progress report can be sent to the council."]
    assert not Submission.objects.exists()


def test_the_service_refuses_anyone_but_an_official_of_the_municipality(
    approved, coordinator, official_b, in_english
):
    for user in (coordinator, official_b):
        with pytest.raises(services.SubmissionError, match="Only an official"):
            services.send_to_council(version=approved, by=user)
    assert not Submission.objects.exists()


def _include(template, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(template, {"user": user, **context}, request=request)


def test_the_version_include_offers_sending_then_says_when_and_by_whom(
    approved, official_a, in_english
):
    trajectory = approved.plan.trajectory
    html = _include(
        "council/includes/submission.html", official_a, version=approved, trajectory=trajectory
    )
    assert _version_url(approved) in html

    services.send_to_council(version=approved, by=official_a)
    approved.refresh_from_db()
    html = _include(
        "council/includes/submission.html", official_a, version=approved, trajectory=trajectory
    )
    assert f"Sent to the council on 3 December 2026 by {official_a}." in html
    assert f"http://testserver{reverse('council_public:verify')}" in html
    assert _version_url(approved) not in html


def test_the_version_include_offers_nothing_before_approval(submitted, official_a, in_english):
    html = _include(
        "council/includes/submission.html",
        official_a,
        version=submitted,
        trajectory=submitted.plan.trajectory,
    )
    assert "Once approved" in html
    assert _version_url(submitted) not in html


def test_the_report_include_offers_sending_to_officials_only(
    progress_report, official_a, coordinator, in_english
):
    context = {"report": progress_report, "trajectory": progress_report.trajectory}
    assert _report_url(progress_report) in _include(
        "council/includes/report_submission.html", official_a, **context
    )
    assert _report_url(progress_report) not in _include(
        "council/includes/report_submission.html", coordinator, **context
    )
    services.send_to_council(report=progress_report, by=official_a)
    progress_report.refresh_from_db()
    html = _include("council/includes/report_submission.html", coordinator, **context)
    assert "Sent to the council on 3 December 2026" in html
    assert reverse("council_public:verify") in html


def test_the_council_packet_offers_sending_and_then_says_it_was_sent(approved, official_a):
    client = _client(official_a)
    packet = reverse("council_decision:packet", args=[approved.plan.trajectory_id, 1])
    send = _version_url(approved)
    assert f'href="{send}"' in client.get(packet).content.decode()

    response = client.post(send, {"meeting_on": "2026-12-15"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(packet, 302)]
    assert "Sent to the council. Anyone can now verify its PDF." in html
    assert f"Sent to the council on 3 December 2026 by {official_a}." in html
    assert "Council meeting of 15 December 2026." in html
    assert f'href="{send}"' not in html
