"""How execution views turn ids from outside into objects: 404 for what the user may not see.

Each helper first finds the trajectory through ``trajectory_for`` (403 when ``write`` and the
user may not change it), then the object among that trajectory's own.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from execution.calendar import SchoolYear, school_year
from execution.models import SchoolFreeDay
from municipalities.models import School, Site, Trajectory
from plus_portal.access import parse_id, trajectory_for
from plus_portal.models import User


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
