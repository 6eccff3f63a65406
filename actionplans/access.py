"""How plan views, report views and exports turn ids from outside into objects.

Every lookup starts from the trajectory's access helper, so a user who may not see the
trajectory gets 404 for its plan, its parts, its versions and its reports alike.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from actionplans.models import Action, ActionPlan, Objective, Plan, PlanVersion, Report
from plus_portal.access import parse_id, trajectory_for
from plus_portal.models import User

# URL kind → the model of that level of the plan, and the path from it to its trajectory.
PART_MODELS = {
    "objective": (Objective, "plan__trajectory"),
    "actionplan": (ActionPlan, "objective__plan__trajectory"),
    "action": (Action, "action_plan__objective__plan__trajectory"),
}


class PlanLocked(PermissionDenied):
    """A coordinator of the municipality tried to change a plan its status keeps as it is;
    the message says what to do instead (open an amendment, wait for the review)."""

    def __init__(self, plan: Plan, message: str):
        super().__init__(message)
        self.plan = plan


def _require_editable_by(plan: Plan, user: User) -> None:
    if plan.editable_by(user):
        return
    if reason := plan.locked_reason(user):
        raise PlanLocked(plan, str(reason))
    raise PermissionDenied


def plan_for(user: User, trajectory_pk: int, *, write: bool = False) -> Plan:
    """The trajectory's plan, if the user may see it (404) and change it (403, with write)."""
    trajectory = trajectory_for(user, trajectory_pk)
    plan = get_object_or_404(
        Plan.objects.select_related("trajectory__municipality"), trajectory=trajectory
    )
    plan.trajectory = trajectory
    if write:
        _require_editable_by(plan, user)
    return plan


def part_for(user: User, trajectory_pk: int, kind: str, pk, *, write: bool = False):
    """An objective, action plan or action of the trajectory's plan, with that plan."""
    if kind not in PART_MODELS:
        raise Http404
    model, path = PART_MODELS[kind]
    part = get_object_or_404(
        model.objects.visible_to(user).filter(**{f"{path}_id": trajectory_pk}), pk=parse_id(pk)
    )
    plan = part.plan
    if write:
        _require_editable_by(plan, user)
    return part, plan


def new_part_for(plan: Plan, kind: str, parent_pk):
    """An unsaved part of the plan's kind, under a parent of this plan (404 otherwise)."""
    if kind == "objective":
        return Objective(plan=plan)
    if kind == "actionplan":
        parent = get_object_or_404(Objective.objects.filter(plan=plan), pk=parse_id(parent_pk))
        return ActionPlan(objective=parent)
    if kind == "action":
        parent = get_object_or_404(
            ActionPlan.objects.filter(objective__plan=plan), pk=parse_id(parent_pk)
        )
        return Action(action_plan=parent)
    raise Http404


def library_action_for(plan: Plan, pk) -> Action:
    """An action of another municipality's approved plan, to copy into this plan."""
    return get_object_or_404(Action.objects.library(excluding=plan), pk=parse_id(pk))


def version_for(plan: Plan, number) -> PlanVersion:
    """A frozen version of a plan already reached through ``plan_for``, by its number."""
    return get_object_or_404(plan.versions.select_related("submitted_by"), number=parse_id(number))


def report_for(plan: Plan, report_id) -> Report:
    return get_object_or_404(
        Report.objects.filter(version__plan=plan).select_related(
            "version__plan__trajectory__municipality", "requested_by"
        ),
        pk=report_id,
    )
