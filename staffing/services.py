"""Writes to staffing: placements are saved only when every rule holds."""

from django.db import transaction
from django.utils.translation import gettext as _

from staffing.models import Placement, PlacementSlot
from staffing.rules import validate_placement


class PlacementError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@transaction.atomic
def placement_save(*, placement: Placement, slots: list[PlacementSlot], actions, by) -> Placement:
    """Save a placement with its weekly slots, refusing double bookings and rule breaches.

    The worker's row is locked first, so two coordinators placing the same worker at once
    are checked one after the other.
    """
    type(placement.worker).objects.select_for_update().get(pk=placement.worker_id)
    errors = validate_placement(placement, slots, exclude_pk=placement.pk)
    if errors:
        raise PlacementError(errors)
    if placement.pk is None:
        placement.created_by = by
    placement.full_clean()
    placement.save()
    placement.actions.set(actions)
    placement.slots.all().delete()
    for slot in slots:
        slot.pk = None
        slot.placement = placement
        slot.full_clean()
    PlacementSlot.objects.bulk_create(slots)
    return placement


def placement_end(*, placement: Placement, on) -> None:
    if on < placement.starts_on:
        raise PlacementError([_("A placement cannot end before it starts.")])
    placement.ends_on = on
    placement.save(update_fields=["ends_on", "updated_at"])
