"""Access helpers for monitoring: every view, export and task that takes an id from outside
(or shows data across municipalities) goes through one of these."""

from django.http import Http404


def portfolio_viewer(user):
    """IN-Z staff (coordinators and administrators) have a portfolio; anyone else gets 404,
    as for a page that does not exist for them."""
    if not (user.is_authenticated and user.works_for_inz):
        raise Http404
    return user


def funding_source_for(user, trajectory_pk, pk, *, write: bool = False):
    """The trajectory and one funding source of an action of its plan in force (404 for any
    other, 403 with ``write`` for someone who may only read)."""
    from django.shortcuts import get_object_or_404

    from actionplans.models import FundingSource
    from execution.progress import version_in_force
    from monitoring.finance import actions_in_force
    from plus_portal.access import parse_id, trajectory_for

    trajectory = trajectory_for(user, trajectory_pk, write=write)
    ids = [action.id for action in actions_in_force(version_in_force(trajectory))]
    sources = FundingSource.objects.filter(action_id__in=ids).select_related("action")
    return trajectory, get_object_or_404(sources, pk=parse_id(pk))


def objective_for(user, trajectory_pk, pk, *, write: bool = False):
    """The trajectory and one active objective of its plan (404 for any other, 403 with
    ``write`` for someone who may only read)."""
    from django.shortcuts import get_object_or_404

    from actionplans.models import Objective
    from plus_portal.access import parse_id, trajectory_for

    trajectory = trajectory_for(user, trajectory_pk, write=write)
    objectives = Objective.objects.filter(plan__trajectory=trajectory)
    return trajectory, get_object_or_404(objectives, pk=parse_id(pk))


def indicator_for(user, trajectory_pk, pk, *, write: bool = False):
    """The trajectory and one indicator of an active objective of its plan."""
    from django.shortcuts import get_object_or_404

    from actionplans.models import Objective
    from monitoring.models import Indicator
    from plus_portal.access import parse_id, trajectory_for

    trajectory = trajectory_for(user, trajectory_pk, write=write)
    indicators = Indicator.objects.filter(
        objective__in=Objective.objects.filter(plan__trajectory=trajectory)
    ).select_related("objective__plan")
    return trajectory, get_object_or_404(indicators, pk=parse_id(pk))


def indicator_result_for(user, trajectory_pk, indicator_pk, pk, *, write: bool = False):
    """The trajectory, a manual indicator of it and one of that indicator's results."""
    from django.shortcuts import get_object_or_404

    from plus_portal.access import parse_id

    trajectory, indicator = indicator_for(user, trajectory_pk, indicator_pk, write=write)
    return trajectory, indicator, get_object_or_404(indicator.results, pk=parse_id(pk))


def progress_report_for(user, trajectory_pk, pk, *, write: bool = False):
    """The trajectory and one of its progress reports (404 for any other report, 403 with
    ``write`` for someone who may only read)."""
    from django.shortcuts import get_object_or_404

    from monitoring.models import ProgressReport
    from plus_portal.access import parse_id, trajectory_for

    trajectory = trajectory_for(user, trajectory_pk, write=write)
    reports = ProgressReport.objects.filter(trajectory=trajectory).select_related(
        "trajectory__municipality", "requested_by", "accepted_by"
    )
    return trajectory, get_object_or_404(reports, pk=parse_id(pk))


def story_for(user, trajectory_pk, pk, *, write: bool = False):
    """The trajectory and one of its stories (404 for any other, 403 with ``write`` for
    someone who may only read)."""
    from django.shortcuts import get_object_or_404

    from monitoring.models import Story
    from plus_portal.access import parse_id, trajectory_for

    trajectory = trajectory_for(user, trajectory_pk, write=write)
    return trajectory, get_object_or_404(
        Story.objects.filter(trajectory=trajectory), pk=parse_id(pk)
    )
