"""What staffing tells the apps built on it, which it must not import."""

from django.dispatch import Signal

# Sent once the transaction that saved or ended a placement has committed, with
# ``trajectory_id`` and ``by``: the execution app lists the staff expected on its sessions.
placements_changed = Signal()
