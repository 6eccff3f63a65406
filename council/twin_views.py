"""The accessible HTML twins of plan versions and progress reports.

Signed-in readers reach a twin through the council access helpers (404 for a trajectory they
may not see); anyone reaches the twin of a document once it was sent to the council, by the
submission's token only. Each twin is rendered inside its document's language.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from actionplans import reports as plan_reports
from council import twin
from council.access import council_report_for, council_version_for, public_submission_for
from monitoring import reports as progress_reports

VERSION_TEMPLATE = "council/twin_version.html"
REPORT_TEMPLATE = "council/twin_report.html"
#: The public twin is the same for everyone and never changes once sent (it reads a snapshot).
PUBLIC_MAX_AGE = 60 * 60


def _render(request, template, context, language, status=200) -> HttpResponse:
    with translation.override(language):
        response = render(request, template, context, status=status)
    response["Content-Language"] = twin.language_tag(language)
    return response


def _version_page(request, version, *, token: str | None = None) -> HttpResponse:
    language = twin.version_language(request.GET.get("lang"))
    with translation.override(language):
        context = twin.version_twin_context(version, language=language)
    pdf = twin.version_pdf(version, language)
    if pdf and token:
        pdf_url = reverse("council_public:pdf", kwargs={"token": token}) + f"?lang={language}"
    elif pdf:
        pdf_url = reverse(
            "actionplans:report_download",
            kwargs={"trajectory_pk": version.plan.trajectory_id, "report_id": pdf.pk},
        )
    else:
        pdf_url = ""
    context.update(
        public=bool(token),
        pdf_url=pdf_url,
        languages=[(code, name) for code, name in settings.LANGUAGES if code != language],
    )
    return _render(request, VERSION_TEMPLATE, context, language)


def _report_page(request, report, *, token: str | None = None) -> HttpResponse:
    with translation.override(report.language):
        context = twin.report_twin_context(report)
    if not report.is_downloadable:
        pdf_url = ""
    elif token:
        pdf_url = reverse("council_public:pdf", kwargs={"token": token})
    else:
        pdf_url = reverse(
            "progress_reports:download",
            kwargs={"trajectory_pk": report.trajectory_id, "pk": report.pk},
        )
    context.update(public=bool(token), pdf_url=pdf_url)
    return _render(request, REPORT_TEMPLATE, context, report.language)


@require_safe
@login_required
def version_twin(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number)
    return _version_page(request, version)


@require_safe
@login_required
def report_twin(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    report = council_report_for(request.user, trajectory_pk, pk)
    return _report_page(request, report)


def _public_document(submission):
    """The submission's document, with its trajectory set from the submission."""
    if submission.plan_version_id:
        document = submission.plan_version
        document.plan.trajectory = submission.trajectory
    else:
        document = submission.progress_report
        document.trajectory = submission.trajectory
    return document


@require_safe
def public_pdf(request: HttpRequest, token: str) -> FileResponse:
    """The PDF the council received, for anyone with the public address: the plan version's
    in the language asked for (if it was made), or the progress report's."""
    submission = public_submission_for(token)
    document = _public_document(submission)
    if submission.plan_version_id:
        pdf = twin.version_pdf(document, twin.version_language(request.GET.get("lang")))
        if pdf is None:
            raise Http404
        file, filename = pdf.file, plan_reports.report_filename(pdf)
    else:
        if not document.is_downloadable:
            raise Http404
        file, filename = document.pdf, progress_reports.report_filename(document)
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def public_twin(request: HttpRequest, token: str) -> HttpResponse:
    submission = public_submission_for(token)
    document = _public_document(submission)
    page = _version_page if submission.plan_version_id else _report_page
    response = page(request, document, token=submission.public_token)
    # A signed-in visitor's response may refresh their session cookie: not for shared caches.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
    response["Cache-Control"] = f"{'private' if signed_in else 'public'}, max-age={PUBLIC_MAX_AGE}"
    response["X-Robots-Tag"] = "noindex"
    return response
