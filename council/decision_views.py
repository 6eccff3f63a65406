"""The council packet of a plan version: its draft decision, the edit form and the downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from actionplans.models import PlanVersion
from council import decision_exports as exports
from council.access import council_version_for
from council.decision_forms import DraftDecisionForm
from council.drafting import EDITABLE_FIELDS, NotApproved, draft_decision_for, draft_decision_save
from council.models import DraftDecision, speaks_for_council
from plus_portal.history import record_history_entries
from plus_portal.locking import StaleEdit, stale_context


def _draft(request: HttpRequest, version: PlanVersion) -> DraftDecision:
    """The version's draft decision; 404 for a version not approved (it has none)."""
    try:
        return draft_decision_for(version, by=request.user)
    except NotApproved:
        raise Http404 from None


@login_required
def packet(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number)
    trajectory = version.plan.trajectory
    try:
        draft = draft_decision_for(version, by=request.user)
    except NotApproved:
        draft = None
    context = {"trajectory": trajectory, "version": version, "draft": draft}
    if draft is not None:
        context |= exports.decision_context(draft)
        context["can_edit"] = speaks_for_council(request.user, trajectory)
        context["history"] = record_history_entries(draft)
    return render(request, "council/packet.html", context)


@login_required
def edit(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number, write=True)
    draft = _draft(request, version)
    form = DraftDecisionForm(request.POST or None, instance=draft)
    stale = {}
    if request.method == "POST" and form.is_valid():
        try:
            draft_decision_save(
                draft=draft,
                values=form.values,
                opened_at=form.cleaned_data["opened_at"],
                by=request.user,
            )
        except StaleEdit as error:
            form.add_error(None, str(error))
            stale = stale_context(error, [n for n in EDITABLE_FIELDS if n != "articles"])
        else:
            messages.success(request, _("The draft decision is saved."))
            return redirect("council_decision:packet", version.plan.trajectory_id, version.number)
    return render(
        request,
        "council/decision_edit.html",
        {"trajectory": version.plan.trajectory, "version": version, "form": form, **stale},
    )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def pdf(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number)
    rendered = exports.decision_pdf(_draft(request, version))
    return _download(rendered.content, "application/pdf", exports.filename(version, "pdf"))


@login_required
def html(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number)
    content = exports.decision_html(_draft(request, version)).encode()
    return _download(content, "text/html; charset=utf-8", exports.filename(version, "html"))


@login_required
def docx(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number)
    content = exports.decision_docx(_draft(request, version))
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(content, word, exports.filename(version, "docx"))


@login_required
def jsonld(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    version = council_version_for(request.user, trajectory_pk, number)
    args = [version.plan.trajectory_id, version.number]
    content = exports.decision_jsonld_bytes(
        _draft(request, version),
        decision_uri=request.build_absolute_uri(reverse("council_decision:packet", args=args)),
        version_uri=request.build_absolute_uri(reverse("actionplans:version", args=args)),
    )
    return _download(content, "application/ld+json", exports.filename(version, "jsonld"))
