"""The public verification page: a PDF the portal issued to a council is found, by its bytes or
its pasted SHA-256; anything else (changed, unsent, never made) is "unknown"; the answer tells
nothing more than municipality, document, dates and decision; checks are rate-limited."""

import dataclasses
import datetime
import hashlib

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from actionplans import services as plan_services
from actionplans.models import CouncilDecision, Report
from council import services, verification
from council.models import Submission
from monitoring.models import ProgressReport
from tests.actionplans.factories import PlanFactory, PlanVersionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)
URL = reverse("council_public:verify")
PDF = b"%PDF-1.7\n% PLUS actieplan Sint-Truiden v1\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
REPORT_PDF = b"%PDF-1.7\n% Voortgangsrapport 2026\n" + bytes(range(200)) * 30 + b"\n%%EOF\n"
LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def issue_pdf(version, data: bytes, requested_by) -> Report:
    return Report.objects.create(
        version=version,
        language="nl-be",
        status=Report.Status.DONE,
        progress=100,
        file_hash=sha(data),
        file_size=len(data),
        requested_by=requested_by,
        finished_at=datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC),
    )


@pytest.fixture
def approved(plan_a, coordinator, official_a):
    with time_machine.travel(datetime.datetime(2026, 11, 18, 14, tzinfo=datetime.UTC)):
        version = plan_services.plan_submit(plan=plan_a["plan"], by=coordinator)
        plan_services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return version


@pytest.fixture
def sent(approved, coordinator, official_a):
    """Version 1 of A's plan, approved, its PDF made and sent to the council."""
    issue_pdf(approved, PDF, coordinator)
    services.send_to_council(
        version=approved, meeting_on=datetime.date(2026, 12, 15), by=official_a
    )
    return approved


@pytest.fixture
def sent_report(trajectory_a, coordinator, official_a):
    report = ProgressReport.objects.create(
        trajectory=trajectory_a,
        period_start=datetime.date(2025, 9, 1),
        period_end=datetime.date(2026, 8, 31),
        title="Voortgangsrapport schooljaar 2025-2026",
        snapshot={"made_on": "2026-10-02"},
        content_hash="c" * 64,
        status=ProgressReport.Status.DONE,
        progress=100,
        pdf_hash=sha(REPORT_PDF),
        requested_by=coordinator,
        accepted_by=official_a,
        accepted_at=datetime.datetime(2026, 10, 5, 11, tzinfo=datetime.UTC),
    )
    services.send_to_council(report=report, by=official_a)
    return report


def _client() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def _upload(client, data: bytes, name="actieplan.pdf"):
    return client.post(URL, {"document": SimpleUploadedFile(name, data, "application/pdf")})


def _text(response) -> str:
    return response.content.decode()


def test_the_page_needs_no_account():
    response = _client().get(URL)
    assert response.status_code == 200
    html = _text(response)
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html
    assert "js/verify.js" in html
    assert "<script>" not in html  # scripts are files (CSP)


def test_the_page_is_dutch_first():
    assert '<html lang="nl-be">' in _text(Client().get(URL))


def test_an_issued_and_sent_pdf_is_found_by_its_bytes(sent):
    response = _upload(_client(), PDF)
    assert response.status_code == 200
    html = _text(response)
    assert "Issued by the PLUS portal" in html
    assert "Sint-Truiden" in html
    assert "Action plan, version 1" in html
    assert "20 November 2026" in html  # made
    assert "18 November 2026" in html  # approved by the official
    assert "3 December 2026" in html  # sent
    assert sha(PDF) in html


def test_an_issued_and_sent_pdf_is_found_by_its_pasted_fingerprint(sent):
    pasted = " ".join(sha(PDF).upper()[i : i + 8] for i in range(0, 64, 8)) + "\n"
    html = _text(_client().post(URL, {"sha256": pasted}))
    assert "Issued by the PLUS portal" in html
    assert "Action plan, version 1" in html


def test_a_copy_with_one_byte_changed_is_unknown(sent):
    changed = bytearray(PDF)
    changed[len(changed) // 2] ^= 0x01
    for response in (
        _upload(_client(), bytes(changed)),
        _client().post(URL, {"sha256": sha(bytes(changed))}),
    ):
        html = _text(response)
        assert response.status_code == 200
        assert "Unknown" in html
        assert "This portal did not issue a document with this fingerprint to a council." in html
        assert "Sint-Truiden" not in html


def test_the_pdf_of_a_version_not_sent_is_unknown(approved, coordinator):
    issue_pdf(approved, PDF, coordinator)
    html = _text(_upload(_client(), PDF))
    assert "This portal did not issue a document with this fingerprint to a council." in html
    assert "Sint-Truiden" not in html


def test_only_a_finished_pdf_of_a_sent_version_is_found(sent, coordinator):
    """A render that failed keeps no fingerprint worth trusting, even of a sent version."""
    other = b"%PDF-1.7\n% failed render\n%%EOF\n"
    Report.objects.create(
        version=sent,
        language="en",
        status=Report.Status.FAILED,
        file_hash=sha(other),
        requested_by=coordinator,
    )
    assert verification.verify(sha(other)) is None


def test_a_sent_progress_report_is_found_and_an_unsent_one_is_not(
    sent_report, trajectory_a, coordinator
):
    html = _text(_upload(_client(), REPORT_PDF, name="voortgang.pdf"))
    assert "Issued by the PLUS portal" in html
    assert "Progress report from 1 September 2025 until 31 August 2026" in html
    assert "2 October 2026" in html  # made on
    assert "Accepted by the municipality on" in html
    assert "5 October 2026" in html

    unsent = b"%PDF-1.7\n% another report\n%%EOF\n"
    ProgressReport.objects.create(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        title="Voortgangsrapport 2026",
        snapshot={"made_on": "2026-12-01"},
        content_hash="e" * 64,
        status=ProgressReport.Status.DONE,
        pdf_hash=sha(unsent),
        requested_by=coordinator,
    )
    assert "Unknown" in _text(_upload(_client(), unsent))


def test_the_answer_holds_nothing_but_what_it_promises(sent, official_a, coordinator):
    CouncilDecision.objects.create(
        version=sent,
        body=CouncilDecision.Body.COUNCIL,
        decided_on=datetime.date(2026, 12, 15),
        outcome=CouncilDecision.Outcome.APPROVED,
        reference="GR 2026/141",
        url="https://www.sint-truiden.be/besluiten/2026-141",
        recorded_by=official_a,
    )
    with override_settings(LANGUAGE_CODE="en"):
        document = verification.verify(sha(PDF))
    assert dataclasses.asdict(document) == {
        "municipality": "Sint-Truiden",
        "kind": "plan_version",
        "version_number": 1,
        "period_start": None,
        "period_end": None,
        "issued_on": datetime.date(2026, 11, 20),
        "sent_on": datetime.date(2026, 12, 3),
        "approved_on": datetime.date(2026, 11, 18),
        "council_body": "Municipal council (gemeenteraad)",
        "council_outcome": "Approved",
        "council_decided_on": datetime.date(2026, 12, 15),
    }


def test_the_page_leaks_no_people_ids_or_internal_addresses(
    sent, official_a, coordinator, trajectory_b, plan_a
):
    CouncilDecision.objects.create(
        version=sent,
        body=CouncilDecision.Body.COUNCIL,
        decided_on=datetime.date(2026, 12, 15),
        outcome=CouncilDecision.Outcome.APPROVED,
        reference="GR 2026/141",
        url="https://www.sint-truiden.be/besluiten/2026-141",
        recorded_by=official_a,
    )
    # Another municipality's version, sent with a PDF of its own: never in A's answer.
    other_plan = PlanFactory(trajectory=trajectory_b, title="PLUS Tienen")
    other = PlanVersionFactory(plan=other_plan, submitted_by=coordinator)
    issue_pdf(other, b"%PDF Tienen", coordinator)
    Submission.objects.create(trajectory=trajectory_b, plan_version=other, sent_by=coordinator)

    html = _text(_upload(_client(), PDF))
    assert "Issued by the PLUS portal" in html
    assert "Approved (Municipal council (gemeenteraad), 15 December 2026)" in html
    report = sent.reports.get()
    submission = sent.council_submission
    for secret in (
        official_a.get_full_name(),
        official_a.username,
        official_a.email,
        coordinator.get_full_name(),
        coordinator.username,
        plan_a["plan"].title,
        plan_a["action"].title,
        plan_a["action"].owner,
        sent.content_hash,
        str(report.pk),
        submission.public_token,
        "GR 2026/141",
        "sint-truiden.be",
        "/trajectories/",
        "Tienen",
        "PLUS Tienen",
    ):
        assert secret not in html, secret
    for pk in (sent.pk, sent.plan.trajectory_id, submission.pk, trajectory_b.pk):
        assert f">{pk}<" not in html
        assert f"/{pk}/" not in html


def test_a_fingerprint_that_is_not_one_is_told_so():
    for value in ("abc", "g" * 64, "a" * 63, "a" * 65):
        response = _client().post(URL, {"sha256": value})
        assert response.status_code == 200
        html = _text(response)
        assert "A SHA-256 fingerprint has 64 characters" in html
        assert "Unknown" not in html


def test_nothing_sent_asks_for_a_pdf_or_a_fingerprint():
    html = _text(_client().post(URL, {}))
    assert "Choose a PDF or paste its fingerprint." in html


def test_a_pdf_and_a_fingerprint_together_are_refused(sent):
    client = _client()
    response = client.post(
        URL,
        {"document": SimpleUploadedFile("a.pdf", PDF, "application/pdf"), "sha256": sha(PDF)},
    )
    assert "Choose a PDF or paste a fingerprint, not both." in _text(response)


def test_a_file_too_large_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr("council.verify_forms.MAX_UPLOAD_BYTES", 1024 * 1024)
    html = _text(_upload(_client(), b"%PDF" + b"x" * 1024 * 1024))
    assert "The file is larger than 1 MB; the portal issues no PDF that large." in html
    assert "Paste its SHA-256 fingerprint instead." in html


def test_the_form_keeps_csrf_protection(sent):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"sha256": sha(PDF)}).status_code == 403


@override_settings(CACHES=LOCAL_CACHE)
def test_checks_are_rate_limited_per_address(sent):
    cache.clear()
    client = _client()
    for _ in range(verification.CHECKS_PER_WINDOW):
        assert client.post(URL, {"sha256": sha(PDF)}).status_code == 200
    refused = client.post(URL, {"sha256": sha(PDF)})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many checks" in _text(refused)
    assert "Sint-Truiden" not in _text(refused)
    # The limit is the address's, whatever the language or session.
    assert Client().post(URL, {"sha256": sha(PDF)}).status_code == 429
    # Another address is not held up; nor is the same one in the next window.
    assert client.post(URL, {"sha256": sha(PDF)}, REMOTE_ADDR="192.0.2.8").status_code == 200
    with time_machine.travel(TODAY + datetime.timedelta(minutes=11), tick=False):
        assert client.post(URL, {"sha256": sha(PDF)}).status_code == 200
    # Reading the page is not a check.
    assert client.get(URL).status_code == 200
    cache.clear()


def test_verify_runs_a_fixed_number_of_queries(
    sent, sent_report, official_a, coordinator, django_assert_num_queries
):
    for day in (10, 12, 15):
        CouncilDecision.objects.create(
            version=sent,
            body=CouncilDecision.Body.COUNCIL,
            decided_on=datetime.date(2026, 11, day),
            outcome=CouncilDecision.Outcome.POSTPONED,
            reference=f"GR 2026/{day}",
            recorded_by=official_a,
        )
    for language in ("en", "nl-be"):
        issue_pdf(sent, f"%PDF {language}".encode(), coordinator)
    with django_assert_num_queries(1):
        assert verification.verify(sha(PDF)).council_decided_on == datetime.date(2026, 11, 15)
    with django_assert_num_queries(2):
        assert verification.verify(sha(REPORT_PDF)).kind == "progress_report"
    with django_assert_num_queries(2):
        assert verification.verify("0" * 64) is None
    with django_assert_num_queries(0):
        assert verification.verify("not a fingerprint") is None
