"""How execution views turn ids from outside into objects: 404 for what the user may not see.

Each helper first finds the trajectory through ``trajectory_for`` (403 when ``write`` and the
user may not change it), then the object among that trajectory's own.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from actionplans.models import Action
from execution.calendar import SchoolYear, school_year
from execution.models import Enrolment, SchoolFreeDay, Session, StaffPresence
from municipalities.models import School, Site, Trajectory
from plus_portal.access import get_visible_or_404, parse_id, trajectory_for
from plus_portal.models import User
from staffing.models import Worker


def school_for(
    user: User, trajectory_pk: object, pk: object, *, write: bool = False
) -> tuple[Trajectory, School]:
    """The trajectory and one of its schools."""
    trajectory = trajectory_for(user, trajectory_pk, write=write)
    schools = School.objects.filter(trajectory=trajectory)
    return trajectory, get_object_or_404(schools, pk=parse_id(pk))


def free_day_for(
    user: User, trajectory_pk: object, school_pk: object, pk: object
) -> tuple[Trajectory, SchoolFreeDay]:
    """The trajectory and one of its school's free days, for a user who may change them."""
    trajectory, school = school_for(user, trajectory_pk, school_pk, write=True)
    free_days = SchoolFreeDay.objects.filter(school=school).select_related("school")
    return trajectory, get_object_or_404(free_days, pk=parse_id(pk))


def site_in(trajectory: Trajectory, pk: object) -> Site:
    """One of the trajectory's school sites (the trajectory was found by ``trajectory_for``)."""
    sites = Site.objects.filter(school__trajectory=trajectory).select_related("school")
    return get_object_or_404(sites, pk=parse_id(pk))


def school_year_for(start_year: int) -> SchoolYear:
    """The school year starting in that year; 404 for a year the calendar does not cover."""
    try:
        return school_year(start_year)
    except ValueError:
        raise Http404 from None


def session_for(user: User, pk: object, *, write: bool = False) -> Session:
    """A session the user may see (a bridge figure: one they are on); with ``write``, one
    they may move or cancel (403 otherwise)."""
    sessions = Session.objects.select_related(
        "trajectory__municipality", "action__action_plan__objective__plan", "site__school"
    )
    return get_visible_or_404(sessions, user, pk, write=write)


def attendance_session_for(user: User, pk: object) -> Session:
    """A session whose attendance the user may record (403 for one they may only read)."""
    session = session_for(user, pk)
    if not session.attendance_editable_by(user):
        raise PermissionDenied
    return session


def attendance_page_session_for(user: User, pk: object, *, write: bool = False) -> Session:
    """A session with what its attendance page shows, in a fixed number of queries; with
    ``write``, only one whose attendance the user may record (403 otherwise)."""
    session = attendance_session_for(user, pk) if write else session_for(user, pk)
    staff = StaffPresence.objects.select_related("worker", "replaces")
    return (
        Session.objects.select_related("trajectory__municipality", "action", "site__school")
        .select_related("attendance__partner")
        .prefetch_related(Prefetch("staff", queryset=staff))
        .get(pk=session.pk)
    )


def session_in(trajectory: Trajectory, user: User, pk: object, *, write: bool = False) -> Session:
    """One of this trajectory's sessions (the trajectory was found by ``trajectory_for``)."""
    session = session_for(user, pk, write=write)
    if session.trajectory_id != trajectory.pk:
        raise Http404
    return session


def action_in_force_for(
    user: User, trajectory_pk: object, pk: object, *, write: bool = False
) -> tuple[Trajectory, Action]:
    """The trajectory and one of its plan's active actions; with ``write``, for a user who may
    record how it is carried out (the coordinators)."""
    trajectory = trajectory_for(user, trajectory_pk, write=write)
    actions = Action.objects.filter(action_plan__objective__plan__trajectory=trajectory)
    return trajectory, get_object_or_404(actions.active(), pk=parse_id(pk))


def enrolment_for(user: User, trajectory: Trajectory, pk: object) -> Enrolment:
    """One of the trajectory's enrolment counts, for a user who may change it."""
    enrolments = Enrolment.objects.filter(trajectory=trajectory)
    return get_visible_or_404(enrolments, user, pk, write=True)


def own_worker(user: User) -> Worker:
    """The worker file of a bridge figure's own account; 404 for anyone else."""
    if not user.is_bridge_figure:
        raise Http404
    return get_object_or_404(Worker, account=user)


def worker_in(trajectory: Trajectory, pk: object) -> Worker:
    """A worker placed in the trajectory or listed on one of its sessions (the trajectory
    was found by ``trajectory_for``)."""
    from django.db.models import Q

    workers = Worker.objects.filter(
        Q(placements__trajectory=trajectory) | Q(presences__session__trajectory=trajectory)
    ).distinct()
    return get_object_or_404(workers, pk=parse_id(pk))


def feed_in(trajectory: Trajectory, pk: object):
    """One of the trajectory's calendar feeds (the trajectory was found by ``trajectory_for``)."""
    from execution.models import CalendarFeed

    feeds = CalendarFeed.objects.filter(trajectory=trajectory)
    return get_object_or_404(feeds, pk=parse_id(pk))


def live_feed_for(token: str):
    """The feed with this secret token; 404 for one revoked or unknown (no account: the token
    is the secret)."""
    from execution.models import CalendarFeed

    feeds = CalendarFeed.objects.live().select_related("trajectory", "site__school", "worker")
    return get_object_or_404(feeds, token=str(token)[:64])


def action_of_plan_for(
    user: User, trajectory_pk: object, pk: object, *, write: bool = False
) -> tuple[Trajectory, Action]:
    """The trajectory and one of its plan's actions, also one removed in an amendment still
    in preparation (it stays in force until then); with ``write``, for a coordinator."""
    trajectory = trajectory_for(user, trajectory_pk, write=write)
    actions = Action.all_objects.filter(action_plan__objective__plan__trajectory=trajectory)
    return trajectory, get_object_or_404(actions, pk=parse_id(pk))
