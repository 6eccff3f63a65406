"""Recording a session's attendance: once per submission, counts only, never ahead of time."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError

from execution.attendance import attendance_record
from execution.models import Attendance, Session, StaffPresence
from municipalities.models import LeisureActor, Trajectory
from tests.execution import test_attendance_fixtures as data
from tests.execution.factories import AttendanceFactory, SessionFactory

MONDAY = data.MONDAY
on_monday, session_a = data.on_monday, data.session_a

COUNTS = {"children_5_10": 12, "vulnerable_5_10": 3, "children_11_15": 0, "vulnerable_11_15": 0}


def _record(session, by, key=None, **options):
    options.setdefault("counts", COUNTS)
    return attendance_record(session=session, by=by, submission_key=key or uuid.uuid4(), **options)


def test_the_same_submission_sent_twice_is_stored_once(session_a, coordinator):
    key = uuid.uuid4()
    first = _record(session_a, coordinator, key)
    again = _record(session_a, coordinator, key, counts={**COUNTS, "children_5_10": 30})

    assert again.pk == first.pk
    assert Attendance.objects.filter(session=session_a).count() == 1
    assert first.history.count() == 1
    again.refresh_from_db()
    assert again.children_5_10 == 12


def test_a_correction_with_a_new_key_updates_the_counts_and_history_keeps_the_old(
    session_a, coordinator
):
    _record(session_a, coordinator)
    corrected = _record(session_a, coordinator, counts={**COUNTS, "children_5_10": 15})

    corrected.refresh_from_db()
    assert corrected.children_5_10 == 15
    assert Attendance.objects.count() == 1
    assert [h.children_5_10 for h in corrected.history.order_by("history_date")] == [12, 15]


def test_a_late_copy_of_an_old_form_does_not_undo_a_correction(session_a, coordinator):
    old_key = uuid.uuid4()
    _record(session_a, coordinator, old_key)
    _record(session_a, coordinator, counts={**COUNTS, "children_5_10": 15})

    stored = _record(session_a, coordinator, old_key)
    stored.refresh_from_db()
    assert stored.children_5_10 == 15
    assert stored.history.count() == 2


def test_a_key_used_for_another_session_is_refused(session_a, coordinator, plan_a):
    key = uuid.uuid4()
    _record(session_a, coordinator, key)
    other = SessionFactory(action=plan_a["action"], day=MONDAY, slot="flexible")
    with pytest.raises(ValidationError):
        _record(other, coordinator, key)


@pytest.mark.parametrize(
    "counts",
    [
        {"children_5_10": 3, "vulnerable_5_10": 4},
        {"children_11_15": 2, "vulnerable_11_15": 5},
        {"children_5_10": -1},
    ],
)
def test_counts_that_cannot_be_are_refused(session_a, coordinator, counts):
    with pytest.raises(ValidationError):
        _record(session_a, coordinator, counts=counts)
    assert not Attendance.objects.exists()


def test_a_cancelled_session_has_no_attendance(session_a, coordinator, in_english):
    Session.objects.filter(pk=session_a.pk).update(status="cancelled", change_reason="Storm")
    with pytest.raises(ValidationError, match="cancelled"):
        _record(session_a, coordinator)


def test_a_session_in_the_future_waits_for_its_day(plan_a, coordinator, on_monday, in_english):
    tomorrow = SessionFactory(action=plan_a["action"], day=MONDAY + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="not taken place yet"):
        _record(tomorrow, coordinator)


def test_the_partner_is_a_leisure_actor_of_the_municipality(
    session_a, coordinator, intake_a, trajectory_b
):
    own = intake_a["leisure-actors"]
    stored = _record(session_a, coordinator, partner=own, activity=" Knutselen ")
    assert (stored.partner, stored.activity) == (own, "Knutselen")

    elsewhere = LeisureActor.objects.create(
        trajectory=trajectory_b, name="KSA Tienen", kind=own.kind
    )
    with pytest.raises(ValidationError):
        _record(session_a, coordinator, partner=elsewhere)


def test_the_first_attendance_starts_the_execution_phase(session_a, coordinator):
    Trajectory.objects.filter(pk=session_a.trajectory_id).update(phase="approved")
    _record(session_a, coordinator)
    session_a.trajectory.refresh_from_db()
    assert session_a.trajectory.phase == Trajectory.Phase.EXECUTION
    change = session_a.trajectory.phase_changes.latest("pk")
    assert (change.trigger, change.changed_by) == ("execution_started", coordinator)


def test_later_attendance_leaves_the_phase_alone(session_a, coordinator, plan_a):
    AttendanceFactory(session=SessionFactory(action=plan_a["action"], day=MONDAY, slot="flexible"))
    Trajectory.objects.filter(pk=session_a.trajectory_id).update(phase="approved")
    _record(session_a, coordinator)
    session_a.trajectory.refresh_from_db()
    assert session_a.trajectory.phase == Trajectory.Phase.APPROVED


def test_staff_marked_absent_and_a_replacement_added(
    session_a, coordinator, trajectory_a, intake_a
):
    from staffing.models import Placement
    from tests.staffing.factories import WorkerFactory

    placed = StaffPresence.objects.get(session=session_a)
    stand_in = WorkerFactory(first_name="Lotte", last_name="Peeters")
    Placement.objects.create(
        worker=stand_in,
        trajectory=trajectory_a,
        site=intake_a["site"],
        starts_on=datetime.date(2026, 9, 1),
        hours_per_week=8,
    )
    _record(
        session_a, coordinator, present_staff=set(), replacement=stand_in, replaces=placed.worker
    )

    placed.refresh_from_db()
    assert placed.status == StaffPresence.Status.ABSENT
    replacement = StaffPresence.objects.get(session=session_a, worker=stand_in)
    assert (replacement.status, replacement.replaces) == ("replacement", placed.worker)
    assert placed.history.count() == 2


def test_a_replacement_must_be_placed_in_the_municipality(session_a, coordinator):
    from tests.staffing.factories import WorkerFactory

    with pytest.raises(ValidationError):
        _record(session_a, coordinator, replacement=WorkerFactory())
    assert not Attendance.objects.exists()
