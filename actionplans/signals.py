"""What the action plan tells the apps built on it, which it must not import."""

from django.dispatch import Signal

# Sent once the transaction that approved a version has committed, with ``plan``, ``version``
# (the new plan in force) and ``by``: the execution app generates the sessions it asks for.
version_approved = Signal()
