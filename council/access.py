"""How council views turn ids and tokens from outside into objects.

Signed-in lookups start from the plan's and the progress report's own access helpers, so a
user who may not see the trajectory gets 404; ``write`` adds the council rule (403 for anyone
but the municipality's officials). Public lookups go by a submission's token only.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actionplans.access import plan_for, version_for
from actionplans.models import PlanVersion
from council.models import Submission, speaks_for_council
from monitoring.access import progress_report_for
from monitoring.models import ProgressReport


def council_version_for(user, trajectory_pk, number, *, write: bool = False) -> PlanVersion:
    """A frozen version of the trajectory's plan, with ``version.plan.trajectory`` loaded."""
    plan = plan_for(user, trajectory_pk)
    version = version_for(plan, number)
    version.plan = plan
    if write and not speaks_for_council(user, plan.trajectory):
        raise PermissionDenied
    return version


def council_report_for(user, trajectory_pk, pk, *, write: bool = False) -> ProgressReport:
    """One of the trajectory's progress reports, with its trajectory loaded."""
    trajectory, report = progress_report_for(user, trajectory_pk, pk)
    if write and not speaks_for_council(user, trajectory):
        raise PermissionDenied
    return report


def public_submission_for(token) -> Submission:
    """What was sent to a council, by its public token: 404 for anything else."""
    return get_object_or_404(
        Submission.objects.select_related(
            "trajectory__municipality", "plan_version__plan", "progress_report"
        ),
        public_token=str(token),
    )
