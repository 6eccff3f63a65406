"""Putting a plan version or a progress report before the council.

Only the municipality's own officials send (``council_version_for`` / ``council_report_for``
with ``write=True``: 403 for anyone else who may see the trajectory, 404 for the others). A
GET asks to confirm, with the meeting's date if known; the POST sends and goes back (to the
version's council packet, or the progress report).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from council import services
from council.access import council_report_for, council_version_for
from council.submission_forms import SubmissionForm


def _send(request: HttpRequest, trajectory, back, document: dict) -> HttpResponse:
    refusal = services.send_refusal(**document)
    if refusal:
        messages.error(request, refusal)
        return back
    form = SubmissionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_to_council(
                **document, meeting_on=form.cleaned_data["meeting_on"], by=request.user
            )
        except services.SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Sent to the council. Anyone can now verify its PDF."))
        return back
    context = {"trajectory": trajectory, "form": form, "back_url": back.url, **document}
    return render(request, "council/submission_send.html", context)


@login_required
def send_version(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number, write=True)
    trajectory = version.plan.trajectory
    back = redirect("council_decision:packet", trajectory.pk, version.number)
    return _send(request, trajectory, back, {"version": version})


@login_required
def send_report(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    report = council_report_for(request.user, trajectory_pk, pk, write=True)
    back = redirect("progress_reports:detail", report.trajectory_id, report.pk)
    return _send(request, report.trajectory, back, {"report": report})
