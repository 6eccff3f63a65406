"""Asking for a progress report on the page: a school year or calendar year of the cycle, in
Dutch or English; coordinators ask, officials read."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2027, 3, 15, 10, tzinfo=datetime.UTC), tick=False):
        yield


def _post(user, trajectory, data):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.post(reverse("progress_reports:request", args=[trajectory.pk]), data)


def test_a_coordinator_asks_for_a_school_year(coordinator, plan_a, trajectory_a):
    response = _post(
        coordinator, trajectory_a, {"kind": "school_year", "year": "2026", "language": "nl-be"}
    )
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse(
        "progress_reports:detail", args=[trajectory_a.pk, report.pk]
    )
    assert (report.period_start, report.period_end) == (
        datetime.date(2026, 9, 1),
        datetime.date(2027, 8, 31),
    )
    assert (report.status, report.language, report.requested_by) == ("queued", "nl-be", coordinator)


def test_a_year_outside_the_cycle_is_refused(coordinator, plan_a, trajectory_a):
    response = _post(
        coordinator, trajectory_a, {"kind": "calendar_year", "year": "1999", "language": "en"}
    )
    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_a_period_not_started_is_explained(coordinator, plan_a, trajectory_a):
    response = _post(
        coordinator, trajectory_a, {"kind": "school_year", "year": "2027", "language": "en"}
    )
    assert response.status_code == 400
    assert "This period has not started yet." in response.content.decode()


def test_an_official_cannot_ask(official_a, plan_a, trajectory_a):
    response = _post(
        official_a, trajectory_a, {"kind": "school_year", "year": "2026", "language": "en"}
    )
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_the_form_proposes_the_school_year_under_way(coordinator, trajectory_a):
    from monitoring.report_forms import ProgressReportRequestForm

    form = ProgressReportRequestForm(trajectory=trajectory_a)

    assert form["year"].initial == 2026  # 15 March 2027 lies in 2026–2027
