"""The phase follows the work, through the services that do it: forward by itself, back
only where the work itself goes back, and every move in the history on the trajectory page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from actionplans import services as plans
from actionplans.models import Decision, Objective
from municipalities.models import ChildrenCount, PhaseChange, Trajectory
from municipalities.services import trajectory_change_phase, trajectory_follow_work
from swot import services as swot
from swot.models import SwotItem
from tests.factories import UserFactory
from tests.municipalities.factories import CareProviderFactory

P = Trajectory.Phase
T = PhaseChange.Trigger


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC), tick=False):
        yield


def _history(trajectory):
    return [
        (change.from_phase, change.phase, change.trigger, change.changed_by)
        for change in trajectory.phase_changes.all()
    ]


def _add_item(trajectory, by, statement="Geen opvang op woensdag"):
    analysis = trajectory.swot_analyses.filter(is_current=True).first() or swot.analysis_start(
        trajectory=trajectory
    )
    return swot.item_add(
        item=SwotItem(
            analysis=analysis,
            quadrant="W",
            theme="childcare",
            statement=statement,
            age_groups=["5-10"],
        ),
        by=by,
    )


def _plan(trajectory):
    plan = plans.plan_create(trajectory=trajectory, title="PLUS-actieplan")
    plans.part_add(Objective(plan=plan, title="Elk kind een plek na school"))
    return plan


def _phase(trajectory):
    trajectory.refresh_from_db()
    return trajectory.phase


def test_the_phase_follows_the_work_from_intake_to_approved(coordinator, official_a, trajectory_a):
    assert _phase(trajectory_a) == P.INTAKE

    _add_item(trajectory_a, coordinator)
    assert _phase(trajectory_a) == P.SWOT
    plan = _plan(trajectory_a)
    assert _phase(trajectory_a) == P.PLANNING
    plans.plan_submit(plan=plan, by=coordinator)
    assert _phase(trajectory_a) == P.REVIEW
    plans.plan_decide(
        plan=plan, outcome=Decision.Outcome.CHANGES_REQUESTED, reason="Paasvakantie?", by=official_a
    )
    assert _phase(trajectory_a) == P.PLANNING
    plans.plan_submit(plan=plan, by=coordinator)
    assert _phase(trajectory_a) == P.REVIEW
    plans.plan_decide(plan=plan, outcome=Decision.Outcome.APPROVED, reason="", by=official_a)
    assert _phase(trajectory_a) == P.APPROVED

    assert _history(trajectory_a) == [
        (P.INTAKE, P.SWOT, T.SWOT_STARTED, coordinator),
        # plan_create is not told who started the plan.
        (P.SWOT, P.PLANNING, T.PLAN_STARTED, None),
        (P.PLANNING, P.REVIEW, T.PLAN_SUBMITTED, coordinator),
        (P.REVIEW, P.PLANNING, T.CHANGES_REQUESTED, official_a),
        (P.PLANNING, P.REVIEW, T.PLAN_SUBMITTED, coordinator),
        (P.REVIEW, P.APPROVED, T.PLAN_APPROVED, official_a),
    ]
    assert trajectory_a.phase_started_on == datetime.date(2026, 11, 25)


def test_the_first_execution_record_starts_the_execution(coordinator, trajectory_a):
    trajectory_change_phase(
        trajectory=trajectory_a,
        phase=P.SWOT,
        started_on=datetime.date(2026, 11, 25),
        reason="x",
        by=coordinator,
    )
    Trajectory.objects.filter(pk=trajectory_a.pk).update(phase=P.APPROVED)
    trajectory_a.refresh_from_db()

    change = trajectory_follow_work(trajectory=trajectory_a, trigger=T.EXECUTION_STARTED, by=None)

    assert (change.from_phase, change.phase) == (P.APPROVED, P.EXECUTION)
    assert _phase(trajectory_a) == P.EXECUTION
    # A second record changes nothing.
    assert (
        trajectory_follow_work(trajectory=trajectory_a, trigger=T.EXECUTION_STARTED, by=None)
        is None
    )


def test_an_accepted_suggestion_starts_the_swot_too(coordinator, trajectory_a):
    # Few care places (40 per 1000 children): the care-per-100 indicator suggests a weakness.
    ChildrenCount.objects.create(trajectory=trajectory_a, age_group="5-10", children=1000)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=40)
    analysis = swot.analysis_start(trajectory=trajectory_a)

    swot.suggestion_accept(analysis=analysis, key="care-per-100:5-10", by=coordinator)

    assert _history(trajectory_a) == [(P.INTAKE, P.SWOT, T.SWOT_STARTED, coordinator)]


def test_more_swot_items_record_nothing_more(coordinator, trajectory_a):
    _add_item(trajectory_a, coordinator)
    _add_item(trajectory_a, coordinator, statement="Weinig aanbod voor tieners")

    assert _history(trajectory_a) == [(P.INTAKE, P.SWOT, T.SWOT_STARTED, coordinator)]


def test_a_plan_started_during_the_intake_passes_the_swot_by(trajectory_a):
    _plan(trajectory_a)

    assert _history(trajectory_a) == [(P.INTAKE, P.PLANNING, T.PLAN_STARTED, None)]


@pytest.mark.parametrize("reached", [P.PLANNING, P.REVIEW, P.APPROVED, P.EXECUTION])
def test_a_swot_item_never_moves_a_trajectory_back(coordinator, trajectory_a, reached):
    Trajectory.objects.filter(pk=trajectory_a.pk).update(phase=reached)

    _add_item(trajectory_a, coordinator)

    assert _phase(trajectory_a) == reached
    assert not PhaseChange.objects.exists()


def test_a_plan_started_late_never_moves_a_trajectory_back(trajectory_a):
    Trajectory.objects.filter(pk=trajectory_a.pk).update(phase=P.REVIEW)

    _plan(trajectory_a)

    assert _phase(trajectory_a) == P.REVIEW
    assert not PhaseChange.objects.exists()


@pytest.mark.parametrize(
    ("phase", "moves_to"),
    [(P.APPROVED, P.REVIEW), (P.EXECUTION, P.EXECUTION)],
    ids=["approved: back to review", "execution: goes on"],
)
def test_an_amendment_returns_an_approved_plan_to_review_but_leaves_execution(
    coordinator, trajectory_a, phase, moves_to
):
    Trajectory.objects.filter(pk=trajectory_a.pk).update(phase=phase)
    trajectory_a.refresh_from_db()

    trajectory_follow_work(trajectory=trajectory_a, trigger=T.PLAN_SUBMITTED, by=coordinator)

    assert _phase(trajectory_a) == moves_to


def test_changes_requested_only_send_a_plan_in_review_back(official_a, trajectory_a):
    Trajectory.objects.filter(pk=trajectory_a.pk).update(phase=P.EXECUTION)
    trajectory_a.refresh_from_db()

    assert (
        trajectory_follow_work(trajectory=trajectory_a, trigger=T.CHANGES_REQUESTED, by=official_a)
        is None
    )
    assert _phase(trajectory_a) == P.EXECUTION


def test_the_trajectory_page_shows_every_move(coordinator, coordinator_client, trajectory_a):
    plan = _plan(trajectory_a)
    plans.plan_submit(plan=plan, by=coordinator)
    trajectory_change_phase(
        trajectory=trajectory_a,
        phase=P.PLANNING,
        started_on=datetime.date(2026, 11, 25),
        reason="De stuurgroep wil eerst de begroting herzien.",
        by=coordinator,
    )
    coordinator_client.cookies["django_language"] = "en"

    page = coordinator_client.get(
        reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk})
    ).text

    history = page[page.index('id="phase-history"') :]
    assert history.index("Automatic: plan started") < history.index("Automatic: plan submitted")
    assert "Planning → <strong>Review</strong>" in history
    assert "Review → <strong>Planning</strong>" in history
    assert "De stuurgroep wil eerst de begroting herzien." in history
    assert "25/11/2026 11:00" in history
    assert str(coordinator) in history


def test_the_page_runs_a_fixed_number_of_queries_for_any_history(
    coordinator, coordinator_client, trajectory_a, django_assert_max_num_queries
):
    url = reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk})
    coordinator_client.get(url)  # the session and the intake figures, warmed once
    for _round in range(15):
        Trajectory.objects.filter(pk=trajectory_a.pk).update(phase=P.SWOT)
        trajectory_a.refresh_from_db()
        trajectory_follow_work(trajectory=trajectory_a, trigger=T.PLAN_SUBMITTED, by=coordinator)

    with django_assert_max_num_queries(40) as captured:
        coordinator_client.get(url)
    assert not [q for q in captured.captured_queries if "phasechange" in q["sql"]][1:]


def test_the_coordinators_with_access_are_the_ones_responsible(
    coordinator, coordinator_b, official_a, trajectory_a, municipality_a
):
    UserFactory(
        username="gone", role="coordinator", municipalities=[municipality_a], is_active=False
    )
    administrator = UserFactory(
        username="admin_a", role="administrator", municipalities=[municipality_a]
    )
    UserFactory(username="admin_elsewhere", role="administrator")

    assert set(trajectory_a.responsible_coordinators()) == {coordinator, administrator}


def test_the_history_says_who_started_the_plan(coordinator_client, coordinator, trajectory_a):
    from django.urls import reverse

    from municipalities.models import PhaseChange

    coordinator_client.post(
        reverse("actionplans:plan_create", kwargs={"trajectory_pk": trajectory_a.pk}),
        {"title": "PLUS-actieplan Sint-Truiden"},
    )
    change = PhaseChange.objects.get(trajectory=trajectory_a, phase="planning")
    assert change.changed_by == coordinator
