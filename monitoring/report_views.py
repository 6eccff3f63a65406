"""Progress reports of a trajectory: list, request, follow, download (PDF, XLSX, CSV),
comment, accept; and the stories told for them.

Every view goes through an access helper (``trajectory_for``, ``progress_report_for``,
``story_for``): a user who may not see the trajectory gets 404. Files are served only here.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitoring import reports, stories
from monitoring.access import progress_report_for, story_for
from monitoring.models import ProgressReport, Story
from monitoring.report_forms import ProgressReportRequestForm, StoryForm
from plus_portal.access import trajectory_for
from plus_portal.comments import (
    threads_for,
)

PENDING = (ProgressReport.Status.QUEUED, ProgressReport.Status.RUNNING)


def _list_context(request: HttpRequest, trajectory, form=None) -> dict:
    rows = list(
        ProgressReport.objects.filter(trajectory=trajectory)
        .select_related("requested_by", "accepted_by")
        .defer("snapshot")
    )
    codes = [code for code, _name in settings.LANGUAGES]
    language = get_language() if get_language() in codes else settings.LANGUAGE_CODE
    return {
        "trajectory": trajectory,
        "reports": rows,
        "is_pending": any(row.status in PENDING for row in rows),
        "stories": Story.objects.filter(trajectory=trajectory),
        "may_edit": trajectory.editable_by(request.user),
        "form": form
        or ProgressReportRequestForm(trajectory=trajectory, initial={"language": language}),
    }


@login_required
def report_list(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    context = _list_context(request, trajectory)
    if request.htmx:
        return render(request, "monitoring/reports_rows.html", context)
    return render(request, "monitoring/reports_list.html", context)


@require_POST
@login_required
def report_request(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    form = ProgressReportRequestForm(request.POST, trajectory=trajectory)
    if form.is_valid():
        start, end = form.period
        try:
            report = reports.progress_report_request(
                trajectory=trajectory,
                period_start=start,
                period_end=end,
                language=form.cleaned_data["language"],
                by=request.user,
            )
        except reports.ReportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("progress_reports:detail", trajectory.pk, report.pk)
    context = _list_context(request, trajectory, form)
    return render(request, "monitoring/reports_list.html", context, status=400)


def _detail_context(request: HttpRequest, trajectory, report) -> dict:
    return {
        "trajectory": trajectory,
        "report": report,
        "is_pending": report.status in PENDING,
        "generic_failure": reports.GENERIC_FAILURE,
        "filename": reports.report_filename(report),
        "may_accept": reports.may_accept(report, request.user),
        "may_edit": trajectory.editable_by(request.user),
        "threads": threads_for(report),
    }


@login_required
def report_detail(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, report = progress_report_for(request.user, trajectory_pk, pk)
    context = _detail_context(request, trajectory, report)
    if request.htmx:
        return render(request, "monitoring/reports_status.html", context)
    return render(request, "monitoring/reports_detail.html", context)


def _attachment(content, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(
        content, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def report_download(request: HttpRequest, trajectory_pk: int, pk: int) -> FileResponse:
    _trajectory, report = progress_report_for(request.user, trajectory_pk, pk)
    if not report.is_downloadable:
        raise Http404
    return _attachment(report.pdf.open("rb"), reports.report_filename(report), "application/pdf")


@login_required
def report_xlsx(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    _trajectory, report = progress_report_for(request.user, trajectory_pk, pk)
    response = HttpResponse(
        reports.figures_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{reports.report_filename(report, "xlsx")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def report_csv(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    _trajectory, report = progress_report_for(request.user, trajectory_pk, pk)
    response = HttpResponse(reports.figures_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{reports.report_filename(report, "csv")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def report_retry(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, report = progress_report_for(request.user, trajectory_pk, pk, write=True)
    if not reports.progress_report_retry(report=report, by=request.user):
        messages.info(request, _("This report is not in a failed state; nothing to retry."))
    return redirect("progress_reports:detail", trajectory.pk, report.pk)


@require_POST
@login_required
def report_accept(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, report = progress_report_for(request.user, trajectory_pk, pk)
    try:
        reports.progress_report_accept(
            report=report, content_hash=request.POST.get("content_hash", ""), by=request.user
        )
    except reports.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You accepted this progress report."))
    return redirect("progress_reports:detail", trajectory.pk, report.pk)


# --- Stories ----------------------------------------------------------------------------------


def _story_form(request: HttpRequest, trajectory, story=None) -> HttpResponse:
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST" and form.is_valid():
        stories.story_save(trajectory=trajectory, story=story, by=request.user, **form.cleaned_data)
        messages.success(request, _("The story is saved."))
        return redirect("progress_reports:list", trajectory.pk)
    context = {"trajectory": trajectory, "form": form, "story": story}
    return render(request, "monitoring/reports_story_form.html", context)


@login_required
def story_add(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    return _story_form(request, trajectory)


@login_required
def story_edit(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, story = story_for(request.user, trajectory_pk, pk, write=True)
    return _story_form(request, trajectory, story)


@login_required
def story_remove(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, story = story_for(request.user, trajectory_pk, pk, write=True)
    if request.method == "POST":
        stories.story_remove(story=story, by=request.user)
        messages.success(request, _("The story is removed."))
        return redirect("progress_reports:list", trajectory.pk)
    return render(
        request, "monitoring/reports_story_remove.html", {"trajectory": trajectory, "story": story}
    )
