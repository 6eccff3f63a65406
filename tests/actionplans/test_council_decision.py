"""The council decision on an approved version: who records it, what is kept, what the PDF says."""

import datetime
import io
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from actionplans import reports, services
from actionplans.models import CouncilDecision, Report
from municipalities.models import Contact

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def approved(plan_a, coordinator, official_a):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return version


def _url(version) -> str:
    return reverse(
        "actionplans:council_decision", args=[version.plan.trajectory_id, version.number]
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


FORM = {
    "body": "council",
    "decided_on": "2026-11-24",
    "outcome": "approved",
    "reference": "GR 2026/141",
    "url": "",
}


@pytest.mark.parametrize("persona", ["coordinator", "official_a"])
def test_a_coordinator_or_an_official_of_the_municipality_records_it(request, approved, persona):
    user = request.getfixturevalue(persona)
    client = _client(user)
    assert client.get(_url(approved)).status_code == 200

    response = client.post(_url(approved), FORM, follow=True)

    assert response.status_code == 200
    assert "The council decision is recorded" in response.content.decode()
    decision = CouncilDecision.objects.get(version=approved)
    assert (decision.body, decision.outcome, decision.reference) == (
        "council",
        "approved",
        "GR 2026/141",
    )
    assert decision.decided_on == datetime.date(2026, 11, 24)
    assert decision.recorded_by == user
    assert decision.history.count() == 1


@pytest.mark.parametrize(
    "persona", ["official_b", "coordinator_b", "coordinator_without_membership", "administrator"]
)
def test_anyone_else_gets_404_and_nothing_is_recorded(request, approved, persona):
    client = _client(request.getfixturevalue(persona))
    assert client.get(_url(approved)).status_code == 404
    assert client.post(_url(approved), FORM).status_code == 404
    assert not CouncilDecision.objects.exists()


def test_a_version_not_approved_has_no_council_decision(plan_a, coordinator):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    client = _client(coordinator)
    assert client.post(_url(version), FORM).status_code == 404
    with pytest.raises(services.PlanError):
        services.council_decision_record(
            version=version,
            by=coordinator,
            body="council",
            decided_on=datetime.date(2026, 11, 24),
            outcome="approved",
            reference="GR 2026/141",
        )
    assert not CouncilDecision.objects.exists()


def test_a_decision_needs_a_reference_or_a_link_and_a_date_not_in_the_future(approved, coordinator):
    client = _client(coordinator)
    response = client.post(_url(approved), {**FORM, "reference": "", "url": ""})
    assert response.status_code == 200
    assert "Give the decision" in response.content.decode()

    response = client.post(_url(approved), {**FORM, "decided_on": "2026-12-04"})
    assert "not in the future" in response.content.decode()
    assert not CouncilDecision.objects.exists()


def test_every_decision_is_kept_and_the_approved_version_stays_in_force(approved, official_a):
    for outcome, day in (("postponed", 10), ("rejected", 24)):
        services.council_decision_record(
            version=approved,
            by=official_a,
            body="council",
            decided_on=datetime.date(2026, 11, day),
            outcome=outcome,
            url="https://www.sint-truiden.be/besluiten/2026-141",
        )
    assert [d.outcome for d in approved.council_decisions.all()] == ["rejected", "postponed"]
    assert approved.plan.versions.in_force() == approved


def test_the_cover_names_the_approving_official_and_the_council_decision(
    plan_a, coordinator, official_a, trajectory_a
):
    official_a.first_name, official_a.last_name = "Lies", "Vandormael"
    official_a.save(update_fields=["first_name", "last_name"])
    Contact.objects.create(
        trajectory=trajectory_a, name="Lies Vandormael", role="Diensthoofd Jeugd", user=official_a
    )
    # The cover names the official as they were when they approved.
    approved = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    services.council_decision_record(
        version=approved,
        by=official_a,
        body="council",
        decided_on=datetime.date(2026, 11, 24),
        outcome="approved_with_changes",
        reference="GR 2026/141",
    )
    report = Report.objects.create(version=approved, language="en", requested_by=official_a)
    reader = PdfReader(io.BytesIO(reports.render_report_pdf(report).content))
    cover = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))

    assert "Approved by the municipality (Lies Vandormael, Diensthoofd Jeugd) on" in cover
    assert "put before the council" in cover
    assert "24 November 2026: approved with changes" in cover
    assert "GR 2026/141" in cover
    # The full hash is explained at the back, not printed on the cover.
    assert approved.content_hash not in cover
    assert "How to check this document" in text
    assert approved.content_hash in text.replace(" ", "")


def test_the_reports_page_links_to_it_and_the_version_page_lists_it(approved, official_a):
    services.council_decision_record(
        version=approved,
        by=official_a,
        body="college",
        decided_on=datetime.date(2026, 11, 17),
        outcome="postponed",
        reference="CBS 2026/88",
    )
    client = _client(official_a)
    trajectory_pk = approved.plan.trajectory_id
    reports_page = client.get(reverse("actionplans:report_list", args=[trajectory_pk]))
    assert _url(approved) in reports_page.content.decode()
    version_page = client.get(reverse("actionplans:version", args=[trajectory_pk, 1]))
    html = version_page.content.decode()
    assert "Postponed" in html
    assert "CBS 2026/88" in html


def test_a_pdf_made_before_the_decision_is_made_anew_when_asked_for(approved, official_a):
    made = Report.objects.create(
        version=approved,
        language="nl-be",
        requested_by=official_a,
        status=Report.Status.DONE,
        file_hash="0" * 64,
        started_at=TODAY - datetime.timedelta(days=1),
    )
    assert reports.report_request(version=approved, language="nl-be", by=official_a) == (
        made,
        False,
    )
    services.council_decision_record(
        version=approved,
        by=official_a,
        body="council",
        decided_on=datetime.date(2026, 11, 24),
        outcome="approved",
        reference="GR 2026/141",
    )
    report, created = reports.report_request(version=approved, language="nl-be", by=official_a)
    assert created
    assert report != made
