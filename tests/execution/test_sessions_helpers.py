"""Plans in force for the session tests: a plan with one action, approved as a version.

No tests here; the session test modules import these builders.
"""

import datetime

from actionplans.models import Decision, Plan, PlanVersion
from actionplans.snapshots import plan_snapshot, snapshot_hash
from plus_portal.models import User
from tests.actionplans.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionSlotFactory,
    ObjectiveFactory,
    PlanFactory,
)
from tests.factories import UserFactory
from tests.municipalities.factories import SchoolFactory, SiteFactory


def approve(plan: Plan, *, by: User | None = None) -> PlanVersion:
    """Freeze the live plan as its next version and approve it: the new plan in force."""
    by = by or UserFactory(role=User.Role.OFFICIAL)
    snapshot = plan_snapshot(plan)
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.versions.count() + 1,
        snapshot=snapshot,
        content_hash=snapshot_hash(snapshot),
        submitted_by=by,
    )
    Decision.objects.create(
        version=version,
        outcome=Decision.Outcome.APPROVED,
        content_hash=version.content_hash,
        decided_by=by,
        decided_by_name=by.get_full_name() or by.username,
        decided_by_role=by.role,
    )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    return version


def sites_of(trajectory, count: int = 2) -> list:
    school = SchoolFactory(trajectory=trajectory)
    return [SiteFactory(school=school, name=f"Campus {n}") for n in range(1, count + 1)]


def plan_with_action(
    trajectory,
    *,
    sites=(),
    slots=(),
    starts_on=datetime.date(2026, 9, 1),
    ends_on=datetime.date(2027, 6, 30),
    **action_fields,
):
    """A plan with one action at ``sites`` with ``slots`` (dicts for ActionSlotFactory)."""
    plan = PlanFactory(trajectory=trajectory)
    objective = ObjectiveFactory(plan=plan)
    action = ActionFactory(
        action_plan=ActionPlanFactory(objective=objective),
        sites=list(sites) or None,
        starts_on=starts_on,
        ends_on=ends_on,
        **action_fields,
    )
    for slot in slots:
        ActionSlotFactory(action=action, **slot)
    return plan, action


AFTER_SCHOOL = {"slot": "after_school", "expected_children": 25}
WEDNESDAY = {
    "slot": "wednesday",
    "starts_at": datetime.time(12, 0),
    "ends_at": datetime.time(17, 0),
    "expected_children": 10,
}
FREE_DAYS = {"slot": "school_free_days", "starts_at": None, "ends_at": None}
