"""The coordinator's pages of a trajectory's surveys: list, create, edit, close, detail, the
QR code and the flyer.

Every view goes through an access helper (``trajectory_for``, ``survey_for``,
``survey_part_for``): a user who may not see the trajectory gets 404, one who may only read
gets 403 on a write. Officials read; the trajectory's coordinators and administrators write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plus_portal.access import trajectory_for
from plus_portal.locking import StaleEdit, stale_context
from surveys import flyers, qr, services
from surveys.access import survey_for, survey_part_for
from surveys.forms import SurveyForm
from surveys.models import Flyer, Response, Survey


@login_required
def survey_list(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    counted = (
        Response.objects.counted()
        .filter(survey=OuterRef("pk"))
        .order_by()
        .values("survey")
        .annotate(total=Count("pk"))
        .values("total")
    )
    surveys = Survey.objects.filter(trajectory=trajectory).annotate(
        answers=Coalesce(Subquery(counted), 0), site_count=Count("sites", distinct=True)
    )
    context = {
        "trajectory": trajectory,
        "surveys": [(survey, services.survey_status(survey)) for survey in surveys],
        "may_edit": trajectory.editable_by(request.user),
    }
    return render(request, "surveys/survey_list.html", context)


def _save(request, trajectory, survey=None) -> HttpResponse:
    form = SurveyForm(request.POST or None, instance=survey, trajectory=trajectory)
    stale = {}
    if request.method == "POST" and form.is_valid():
        values = {**form.survey_values, "by": request.user}
        try:
            if survey is None:
                survey = services.survey_create(trajectory=trajectory, **values)
            else:
                form.save_locked(lambda: services.survey_update(survey=form.instance, **values))
        except StaleEdit as error:
            messages.error(request, str(error))
            stale = stale_context(error, ["name", "opens_on", "closes_on"])
        else:
            messages.success(request, _("The survey “%(name)s” is saved.") % {"name": survey})
            return redirect(survey.get_absolute_url())
    context = {"trajectory": trajectory, "form": form, "survey": survey, **stale}
    return render(request, "surveys/survey_form.html", context)


@login_required
def survey_create(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    return _save(request, trajectory_for(request.user, trajectory_pk, write=True))


@login_required
def survey_edit(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, survey = survey_for(request.user, trajectory_pk, pk, write=True)
    return _save(request, trajectory, survey)


@login_required
def survey_close(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, survey = survey_for(request.user, trajectory_pk, pk, write=True)
    if request.method == "POST":
        if services.survey_close(survey=survey, by=request.user):
            messages.success(request, _("The survey is closed; it takes no more answers."))
        else:
            messages.info(request, _("This survey was closed already."))
        return redirect(survey.get_absolute_url())
    context = {"trajectory": trajectory, "survey": survey}
    return render(request, "surveys/survey_close.html", context)


def _flyer_context(request, trajectory, survey, flyer) -> dict:
    return {
        "trajectory": trajectory,
        "survey": survey,
        "flyer": flyer,
        "is_pending": flyer is not None and flyer.status in flyers.PENDING,
        "generic_failure": flyers.GENERIC_FAILURE,
        "may_edit": trajectory.editable_by(request.user),
    }


@login_required
def survey_detail(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, survey = survey_for(request.user, trajectory_pk, pk)
    url = services.public_url(survey)
    context = {
        **_flyer_context(request, trajectory, survey, survey.flyers.first()),
        "status": services.survey_status(survey),
        "public_url": url,
        "qr": qr.qr_svg_inline(url, label=_("QR code of the address %(url)s") % {"url": url}),
        "sites": survey.sites.select_related("school"),
    }
    return render(request, "surveys/survey_detail.html", context)


@login_required
def survey_qr(request: HttpRequest, trajectory_pk: int, pk: int, fmt: str) -> HttpResponse:
    _trajectory, survey = survey_for(request.user, trajectory_pk, pk)
    if fmt not in qr.FORMATS:
        raise Http404
    response = HttpResponse(
        qr.qr_bytes(services.public_url(survey), fmt), content_type=qr.FORMATS[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{qr.filename(survey, fmt)}"'
    return response


@require_POST
@login_required
def flyer_request(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    _trajectory, survey = survey_for(request.user, trajectory_pk, pk, write=True)
    try:
        services.flyer_request(survey=survey, by=request.user)
    except flyers.ReportError as error:
        messages.error(request, str(error))
    return redirect(f"{survey.get_absolute_url()}#flyer")


@login_required
def flyer_status(request: HttpRequest, trajectory_pk: int, pk: int, flyer_pk: int) -> HttpResponse:
    trajectory, survey, flyer = survey_part_for(request.user, Flyer, trajectory_pk, pk, flyer_pk)
    context = _flyer_context(request, trajectory, survey, flyer)
    return render(request, "surveys/flyer_status.html", context)


@require_POST
@login_required
def flyer_retry(request: HttpRequest, trajectory_pk: int, pk: int, flyer_pk: int) -> HttpResponse:
    _t, survey, flyer = survey_part_for(
        request.user, Flyer, trajectory_pk, pk, flyer_pk, write=True
    )
    if not services.flyer_retry(flyer=flyer, by=request.user):
        messages.info(request, _("This flyer is not in a failed state; nothing to retry."))
    return redirect(f"{survey.get_absolute_url()}#flyer")


@login_required
def flyer_download(
    request: HttpRequest, trajectory_pk: int, pk: int, flyer_pk: int
) -> FileResponse:
    _t, _survey, flyer = survey_part_for(request.user, Flyer, trajectory_pk, pk, flyer_pk)
    if flyer.status != Flyer.Status.DONE or not flyer.pdf:
        raise Http404
    response = FileResponse(
        flyer.pdf.open("rb"),
        as_attachment=True,
        filename=flyers.flyer_filename(flyer),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
