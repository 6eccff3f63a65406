"""An action under a removed objective or action plan is out of the plan: the staffing check,
its alerts and the placement form no longer count it."""

import datetime

import pytest
from django.utils import timezone

from actionplans.models import Action
from staffing.ratio import short_rows_per_trajectory, staffing_rows
from tests.actionplans.factories import ActionFactory, ActionSlotFactory
from tests.factories import TrajectoryFactory

D = datetime.date
ON = D(2026, 10, 5)

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    action = ActionFactory(
        action_plan__objective__plan__trajectory=TrajectoryFactory(),
        at_central_site=True,
        central_site_name="Centrale opvang",
    )
    ActionSlotFactory(action=action, expected_children=20)
    return action


def _trajectory(action: Action):
    return action.action_plan.objective.plan.trajectory


def test_an_action_in_the_plan_has_rows(action):
    assert len(staffing_rows(_trajectory(action), on=ON)) == 4


@pytest.mark.parametrize("removed", ["objective", "action_plan"])
def test_an_action_under_a_removed_part_has_no_rows(action, removed):
    part = action.action_plan if removed == "action_plan" else action.action_plan.objective
    part.removed_at = timezone.now()
    part.save(update_fields=["removed_at"])
    trajectory = _trajectory(action)
    assert staffing_rows(trajectory, on=ON) == []
    assert short_rows_per_trajectory([trajectory], on=ON) == []
