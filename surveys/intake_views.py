"""From a survey to intake needs: the proposal, reviewed, then saved (``surveys.intake``).

Only those who may change the trajectory see it (``survey_for(..., write=True)``): the
proposal is a draft of intake records, not a result page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from surveys import intake
from surveys.access import survey_for
from surveys.intake_forms import ApplyProposalForm


@login_required
def proposal(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, survey = survey_for(request.user, trajectory_pk, pk, write=True)
    rows = intake.proposal(survey)
    form = ApplyProposalForm(request.POST if request.method == "POST" else None, proposal=rows)
    if request.method == "POST" and form.is_valid():
        result = intake.apply(
            survey, form.cleaned_data["rows"], remove_stale=form.cleaned_data["remove_stale"]
        )
        messages.success(request, _applied_message(result))
        return redirect("municipalities:record_list", pk=trajectory.pk, section="needs")
    context = {
        "trajectory": trajectory,
        "survey": survey,
        "rows": rows,
        "form": form,
        "chosen": set(form["rows"].value() or []),
        "linked": intake.linked_needs(survey),
        "stale": intake.stale_needs(survey, rows),
        "minimum_cell": intake.MINIMUM_CELL,
    }
    status = 400 if form.is_bound else 200
    return render(request, "surveys/intake/proposal.html", context, status=status)


def _applied_message(result: intake.Applied) -> str:
    text = ngettext("%(added)s need added", "%(added)s needs added", result.added) % {
        "added": result.added
    }
    text += ", " + ngettext(
        "%(updated)s need updated", "%(updated)s needs updated", result.updated
    ) % {"updated": result.updated}
    if result.removed:
        text += ", " + ngettext(
            "%(removed)s need removed", "%(removed)s needs removed", result.removed
        ) % {"removed": result.removed}
    return text + "."
