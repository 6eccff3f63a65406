"""Execution status per action of the plan in force: an overview beside the plan content, and
a form per action. Coordinators of the municipality record; its officials read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from execution import progress
from execution.access import action_of_plan_for
from execution.progress_forms import ActionProgressForm
from plus_portal.access import trajectory_for
from plus_portal.history import record_history_entries


@login_required
def overview(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    version, rows = progress.progress_overview(trajectory)
    context = {
        "trajectory": trajectory,
        "version": version,
        "rows": rows,
        "can_edit": trajectory.editable_by(request.user),
        "no_plan_in_force": progress.NO_PLAN_IN_FORCE,
    }
    return render(request, "execution/progress_overview.html", context)


@login_required
def action_progress(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    is_post = request.method == "POST"
    trajectory, action = action_of_plan_for(request.user, trajectory_pk, pk, write=is_post)
    version = progress.version_in_force(trajectory)
    in_force = progress.is_in_force(action, version)
    record = progress.progress_of(action)
    initial = {"status": record.status, "reason": record.reason, "progress": record.progress}
    form = ActionProgressForm(request.POST if is_post else None, initial=initial)
    if is_post and in_force and form.is_valid():
        try:
            progress.action_execution_record(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # a rule's message lands on its field, or above them
        else:
            messages.success(
                request, _("The execution of “%(action)s” has been saved.") % {"action": action}
            )
            return redirect("progress:action", trajectory_pk=trajectory.pk, pk=action.pk)
    context = {
        "trajectory": trajectory,
        "action": action,
        "version": version,
        "in_force": in_force,
        "record": record,
        "form": form,
        "can_edit": trajectory.editable_by(request.user) and in_force,
        "notes": action.progress_notes.select_related("created_by"),
        "history": record_history_entries(record) if record.pk else [],
        "not_in_force": progress.NO_PLAN_IN_FORCE if version is None else progress.NOT_IN_FORCE,
    }
    return render(request, "execution/progress_action.html", context)
