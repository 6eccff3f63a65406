"""Attendance and enrolments of a period as XLSX and CSV: one row per session and per count,
for coordinators and officials of the municipality; bad periods answer a message, never 500."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from execution.models import Session, StaffPresence
from tests.actionplans.factories import ActionFactory
from tests.execution.factories import (
    AttendanceFactory,
    EnrolmentFactory,
    SessionFactory,
    StaffPresenceFactory,
)
from tests.factories import TrajectoryFactory
from tests.staffing.factories import WorkerFactory

PERIOD = {"from": "2026-10-01", "to": "2026-10-31"}


def _url(trajectory, kind="attendance", fmt="xlsx"):
    name = "records:attendance_export" if kind == "attendance" else "records:enrolment_export"
    return reverse(name, kwargs={"trajectory_pk": trajectory.pk, "fmt": fmt})


def _xlsx_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _csv_rows(response):
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def sessions(plan_a, intake_a):
    action = plan_a["action"]
    site = intake_a["site"]
    held = SessionFactory(action=action, site=site, day=datetime.date(2026, 10, 5))
    AttendanceFactory(
        session=held,
        children_5_10=12,
        vulnerable_5_10=3,
        children_11_15=4,
        vulnerable_11_15=1,
        partner=intake_a["leisure-actors"],
        activity="=Knutselen",
    )
    StaffPresenceFactory(session=held, worker=WorkerFactory())
    StaffPresenceFactory(
        session=held, worker=WorkerFactory(), status=StaffPresence.Status.REPLACEMENT
    )
    StaffPresenceFactory(session=held, worker=WorkerFactory(), status=StaffPresence.Status.ABSENT)
    missing = SessionFactory(action=action, site=None, day=datetime.date(2026, 10, 6))
    cancelled = SessionFactory(
        action=action,
        site=site,
        day=datetime.date(2026, 10, 7),
        status=Session.Status.CANCELLED,
        change_reason="Staking",
    )
    SessionFactory(action=action, site=site, day=datetime.date(2026, 11, 3))  # outside
    SessionFactory(action=ActionFactory(), day=datetime.date(2026, 10, 5))  # elsewhere
    return held, missing, cancelled


def test_attendance_as_xlsx_one_row_per_session(coordinator_client, trajectory_a, sessions):
    coordinator_client.cookies["django_language"] = "en"
    rows = _xlsx_rows(coordinator_client.get(_url(trajectory_a), PERIOD))
    header, *body = rows
    assert header[:3] == ["Date", "Municipality", "Action code"]
    assert len(header) == 17
    assert len(body) == 3
    held, missing, cancelled = body
    assert held[0].date() == datetime.date(2026, 10, 5)
    assert held[1:3] == ["Sint-Truiden", "A1.1.1"]
    assert held[3] == "Naschoolse opvang in Velm"
    assert held[4] == "Vrije Basisschool Sint-Jozef – 1"
    assert held[5:10] == ["After school", "after_school", "15:30", "18:00", "Held"]
    assert held[10:15] == [12, 3, 4, 1, 2]
    assert held[15] == "Chiro Velm"
    assert held[16] == "'=Knutselen"  # never run as a formula
    assert missing[9] == "Attendance missing"
    assert missing[10:14] == [None, None, None, None]
    assert missing[4] == "Central site"
    assert cancelled[9] == "Cancelled"


def test_attendance_as_csv(official_a_client, trajectory_a, sessions):
    official_a_client.cookies["django_language"] = "en"
    rows = _csv_rows(official_a_client.get(_url(trajectory_a, fmt="csv"), PERIOD))
    assert len(rows) == 4
    assert rows[1][0] == "05/10/2026"
    assert rows[1][10:15] == ["12", "3", "4", "1", "2"]
    assert rows[2][10:14] == ["", "", "", ""]


def test_enrolments_of_the_terms_in_the_period(coordinator_client, trajectory_a, intake_a):
    coordinator_client.cookies["django_language"] = "en"
    site = intake_a["site"]
    EnrolmentFactory(trajectory=trajectory_a, site=site, term="autumn", children=30, vulnerable=9)
    EnrolmentFactory(trajectory=trajectory_a, site=None, age_group="11-15", term="autumn")
    EnrolmentFactory(trajectory=trajectory_a, site=site, term="winter")  # from Christmas on
    EnrolmentFactory(trajectory=trajectory_a, site=site, term="spring", school_year=2025)
    EnrolmentFactory(trajectory=TrajectoryFactory(), term="autumn")
    header, *body = _xlsx_rows(coordinator_client.get(_url(trajectory_a, "enrolments"), PERIOD))
    assert header == [
        "School year",
        "Term",
        "Term (code)",
        "Municipality",
        "Place",
        "Age group",
        "Children enrolled",
        "Of whom from vulnerable families",
    ]
    assert len(body) == 2
    assert body[0][:3] == ["2026–2027", "September to Christmas", "autumn"]
    assert {(row[4], row[6], row[7]) for row in body} == {
        ("Vrije Basisschool Sint-Jozef – 1", 30, 9),
        ("Central site", 20, 5),
    }
    csv_rows = _csv_rows(coordinator_client.get(_url(trajectory_a, "enrolments", "csv"), PERIOD))
    assert len(csv_rows) == 3


def test_a_period_across_school_years_takes_the_terms_of_both(coordinator_client, trajectory_a):
    EnrolmentFactory(trajectory=trajectory_a, term="summer", school_year=2025)
    EnrolmentFactory(trajectory=trajectory_a, term="autumn", school_year=2026)
    EnrolmentFactory(trajectory=trajectory_a, term="winter", school_year=2026)
    period = {"from": "2026-08-01", "to": "2026-09-30"}
    rows = _csv_rows(coordinator_client.get(_url(trajectory_a, "enrolments", "csv"), period))
    assert [row[2] for row in rows[1:]] == ["summer", "autumn"]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"from": "abc", "to": "2026-10-31"}, "Enter a valid date."),
        ({"from": "2026-10-31"}, "This field is required."),
        ({"from": "2026-10-31", "to": "2026-10-01"}, "The period ends before it starts."),
        ({"from": "2024-01-01", "to": "2026-10-31"}, "Choose a period of at most two years."),
        ({"from": "1900-01-01", "to": "1900-02-01"}, "Choose dates within the school calendar."),
        ({"from": "99999-01-01", "to": ""}, "Enter a valid date."),
    ],
)
@pytest.mark.parametrize("kind", ["attendance", "enrolments"])
def test_a_bad_period_answers_a_clear_message(
    coordinator_client, trajectory_a, period, message, kind
):
    coordinator_client.cookies["django_language"] = "en"
    response = coordinator_client.get(_url(trajectory_a, kind), period)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_without_a_period_the_school_year_so_far(coordinator_client, trajectory_a, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False)
    response = coordinator_client.get(_url(trajectory_a, fmt="csv"))
    assert response.status_code == 200
    assert "20260901-20261120" in response["Content-Disposition"]


def test_the_export_page_offers_both_files(official_a_client, trajectory_a):
    response = official_a_client.get(
        reverse("records:export", kwargs={"trajectory_pk": trajectory_a.pk})
    )
    assert response.status_code == 200
    page = response.content.decode()
    for kind in ("attendance", "enrolments"):
        for fmt in ("xlsx", "csv"):
            assert _url(trajectory_a, kind, fmt) in page


@pytest.mark.parametrize("kind", ["attendance", "enrolments"])
def test_another_municipality_gets_404(
    official_b_client, coordinator_b, client, trajectory_a, kind
):
    assert official_b_client.get(_url(trajectory_a, kind), PERIOD).status_code == 404
    client.force_login(coordinator_b)
    assert client.get(_url(trajectory_a, kind, "csv"), PERIOD).status_code == 404


def test_the_attendance_export_runs_a_fixed_number_of_queries(
    coordinator_client, trajectory_a, plan_a, django_assert_num_queries
):
    action = plan_a["action"]

    def add(days, first):
        for offset in range(days):
            session = SessionFactory(
                action=action, site=None, day=datetime.date(2026, 10, first + offset)
            )
            AttendanceFactory(session=session)
            StaffPresenceFactory(session=session)

    add(2, 1)
    with CaptureQueriesContext(connection) as few:
        assert len(_csv_rows(coordinator_client.get(_url(trajectory_a, fmt="csv"), PERIOD))) == 3
    add(25, 3)
    with django_assert_num_queries(len(few)):
        rows = _xlsx_rows(coordinator_client.get(_url(trajectory_a), PERIOD))
    assert len(rows) == 28
