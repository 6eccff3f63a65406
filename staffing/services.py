"""Writes to staffing: placements, development plans and the rows of a worker's file are saved
only when every rule holds. simple_history records each saved and deleted row."""

from django.core.exceptions import ValidationError
from django.db import models, transaction

from staffing.models import DevelopmentPlan, ImprovementAction, Placement, PlacementSlot, Worker
from staffing.rules import validate_placement
from staffing.signals import placements_changed


class PlacementError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


def _model_errors(placement: Placement, slots: list[PlacementSlot]) -> list[str]:
    """What the models' own rules (fields, constraints) say about the placement and its slots."""
    errors = []
    # Who created the placement is set on save, and the slots' placement once it exists.
    for row, exclude in [(placement, ["created_by"]), *((slot, ["placement"]) for slot in slots)]:
        try:
            row.full_clean(exclude=exclude)
        except ValidationError as error:
            errors += [message for message in error.messages if message not in errors]
    return errors


@transaction.atomic
def placement_save(*, placement: Placement, slots: list[PlacementSlot], actions, by) -> Placement:
    """Save a placement with its weekly slots, refusing double bookings and rule breaches.

    The worker's row is locked first, so two coordinators placing the same worker at once
    are checked one after the other.
    """
    Worker.objects.select_for_update().get(pk=placement.worker_id)
    errors = _model_errors(placement, slots) or validate_placement(
        placement, slots, exclude_pk=placement.pk
    )
    if errors:
        raise PlacementError(errors)
    if placement.pk is None:
        placement.created_by = by
    placement.save()
    placement.actions.set(actions)
    placement.slots.all().delete()
    for slot in slots:
        slot.pk = None
        slot.placement = placement
    PlacementSlot.objects.bulk_create(slots)
    trajectory_id = placement.trajectory_id
    transaction.on_commit(
        lambda: placements_changed.send(Placement, trajectory_id=trajectory_id, by=by)
    )
    return placement


@transaction.atomic
def pop_save(
    *,
    pop: DevelopmentPlan,
    actions: list[ImprovementAction],
    changed: list[ImprovementAction],
    removed: list[ImprovementAction],
) -> DevelopmentPlan:
    """Save a worker's POP with its improvement actions.

    ``actions`` are all the actions the POP keeps (new, changed and untouched), ``changed`` the
    ones among them to write, ``removed`` the ones to delete. A POP left with fewer than two
    actions is refused (``DevelopmentPlan.validate_actions``) and nothing is saved.
    """
    DevelopmentPlan.validate_actions(actions)
    pop.full_clean()
    pop.save()
    for action in removed:
        action.delete()
    for action in changed:
        action.pop = pop
        action.full_clean()
        action.save()
    return pop


@transaction.atomic
def worker_rows_save(
    *, worker: Worker, changed: list[models.Model], removed: list[models.Model]
) -> None:
    """Save new and changed rows of one part of a worker's file (competences, qualifications,
    availability, milestones, training) and delete the removed ones, each checked in full."""
    for row in removed:
        if row.worker_id != worker.pk:
            raise ValueError("A row of another worker's file.")
        row.delete()
    for row in changed:
        row.worker = worker
        row.full_clean()
        row.save()
