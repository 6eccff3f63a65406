"""The one way views, exports and tasks turn an id from outside into an object.

Every aggregate's queryset has ``visible_to(user)`` and its model ``editable_by(user)``.
An object the user may not see answers 404, so its existence is never revealed; one
they may see but not change answers 403.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from plus_portal.models import User

M = TypeVar("M", bound=Model)


def get_visible_or_404(queryset: QuerySet[M], user: User, pk: object, *, write: bool = False) -> M:
    obj = get_object_or_404(queryset.visible_to(user), pk=pk)
    if write and not obj.editable_by(user):
        raise PermissionDenied
    return obj


def trajectory_for(user: User, pk: object, *, write: bool = False):
    """The trajectory with this id, if the user may see it (and change it, with write)."""
    from municipalities.models import Trajectory

    return get_visible_or_404(
        Trajectory.objects.select_related("municipality"), user, pk, write=write
    )
