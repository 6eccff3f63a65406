"""Sessions without attendance two school days after they took place are flagged: across all
of a coordinator's municipalities, oldest first, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from execution.models import Session
from execution.records import (
    attendance_due_before,
    missing_attendance_count,
    sessions_missing_attendance,
)
from municipalities.models import Membership
from plus_portal.models import User
from tests.actionplans.factories import ActionFactory
from tests.execution.factories import AttendanceFactory, SessionFactory, StaffPresenceFactory
from tests.factories import MunicipalityFactory, TrajectoryFactory, UserFactory
from tests.staffing.factories import WorkerFactory

MISSING = reverse("followup:missing_attendance")
D = datetime.date


@pytest.fixture
def action(plan_a):
    return plan_a["action"]


def _session(action, day, **kwargs):
    kwargs.setdefault("site", None)
    return SessionFactory(action=action, day=day, **kwargs)


def _flagged(user, today):
    return [session.day for session in sessions_missing_attendance(user, today)]


@pytest.mark.parametrize(
    ("session_day", "not_yet", "flagged_from"),
    [
        # Monday: Tuesday and Wednesday are school days.
        (D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)),
        # Thursday: Friday, then the weekend, then Monday.
        (D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 12)),
        # Friday: the weekend in between, so Tuesday.
        (D(2026, 10, 9), D(2026, 10, 12), D(2026, 10, 13)),
        # Friday before the autumn holiday (2–8 November 2026): Monday and Tuesday after it.
        (D(2026, 10, 30), D(2026, 11, 9), D(2026, 11, 10)),
        # Tuesday before Armistice Day (Wednesday 11 November): Thursday and Friday.
        (D(2026, 11, 10), D(2026, 11, 12), D(2026, 11, 13)),
        # A session in the holiday itself: the first two school days after it.
        (D(2026, 11, 4), D(2026, 11, 9), D(2026, 11, 10)),
    ],
)
def test_two_school_days_after_the_session(coordinator, action, session_day, not_yet, flagged_from):
    _session(action, session_day)
    assert _flagged(coordinator, session_day) == []
    assert _flagged(coordinator, not_yet) == []
    assert _flagged(coordinator, flagged_from) == [session_day]
    assert missing_attendance_count(coordinator, flagged_from) == 1


def test_the_deadline_skips_weekends_and_holidays():
    assert attendance_due_before(D(2026, 10, 7)) == D(2026, 10, 6)
    assert attendance_due_before(D(2026, 11, 10)) == D(2026, 11, 9)
    assert attendance_due_before(D(2026, 11, 9)) == D(2026, 10, 30)
    # On a Sunday, the last two school days are Thursday and Friday.
    assert attendance_due_before(D(2026, 10, 11)) == D(2026, 10, 8)


def test_recorded_and_cancelled_sessions_are_not_flagged(coordinator, action):
    AttendanceFactory(session=_session(action, D(2026, 10, 5)))
    _session(action, D(2026, 10, 6), status=Session.Status.CANCELLED, change_reason="Staking")
    late = _session(action, D(2026, 10, 7))
    assert [s.pk for s in sessions_missing_attendance(coordinator, D(2026, 10, 20))] == [late.pk]


def test_a_moved_session_counts_from_its_new_date(coordinator, action):
    moved = SessionFactory(action=action, site=None, planned_on=D(2026, 10, 5), day=D(2026, 10, 14))
    assert _flagged(coordinator, D(2026, 10, 15)) == []
    assert _flagged(coordinator, D(2026, 10, 16)) == [moved.day]


def _municipality_with_session(coordinator, number, day):
    municipality = MunicipalityFactory(
        nis_code=f"{46000 + number}", name_nl=f"Gemeente {number:03d}"
    )
    Membership.objects.create(user=coordinator, municipality=municipality)
    trajectory = TrajectoryFactory(municipality=municipality)
    action = ActionFactory(action_plan__objective__plan__trajectory=trajectory)
    return _session(action, day)


def test_every_municipality_of_the_coordinator_grouped_and_oldest_first(
    coordinator_client, coordinator, action, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 10, 20, 9, tzinfo=datetime.UTC), tick=False)
    coordinator_client.cookies["django_language"] = "en"
    later = _municipality_with_session(coordinator, 2, D(2026, 10, 8))
    earlier = _municipality_with_session(coordinator, 1, D(2026, 10, 9))
    _session(action, D(2026, 10, 12))
    _session(action, D(2026, 10, 5))
    outside = MunicipalityFactory(nis_code="46999", name_nl="Elders")
    _session(
        ActionFactory(
            action_plan__objective__plan__trajectory=TrajectoryFactory(municipality=outside)
        ),
        D(2026, 10, 5),
    )
    response = coordinator_client.get(MISSING)
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [str(municipality) for municipality, _rows in groups] == [
        "Gemeente 001",
        "Gemeente 002",
        "Sint-Truiden",
    ]
    assert [session.pk for session, _url in groups[0][1]] == [earlier.pk]
    assert [session.day for session, _url in groups[2][1]] == [D(2026, 10, 5), D(2026, 10, 12)]
    assert later.pk in {session.pk for session, _url in groups[1][1]}
    page = response.content.decode()
    assert "Elders" not in page
    assert "4 sessions without attendance." in page


def test_each_session_links_to_its_attendance_form(coordinator_client, action, time_machine):
    from django.urls import NoReverseMatch

    time_machine.move_to(datetime.datetime(2026, 10, 20, 9, tzinfo=datetime.UTC), tick=False)
    session = _session(action, D(2026, 10, 5))
    ((_municipality, [(_session_row, url)]),) = coordinator_client.get(MISSING).context["groups"]
    try:
        expected = reverse("today:attendance", kwargs={"pk": session.pk})
    except NoReverseMatch:
        expected = None
    assert url == expected


def test_an_official_sees_their_municipalitys_sessions(official_a, official_b, action):
    _session(action, D(2026, 10, 5))
    assert _flagged(official_a, D(2026, 10, 20)) == [D(2026, 10, 5)]
    assert _flagged(official_b, D(2026, 10, 20)) == []
    assert missing_attendance_count(official_b, D(2026, 10, 20)) == 0


def test_a_bridge_figure_sees_only_the_sessions_they_are_on(action):
    worker = WorkerFactory()
    account = UserFactory(username="ahmed", role=User.Role.BRIDGE_FIGURE)
    worker.account = account
    worker.save(update_fields=["account"])
    theirs = _session(action, D(2026, 10, 5))
    StaffPresenceFactory(session=theirs, worker=worker)
    StaffPresenceFactory(session=theirs, worker=WorkerFactory())
    _session(action, D(2026, 10, 6))
    assert _flagged(account, D(2026, 10, 20)) == [theirs.day]
    assert missing_attendance_count(account, D(2026, 10, 20)) == 1


def _add(coordinator, municipalities, sessions_each, *, first_number=100):
    for number in range(first_number, first_number + municipalities):
        first = _municipality_with_session(coordinator, number, D(2026, 9, 7))
        Session.objects.bulk_create(
            Session(
                trajectory=first.trajectory,
                action=first.action,
                place_key="central",
                slot=first.slot,
                planned_on=D(2026, 9, 8) + datetime.timedelta(days=day),
                day=D(2026, 9, 8) + datetime.timedelta(days=day),
            )
            for day in range(sessions_each - 1)
        )


def test_the_list_runs_a_fixed_number_of_queries(
    coordinator_client, coordinator, time_machine, django_assert_num_queries
):
    time_machine.move_to(datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC), tick=False)
    _add(coordinator, 3, 4)
    with CaptureQueriesContext(connection) as few:
        response = coordinator_client.get(MISSING)
    assert response.context["count"] == 12
    _add(coordinator, 27, 18, first_number=200)
    with django_assert_num_queries(len(few)):
        response = coordinator_client.get(MISSING)
    assert len(response.context["groups"]) == 30
    assert response.context["count"] == 12 + 27 * 18


def test_the_count_is_one_query(coordinator, django_assert_num_queries):
    _add(coordinator, 3, 5)
    with django_assert_num_queries(1):
        assert missing_attendance_count(coordinator, D(2027, 3, 1)) == 15
