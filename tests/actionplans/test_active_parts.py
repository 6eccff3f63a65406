"""A part removed from the plan takes everything under it out of the plan too."""

import pytest

from actionplans import services
from actionplans.models import Action, ActionPlan, Objective
from tests.actionplans.factories import ActionFactory


@pytest.fixture
def action(trajectory_a):
    return ActionFactory(action_plan__objective__plan__trajectory=trajectory_a)


def test_an_action_under_a_removed_objective_is_not_active(action):
    services.part_remove(action.action_plan.objective)

    assert not Action.objects.filter(pk=action.pk).exists()
    assert not Action.objects.active().filter(pk=action.pk).exists()
    assert not ActionPlan.objects.filter(pk=action.action_plan_id).exists()
    assert Action.all_objects.filter(pk=action.pk).exists()


def test_an_action_under_a_removed_action_plan_is_not_active(action):
    services.part_remove(action.action_plan)

    assert not Action.objects.filter(pk=action.pk).exists()
    assert Objective.objects.filter(pk=action.action_plan.objective_id).exists()


def test_the_related_managers_leave_out_parts_under_a_removed_part(action):
    objective = action.action_plan.objective
    services.part_remove(action.action_plan)

    assert list(objective.action_plans.all()) == []
    assert list(Action.objects.filter(action_plan__objective=objective)) == []
