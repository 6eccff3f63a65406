"""A survey's results, the review of its free texts and bursts, and its exports.

Everyone who sees the trajectory reads the results and exports them (both suppressed and
reviewed); only its coordinators review texts and bursts: a read-only user gets 403 on
those pages, like on every other page that changes something, and anyone else 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from surveys import exports, results, review
from surveys.access import survey_for, survey_part_for
from surveys.models import Burst, Response
from surveys.results_forms import BurstReviewForm, ResultsFilterForm, TextReviewForm

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
BURST_SAMPLE = 5


@login_required
def results_page(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, survey = survey_for(request.user, trajectory_pk, pk)
    answers = results.counted_answers(survey)
    choices = results.filter_choices(results.breakdowns(answers))
    form = ResultsFilterForm(request.GET or None, choices=choices)
    place = form.cleaned_data["place"] if form.is_valid() else ""
    found = results.results_of(survey, place=place, answers=answers)
    editor = survey.editable_by(request.user)
    context = {
        "trajectory": trajectory,
        "survey": survey,
        "results": found,
        "form": form,
        "editor": editor,
        "pending_texts": results.texts_to_review(survey).count() if editor else 0,
        "minimum": results.MINIMUM_CELL,
    }
    return render(request, "surveys/results/results.html", context)


@login_required
def texts(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, survey = survey_for(request.user, trajectory_pk, pk, write=True)
    pending = results.texts_to_review(survey).only("pk", "kind", "language", "free_text")
    forms = [
        (answer, TextReviewForm(initial={"shown_text": answer.free_text}, prefix=str(answer.pk)))
        for answer in pending
    ]
    context = {"trajectory": trajectory, "survey": survey, "forms": forms}
    return render(request, "surveys/results/texts.html", context)


@login_required
@require_POST
def text_review(request, trajectory_pk: int, pk: int, response_pk: int) -> HttpResponse:
    trajectory, survey, answer = survey_part_for(
        request.user, Response, trajectory_pk, pk, response_pk, write=True
    )
    form = TextReviewForm(request.POST, prefix=str(answer.pk))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose to publish or to hide the text."))
        if form.cleaned_data["action"] == TextReviewForm.PUBLISH:
            shown = form.cleaned_data["shown_text"]
            review.text_publish(response=answer, shown_text=shown, by=request.user)
            messages.success(request, _("The text is shown to officials."))
        else:
            review.text_hide(response=answer, by=request.user)
            messages.success(request, _("The text is hidden."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("survey_results:texts", trajectory_pk=trajectory.pk, pk=survey.pk)


@login_required
def bursts(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, survey = survey_for(request.user, trajectory_pk, pk, write=True)
    rows = [(burst, burst.sample) for burst in review.pending_bursts(survey, sample=BURST_SAMPLE)]
    context = {"trajectory": trajectory, "survey": survey, "rows": rows, "form": BurstReviewForm()}
    return render(request, "surveys/results/bursts.html", context)


@login_required
@require_POST
def burst_review(request, trajectory_pk: int, pk: int, burst_pk: int) -> HttpResponse:
    trajectory, survey, burst = survey_part_for(
        request.user, Burst, trajectory_pk, pk, burst_pk, write=True
    )
    form = BurstReviewForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose to accept or to discard the answers."))
        if form.cleaned_data["action"] == BurstReviewForm.ACCEPT:
            review.burst_accept(burst=burst, by=request.user)
            messages.success(request, _("The answers are counted."))
        else:
            review.burst_discard(burst=burst, by=request.user)
            messages.success(request, _("The answers are discarded: they are not counted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("survey_results:bursts", trajectory_pk=trajectory.pk, pk=survey.pk)


def _export(request, trajectory_pk: int, pk: int, kind: str, fmt: str) -> HttpResponse:
    _trajectory, survey = survey_for(request.user, trajectory_pk, pk)
    content = exports.export_file(kind, fmt, survey=survey)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = slugify(f"{kind}-{survey.name}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def export_answers(request: HttpRequest, trajectory_pk: int, pk: int, fmt: str) -> HttpResponse:
    return _export(request, trajectory_pk, pk, "answers", fmt)


@login_required
def export_aggregates(request, trajectory_pk: int, pk: int, fmt: str) -> HttpResponse:
    return _export(request, trajectory_pk, pk, "aggregates", fmt)
