"""The accessible HTML twins of plan versions and progress reports.

Signed-in readers reach a twin through the council access helpers (404 for a trajectory they
may not see); anyone reaches the twin of a document once it was sent to the council, by the
submission's token only. Each twin is rendered inside its document's language.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from council import twin
from council.access import council_report_for, council_version_for, public_submission_for

VERSION_TEMPLATE = "council/twin_version.html"
REPORT_TEMPLATE = "council/twin_report.html"
#: The public twin is the same for everyone and never changes once sent (it reads a snapshot).
PUBLIC_MAX_AGE = 60 * 60


def _render(request, template, context, language, status=200) -> HttpResponse:
    with translation.override(language):
        response = render(request, template, context, status=status)
    response["Content-Language"] = twin.language_tag(language)
    return response


def _version_page(request, version, *, public: bool) -> HttpResponse:
    language = twin.version_language(request.GET.get("lang"))
    with translation.override(language):
        context = twin.version_twin_context(version, language=language)
    context.update(
        public=public,
        pdf=None if public else twin.version_pdf(version, language),
        languages=[(code, name) for code, name in settings.LANGUAGES if code != language],
    )
    return _render(request, VERSION_TEMPLATE, context, language)


def _report_page(request, report, *, public: bool) -> HttpResponse:
    with translation.override(report.language):
        context = twin.report_twin_context(report)
    context.update(public=public, has_pdf=not public and twin.report_has_pdf(report))
    return _render(request, REPORT_TEMPLATE, context, report.language)


@require_safe
@login_required
def version_twin(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number)
    return _version_page(request, version, public=False)


@require_safe
@login_required
def report_twin(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    report = council_report_for(request.user, trajectory_pk, pk)
    return _report_page(request, report, public=False)


@require_safe
def public_twin(request: HttpRequest, token: str) -> HttpResponse:
    submission = public_submission_for(token)
    if submission.plan_version_id:
        version = submission.plan_version
        version.plan.trajectory = submission.trajectory
        response = _version_page(request, version, public=True)
    else:
        report = submission.progress_report
        report.trajectory = submission.trajectory
        response = _report_page(request, report, public=True)
    # A signed-in visitor's response may refresh their session cookie: not for shared caches.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
    response["Cache-Control"] = f"{'private' if signed_in else 'public'}, max-age={PUBLIC_MAX_AGE}"
    response["X-Robots-Tag"] = "noindex"
    return response
