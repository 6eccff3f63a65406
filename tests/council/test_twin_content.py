"""The twin says what the PDF says: the frozen snapshot's objectives and money, in the
document's language, the fingerprint in the colophon; a later change to the plan or the
period changes nothing in it."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actionplans.models import Objective, Report
from actionplans.snapshots import Snapshot
from monitoring import reports
from plus_portal.templatetags.portal import euro
from tests.council.conftest import TWINS_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_twins_day")]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _version_url(version, **query) -> str:
    url = reverse(
        "council_twin:version",
        kwargs={"trajectory_pk": version.plan.trajectory_id, "number": version.number},
    )
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_twin_shows_the_snapshots_objectives_and_money(version, official_a):
    text = _text(_client(official_a).get(_version_url(version)))
    snapshot = Snapshot.from_data(version.snapshot)
    with translation.override("nl-be"):
        budget, funding = euro(snapshot.totals.budget), euro(snapshot.totals.funding)
    for objective in snapshot.objectives:
        assert f"{objective.code} {objective.title}" in text
        for action_plan in objective.action_plans:
            assert f"{action_plan.code} {action_plan.title}" in text
            for action in action_plan.actions:
                assert f"{action.code} {action.title}" in text
    assert f'<strong class="twin-total-budget">{budget}</strong>' in text
    assert f'<strong class="twin-total-funding">{funding}</strong>' in text
    assert "€ 18.500,00" in text  # the Belgian format of the Dutch document
    assert version.content_hash in text
    assert "PLUS-actieplan Sint-Truiden" in text
    # The cover's approver, as the PDF prints it.
    assert version.decisions.get().decided_by_name in text


def test_a_later_change_to_the_plan_changes_nothing_in_the_twin(version, plan_a, official_a):
    client = _client(official_a)
    before = _text(client.get(_version_url(version)))
    Objective.objects.filter(pk=plan_a["objective"].pk).update(title="Een nieuwe titel")
    after = _text(client.get(_version_url(version)))
    assert "Een nieuwe titel" not in after
    assert "Elk kind een plek na school" in after
    assert before == after


def test_the_twin_is_read_in_the_language_asked_for(version, official_a):
    client = _client(official_a)
    english = client.get(_version_url(version, lang="en"))
    text = _text(english)
    assert '<html lang="en">' in text
    assert english["Content-Language"] == "en"
    assert "The plan in BBC structure" in text
    with translation.override("en"):
        budget = euro(Snapshot.from_data(version.snapshot).totals.budget)
    assert f'<strong class="twin-total-budget">{budget}</strong>' in text
    # Any other language falls back to the document's own.
    assert '<html lang="nl-BE">' in _text(client.get(_version_url(version, lang="xx")))


def test_the_signed_in_twin_links_the_finished_pdf(version, official_a, settings):
    client = _client(official_a)
    assert "/download/" not in _text(client.get(_version_url(version)))
    report = Report.objects.create(
        version=version, language=settings.LANGUAGE_CODE, requested_by=official_a
    )
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE, file="reports/x.pdf", file_hash="f" * 64, finished_at=TWINS_DAY
    )
    download = reverse(
        "actionplans:report_download",
        kwargs={"trajectory_pk": version.plan.trajectory_id, "report_id": report.pk},
    )
    assert f'href="{download}"' in _text(client.get(_version_url(version)))


def test_the_report_twin_reads_the_reports_snapshot(version, trajectory_a, coordinator):
    report = reports.progress_report_request(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2027, 8, 31),
        language="en",
        by=coordinator,
    )
    url = reverse("council_twin:report", kwargs={"trajectory_pk": trajectory_a.pk, "pk": report.pk})
    response = _client(coordinator).get(url)
    text = _text(response)
    assert '<html lang="en">' in text
    assert "Progress report Sint-Truiden, school year 2026–2027" in text
    assert report.content_hash in text
    for objective in report.snapshot["progress"]:
        assert f"{objective['code']} {objective['title']}" in text
    # No PDF yet, so no download link.
    assert "/download/" not in text
    # The period's live data changing later changes nothing.
    Objective.objects.filter(plan__trajectory=trajectory_a).update(title="Later hernoemd")
    assert "Later hernoemd" not in _text(_client(coordinator).get(url))
