"""The one way views, exports and tasks turn an id from outside into an object.

Every aggregate's queryset has ``visible_to(user)`` and its model ``editable_by(user)``.
An object the user may not see answers 404, so its existence is never revealed; one
they may see but not change answers 403.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from plus_portal.models import User

M = TypeVar("M", bound=Model)


# The largest id a bigint column holds; anything larger names nothing.
MAX_ID = 2**63 - 1


def parse_id(value: object) -> int:
    """An id or number from a URL parameter or form field.

    Anything that is not a plain positive whole number names no object, so it answers 404
    like an id that does not exist, instead of a database error.
    """
    text = str(value)
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
        raise Http404
    return int(text)


def get_visible_or_404(queryset: QuerySet[M], user: User, pk: object, *, write: bool = False) -> M:
    obj = get_object_or_404(queryset.visible_to(user), pk=parse_id(pk))
    if write and not obj.editable_by(user):
        raise PermissionDenied
    return obj


def trajectory_for(user: User, pk: object, *, write: bool = False, with_related=()):
    """The trajectory with this id, if the user may see it (and change it, with write);
    ``with_related`` names what to read with it in the same query (its ``plan``)."""
    from municipalities.models import Trajectory

    trajectories = Trajectory.objects.select_related("municipality", *with_related)
    return get_visible_or_404(trajectories, user, pk, write=write)


def comment_for(user: User, pk: object, *, trajectory=None):
    """A comment on a trajectory the user may see; with ``trajectory``, only one of its own
    (the thread a reply answers)."""
    from municipalities.models import Trajectory
    from plus_portal.models import Comment

    comments = Comment.objects.filter(trajectory__in=Trajectory.objects.visible_to(user))
    if trajectory is not None:
        comments = comments.filter(trajectory=trajectory)
    return get_object_or_404(comments.select_related("target_type"), pk=parse_id(pk))
