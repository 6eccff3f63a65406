"""PDF reports of plan versions: list, request, follow the progress, download, retry.

Every view goes through ``plan_for`` (the trajectory's access helper): a user who may not see
the plan gets 404 for its reports too. Files are never served by URL, only from here.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import reports, services
from actionplans.access import plan_for, report_for, version_for
from actionplans.models import CouncilDecision, Decision, PlanVersion, Report
from actionplans.report_forms import CouncilDecisionForm


def _default_language(request: HttpRequest) -> str:
    current = get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    return current if current in codes else settings.LANGUAGE_CODE


@login_required
def report_list(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    versions = list(plan.versions.prefetch_related("decisions"))
    approved = plan.versions.in_force()
    # What officials get first: the approved version, else the one in review, whose PDF was
    # made when it was frozen.
    shown = approved or (versions[0] if versions else None)
    language = _default_language(request)
    return render(
        request,
        "actionplans/reports/list.html",
        {
            "trajectory": plan.trajectory,
            "plan": plan,
            "versions": versions,
            "selected_version": shown,
            "approved_numbers": {
                version.number
                for version in versions
                if any(d.outcome == Decision.Outcome.APPROVED for d in version.decisions.all())
            },
            "reports": Report.objects.filter(version__plan=plan)
            .select_related("version", "requested_by")
            .order_by("-requested_at"),
            "default_report": shown and reports.report_shown(version=shown, language=language),
            "languages": settings.LANGUAGES,
            "selected_language": language,
            "approved_version": approved,
            "may_record_council_decision": approved is not None
            and CouncilDecision.recordable_by(request.user, plan.trajectory.municipality),
        },
    )


@require_POST
@login_required
def report_request(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    version = version_for(plan, request.POST.get("version") or 0)
    language = request.POST.get("language") or _default_language(request)
    try:
        report, created = reports.report_request(
            version=version,
            language=language,
            by=request.user,
            force=request.POST.get("force") == "1",
        )
    except reports.ReportError as error:
        messages.error(request, str(error))
        return redirect("actionplans:report_list", trajectory_pk=plan.trajectory_id)
    if not created:
        messages.info(
            request,
            _("This PDF already exists or is being made; here it is.")
            if report.status == Report.Status.DONE
            else _("This PDF is already being made."),
        )
    return redirect(
        "actionplans:report_status", trajectory_pk=plan.trajectory_id, report_id=report.pk
    )


@login_required
def report_status(request: HttpRequest, trajectory_pk: int, report_id) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    report = report_for(plan, report_id)
    context = {
        "trajectory": plan.trajectory,
        "plan": plan,
        "report": report,
        "is_pending": report.status in (Report.Status.QUEUED, Report.Status.RENDERING),
        "generic_failure": reports.GENERIC_FAILURE,
        "filename": reports.report_filename(report),
    }
    if request.htmx:
        return render(request, "actionplans/reports/status_partial.html", context)
    return render(request, "actionplans/reports/status.html", context)


@login_required
def report_download(request: HttpRequest, trajectory_pk: int, report_id) -> FileResponse:
    plan = plan_for(request.user, trajectory_pk)
    report = report_for(plan, report_id)
    if not report.is_downloadable:
        raise Http404
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=reports.report_filename(report),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def report_retry(request: HttpRequest, trajectory_pk: int, report_id) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    report = report_for(plan, report_id)
    if not reports.report_retry(report=report):
        messages.info(request, _("This PDF is not in a failed state; nothing to retry."))
    return redirect(
        "actionplans:report_status", trajectory_pk=plan.trajectory_id, report_id=report.pk
    )


def _approved_version_for(request: HttpRequest, trajectory_pk: int, number) -> PlanVersion:
    """An approved version whose council decision the user may record; 404 for anything else."""
    plan = plan_for(request.user, trajectory_pk)
    version = version_for(plan, number)
    if not CouncilDecision.recordable_by(request.user, plan.trajectory.municipality):
        raise Http404
    if not version.is_approved:
        raise Http404
    version.plan = plan
    return version


@login_required
def council_decision(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    """The council decisions recorded on an approved version, and the form to record one."""
    version = _approved_version_for(request, trajectory_pk, number)
    plan = version.plan
    form = CouncilDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_decision_record(version=version, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The council decision is recorded; PDFs made from now on show it on the cover."),
            )
            return redirect(
                reverse("actionplans:council_decision", args=[plan.trajectory_id, version.number])
            )
    return render(
        request,
        "actionplans/reports/council_decision.html",
        {
            "trajectory": plan.trajectory,
            "plan": plan,
            "version": version,
            "form": form,
            "council_decisions": version.council_decisions.select_related("recorded_by"),
        },
    )
