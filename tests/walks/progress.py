"""Routes and data of this part of execution, for the persona × URL matrix and the bad-input walk.

``extend(world, objects)`` adds this part's records to the walk's world (``objects`` are the
model instances ``build_world`` made) and returns the ids to put in it; ``FILL`` maps each of
this part's route names to the URL kwargs to walk it with.

Execution status per action and amendments: the world's plan is in review (no plan in force,
so the pages say so), and municipality A gets a second trajectory (the next cycle) whose
plan is approved, with an execution record and a note on its action, so the pages are
walked with a plan in force too, and an amendment can be opened on it.
"""

import datetime


def extend(world: dict, objects: dict) -> dict:
    from actionplans import services
    from actionplans.models import Action, ActionPlan, ActionSlot, Objective
    from execution import progress
    from tests.factories import TrajectoryFactory

    coordinator, official = objects["coordinator"], objects["official"]
    trajectory = TrajectoryFactory(
        municipality=objects["trajectory"].municipality, cycle_start_year=2032, cycle_end_year=2037
    )
    plan = services.plan_create(
        trajectory=trajectory, title="PLUS-actieplan Sint-Truiden 2032", by=coordinator
    )
    objective = services.part_add(Objective(plan=plan, title="Elk kind een plek na school"))
    action_plan = services.part_add(ActionPlan(objective=objective, title="Opvang in Velm"))
    action = services.part_add(
        Action(action_plan=action_plan, title="Woensdagnamiddag in Velm", owner="Joris Claes")
    )
    ActionSlot.objects.create(
        action=action,
        slot="wednesday",
        starts_at=datetime.time(12, 30),
        ends_at=datetime.time(17, 0),
        expected_children=20,
    )
    services.plan_submit(plan=plan, by=coordinator)
    services.plan_decide(plan=plan, outcome="approved", reason="", by=official)
    progress.action_progress_update(
        action=action, status="started", progress=20, reason="", by=coordinator
    )
    progress.progress_note_add(
        action=action, day=datetime.date(2026, 9, 2), text="Goed gestart.", by=coordinator
    )
    return {"approved_trajectory": trajectory.pk, "approved_action": action.pk}


def _both(world, **extra):
    """The world's trajectory (plan in review) and the one with a plan in force."""
    return [
        {"trajectory_pk": world["trajectory"], **extra},
        {"trajectory_pk": world["approved_trajectory"], **extra},
    ]


FILL: dict = {
    "progress:overview": _both,
    "progress:action": lambda w: [
        {"trajectory_pk": w["trajectory"], "pk": w["action"]},
        {"trajectory_pk": w["approved_trajectory"], "pk": w["approved_action"]},
    ],
    "actionplans:plan_amend": _both,
}
