"""How SWOT views turn ids from outside into objects: 404 for what the user may not see."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from plus_portal.access import parse_id, trajectory_for
from plus_portal.models import User
from swot.models import Strategy, SwotAnalysis, SwotItem


def analysis_for(trajectory, round_number: str | None = None) -> SwotAnalysis | None:
    """The trajectory's SWOT of that round (``?round=``), or the current one. Picked from its
    rounds (a handful), which a page that also lists them prefetches once."""
    wanted = parse_id(round_number) if round_number else None
    for analysis in trajectory.swot_analyses.all():
        if analysis.round == wanted or (wanted is None and analysis.is_current):
            return analysis
    if wanted is not None:
        raise Http404
    return None


def current_analysis_for(user: User, trajectory_pk: int):
    """The trajectory and its current SWOT, for a user who may change them."""
    trajectory = trajectory_for(user, trajectory_pk, write=True)
    analysis = analysis_for(trajectory)
    if analysis is None:
        raise Http404
    return trajectory, analysis


def _scoped_or_404(queryset, user: User, trajectory_pk: int, pk: int, *, write: bool):
    obj = get_object_or_404(
        queryset.visible_to(user)
        .filter(analysis__trajectory_id=trajectory_pk)
        .select_related("analysis__trajectory__municipality"),
        pk=parse_id(pk),
    )
    if write and not obj.editable_by(user):
        raise PermissionDenied
    return obj


def item_for(
    user: User, trajectory_pk: int, pk: int, *, write: bool = False, queryset=None
) -> SwotItem:
    """The item, read through ``queryset`` (for its prefetches) when one is given."""
    queryset = SwotItem.objects.all() if queryset is None else queryset
    return _scoped_or_404(queryset, user, trajectory_pk, pk, write=write)


def strategy_for(user: User, trajectory_pk: int, pk: int, *, write: bool = False) -> Strategy:
    return _scoped_or_404(Strategy.objects.all(), user, trajectory_pk, pk, write=write)
