"""Execution status per action of the plan in force: transitions, reasons, notes, history, and
the trajectory moving to execution with the first record."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from actionplans import services as plan_services
from actionplans.models import Action
from execution import progress
from execution.models import ActionProgress, ExecutionStatus, ProgressNote
from municipalities.models import PhaseChange, Trajectory

pytestmark = pytest.mark.django_db

S = ExecutionStatus
TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def in_force(plan_a, coordinator, official_a):
    version = plan_services.plan_submit(plan=plan_a["plan"], by=coordinator)
    plan_services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return version


@pytest.fixture
def action(in_force, plan_a):
    return plan_a["action"]


def _update(action, by, status, progress_=0, reason=""):
    return progress.action_progress_update(
        action=action, status=status, progress=progress_, reason=reason, by=by
    )


@pytest.mark.parametrize(
    ("steps", "allowed"),
    [
        ([S.STARTED], True),
        ([S.STARTED, S.ON_HOLD, S.STARTED, S.DONE], True),
        ([S.DONE, S.STARTED], True),  # reopened
        ([S.STARTED, S.PLANNED], False),
        ([S.DONE, S.ON_HOLD], False),
        ([S.DONE, S.DROPPED], False),
        ([S.DROPPED, S.DONE], False),
        ([S.DROPPED, S.PLANNED], True),  # taken up again
    ],
)
def test_status_transitions(action, coordinator, steps, allowed):
    *before, last = steps
    for status in before:
        _update(action, coordinator, status, reason="Geen begeleiding")
    if allowed:
        _update(action, coordinator, last, reason="Geen begeleiding")
        assert ActionProgress.objects.get(action=action).status == last
    else:
        with pytest.raises(ValidationError) as refused:
            _update(action, coordinator, last, reason="Geen begeleiding")
        assert "status" in refused.value.message_dict
        assert ActionProgress.objects.get(action=action).status == before[-1]


def test_a_dropped_action_needs_a_reason(action, coordinator, in_english):
    with pytest.raises(ValidationError) as refused:
        _update(action, coordinator, S.DROPPED, reason="  ")
    assert "Say why the action was dropped." in str(refused.value)
    assert not ActionProgress.objects.filter(action=action).exists()
    _update(action, coordinator, S.DROPPED, reason="Geen lokaal meer")
    assert ActionProgress.objects.get(action=action).reason == "Geen lokaal meer"


def test_a_reason_is_kept_on_hold_and_cleared_when_work_resumes(action, coordinator):
    _update(action, coordinator, S.ON_HOLD, 30, reason="Wachten op de sporthal")
    assert ActionProgress.objects.get(action=action).reason == "Wachten op de sporthal"
    _update(action, coordinator, S.STARTED, 40, reason="Wachten op de sporthal")
    record = ActionProgress.objects.get(action=action)
    assert (record.status, record.progress, record.reason) == (S.STARTED, 40, "")


def test_done_means_all_of_it(action, coordinator):
    _update(action, coordinator, S.DONE, 70)
    assert ActionProgress.objects.get(action=action).progress == 100


def test_progress_is_at_most_100(action, coordinator):
    with pytest.raises(ValidationError):
        _update(action, coordinator, S.STARTED, 120)


def test_history_records_who_changed_what(action, coordinator):
    _update(action, coordinator, S.STARTED, 10)
    _update(action, coordinator, S.STARTED, 35)
    record = ActionProgress.objects.get(action=action)
    rows = list(record.history.order_by("history_date"))
    assert [(row.history_type, row.progress, row.history_user) for row in rows] == [
        ("+", 10, coordinator),
        ("~", 35, coordinator),
    ]
    note = progress.progress_note_add(
        action=action, day=datetime.date(2026, 12, 1), text="Eerste week", by=coordinator
    )
    assert note.history.get().history_user == coordinator


def test_a_note_is_dated_and_not_in_the_future(action, coordinator):
    with pytest.raises(ValidationError) as refused:
        progress.progress_note_add(
            action=action, day=datetime.date(2026, 12, 4), text="Morgen", by=coordinator
        )
    assert "day" in refused.value.message_dict
    with pytest.raises(ValidationError):
        progress.progress_note_add(
            action=action, day=datetime.date(2026, 12, 1), text="   ", by=coordinator
        )
    assert not ProgressNote.objects.exists()


def test_status_and_note_are_saved_together_or_not_at_all(action, coordinator):
    with pytest.raises(ValidationError):
        progress.action_execution_record(
            action=action,
            status=S.STARTED,
            progress=20,
            text="Morgen gaan we van start",
            day=datetime.date(2027, 1, 1),
            by=coordinator,
        )
    assert not ActionProgress.objects.exists()
    assert not ProgressNote.objects.exists()


def test_the_first_record_moves_the_trajectory_to_execution(action, trajectory_a, coordinator):
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.APPROVED
    _update(action, coordinator, S.PLANNED, 0)  # nothing happened yet
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.APPROVED
    _update(action, coordinator, S.STARTED, 5)
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.EXECUTION
    change = PhaseChange.objects.filter(trajectory=trajectory_a).latest("pk")
    assert (change.trigger, change.changed_by) == (
        PhaseChange.Trigger.EXECUTION_STARTED,
        coordinator,
    )
    _update(action, coordinator, S.STARTED, 15)
    assert PhaseChange.objects.filter(trajectory=trajectory_a, phase="execution").count() == 1


def test_no_execution_without_a_plan_in_force(plan_a, coordinator, in_english):
    plan_services.plan_submit(plan=plan_a["plan"], by=coordinator)  # in review only
    with pytest.raises(ValidationError) as refused:
        _update(plan_a["action"], coordinator, S.STARTED, 5)
    assert "not in the plan in force" in str(refused.value)
    assert not ActionProgress.objects.exists()


def test_an_action_added_in_an_amendment_waits_for_its_approval(
    action, plan_a, coordinator, official_a
):
    plan_services.plan_amend(plan=plan_a["plan"], reason="Extra actie", by=coordinator)
    added = plan_services.part_add(Action(action_plan=plan_a["action_plan"], title="Zomerkamp"))
    with pytest.raises(ValidationError):
        _update(added, coordinator, S.STARTED, 5)
    _update(action, coordinator, S.STARTED, 5)  # the action in force goes on meanwhile
    plan_services.plan_submit(plan=plan_a["plan"], by=coordinator)
    plan_services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    _update(added, coordinator, S.STARTED, 5)
    # The record of the action in force survived the new version: actions keep their identity.
    assert ActionProgress.objects.get(action=action).status == S.STARTED


def test_an_action_removed_in_the_amendment_stays_in_force_until_approval(
    action, plan_a, trajectory_a, coordinator
):
    plan_services.plan_amend(plan=plan_a["plan"], reason="Weg ermee", by=coordinator)
    plan_services.part_remove(action)
    _update(action, coordinator, S.ON_HOLD, 5, reason="Wordt geschrapt")
    _version, rows = progress.progress_overview(trajectory_a)
    assert [(row.action.id, row.status, row.is_removed_in_draft) for row in rows] == [
        (action.pk, S.ON_HOLD, True)
    ]
