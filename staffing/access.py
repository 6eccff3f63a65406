"""Who reaches a worker's file, and who reads staff's personal data on a municipality's pages.

The rule itself is ``Worker.objects.visible_to``; these helpers are how views ask it.
"""

from municipalities.models import Trajectory
from plus_portal.access import get_visible_or_404
from plus_portal.models import User
from staffing.models import Placement, Worker


def worker_for(user: User, pk: object, *, write: bool = False) -> Worker:
    """The worker with this id, if the user may see the file (and change it, with write).

    An id that is not a number (from a query string, say) names no worker: 404.
    """
    return get_visible_or_404(Worker.objects.all(), user, pk, write=write)


def placement_for(
    user: User, trajectory: Trajectory, pk: object, *, write: bool = False
) -> Placement:
    """The placement with this id in this trajectory, if the user may see it (and change it,
    with write); a placement of another trajectory is not found (404)."""
    placements = Placement.objects.filter(trajectory=trajectory).select_related(
        "worker", "trajectory"
    )
    return get_visible_or_404(placements, user, pk, write=write)


def sees_personal_data(user: User, trajectory: Trajectory) -> bool:
    """Whether the trajectory's staffing pages may tell this user about workers' contracts,
    trajectories and regimes: only IN-Z staff who coordinate the municipality (and
    administrators). Officials learn where and when staff work, never why they leave."""
    return user.works_for_inz and trajectory.editable_by(user)
