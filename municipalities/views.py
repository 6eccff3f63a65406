from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import spreadsheets
from municipalities.access import (
    administrator_only,
    batch_for,
    contact_for,
    importable_section_for,
    membership_for,
    record_for,
    site_for,
)
from municipalities.filters import TrajectoryFilter
from municipalities.forms import (
    ImportConfirmForm,
    ImportUploadForm,
    MembershipForm,
    PhaseForm,
    SiteYearFormSet,
    TrajectoryForm,
    TrajectoryStartForm,
)
from municipalities.imports import ImportHandled, import_apply, import_discard, import_receive
from municipalities.intake import intake_checklist, intake_figures, ready_for_swot
from municipalities.models import (
    ImportBatch,
    Membership,
    Municipality,
    Trajectory,
)
from municipalities.sections import SECTIONS, section_for
from municipalities.services import (
    PhaseError,
    PortalAccessError,
    RecordInUse,
    contact_grant_portal_access,
    intake_record_delete,
    membership_grant,
    membership_revoke,
    trajectory_change_phase,
    trajectory_start,
)
from plus_portal.access import get_visible_or_404, trajectory_for
from plus_portal.data_state import cache_key, viewer
from plus_portal.history import record_history_entries
from plus_portal.locking import StaleEdit, stale_context
from plus_portal.models import User


@login_required
def trajectory_list(request: HttpRequest) -> HttpResponse:
    trajectories = Trajectory.objects.visible_to(request.user).select_related("municipality")
    filterset = TrajectoryFilter(request.GET, queryset=trajectories)
    # Read only when the template's cache (by list_key) misses.
    page = SimpleLazyObject(lambda: Paginator(filterset.qs, 50).get_page(request.GET.get("page")))
    query = request.GET.urlencode()
    context = {
        "filterset": filterset,
        "page": page,
        "list_key": cache_key(
            "trajectory-list", viewer(request.user), query, apps=("municipalities",)
        ),
    }
    return render(request, "municipalities/trajectory_list.html", context)


@login_required
def trajectory_start_view(request: HttpRequest) -> HttpResponse:
    if not request.user.works_for_inz:
        raise PermissionDenied
    form = TrajectoryStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        trajectory = trajectory_start(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("The trajectory of %(municipality)s has started.")
            % {"municipality": trajectory.municipality},
        )
        return redirect("municipalities:trajectory_detail", pk=trajectory.pk)
    return render(request, "municipalities/trajectory_start.html", {"form": form})


@login_required
def trajectory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk)
    figures = intake_figures(trajectory)
    checklist = intake_checklist(trajectory, figures)
    return render(
        request,
        "municipalities/trajectory_detail.html",
        {
            "trajectory": trajectory,
            "can_edit": trajectory.editable_by(request.user),
            "figures": figures,
            "checklist": checklist,
            "ready_for_swot": ready_for_swot(checklist),
            "sections": SECTIONS.values(),
            "phase_changes": trajectory.phase_changes.select_related("changed_by"),
            "coordinators": trajectory.responsible_coordinators(),
            "phase_form": PhaseForm(
                trajectory=trajectory, initial={"started_on": timezone.localdate()}
            ),
        },
    )


@login_required
def trajectory_edit(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk, write=True)
    form = TrajectoryForm(request.POST or None, instance=trajectory)
    stale = {}
    if request.method == "POST" and form.is_valid():
        try:
            # Only the form's fields: the phase moves by itself meanwhile when work is done.
            form.save_locked(
                save=lambda: trajectory.save(update_fields=[*form.Meta.fields, "updated_at"])
            )
        except StaleEdit as error:
            messages.error(request, str(error))
            stale = stale_context(error, form.Meta.fields)
        else:
            messages.success(request, _("The trajectory has been saved."))
            return redirect("municipalities:trajectory_detail", pk=trajectory.pk)
    return render(
        request,
        "municipalities/trajectory_form.html",
        {"trajectory": trajectory, "form": form, **stale},
    )


@require_POST
@login_required
def trajectory_phase(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk, write=True)
    form = PhaseForm(request.POST, trajectory=trajectory)
    if form.is_valid():
        try:
            trajectory_change_phase(trajectory=trajectory, by=request.user, **form.cleaned_data)
        except PhaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The trajectory is now in phase “%(phase)s”.")
                % {"phase": trajectory.get_phase_display()},
            )
    else:
        messages.error(
            request,
            _("The phase could not be changed: %(errors)s") % {"errors": form.errors.as_text()},
        )
    return redirect("municipalities:trajectory_detail", pk=trajectory.pk)


@login_required
def membership_list(request: HttpRequest) -> HttpResponse:
    """Who has access to which municipality; the one place where access is granted."""
    administrator_only(request.user)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = membership_grant(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(user)s now has access to %(municipality)s.")
            % {"user": membership.user, "municipality": membership.municipality},
        )
        return redirect("municipalities:membership_list")
    return render(
        request,
        "municipalities/membership_list.html",
        {
            "form": form,
            "page": Paginator(_users_with_access(), 50).get_page(request.GET.get("page")),
            "history": Membership.history.select_related(
                "history_user", "user", "municipality"
            ).order_by("-history_date")[:30],
        },
    )


def _users_with_access():
    """The accounts whose access an administrator manages: everyone but administrators."""
    return (
        User.objects.filter(is_active=True)
        .exclude(role=User.Role.ADMINISTRATOR)
        .prefetch_related("memberships__municipality")
        .order_by("role", "last_name", "first_name", "username")
    )


@require_POST
@login_required
def membership_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request.user, pk)
    membership_revoke(membership=membership, by=request.user)
    messages.success(
        request,
        _("%(user)s no longer has access to %(municipality)s.")
        % {"user": membership.user, "municipality": membership.municipality},
    )
    return redirect("municipalities:membership_list")


@login_required
def municipality_detail(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = get_visible_or_404(Municipality.objects.all(), request.user, pk)
    return render(
        request,
        "municipalities/municipality_detail.html",
        {"municipality": municipality, "trajectories": municipality.trajectories.all()},
    )


def _context(request, trajectory, section, **extra) -> dict:
    return {
        "trajectory": trajectory,
        "section": section,
        "can_edit": trajectory.editable_by(request.user),
        "sections": SECTIONS.values(),
        **extra,
    }


@login_required
def record_list(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk)
    section = section_for(section)
    filterset = section.filterset(request.GET, queryset=section.records(trajectory))
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "municipalities/record_list.html",
        _context(request, trajectory, section, filterset=filterset, page=page),
    )


@login_required
def record_detail(request: HttpRequest, pk: int, section: str, record_pk: int) -> HttpResponse:
    trajectory, section, record = record_for(request.user, pk, section, record_pk)
    return render(
        request,
        "municipalities/record_detail.html",
        _context(request, trajectory, section, record=record),
    )


def _record_forms(request, trajectory, section, record):
    """The section's form, and the formset of what belongs to the record (a school's sites)."""
    form = section.form(request.POST or None, instance=record, trajectory=trajectory)
    if not section.formset:
        return form, None
    formset = section.formset(
        request.POST or None,
        instance=form.instance,
        form_kwargs={"trajectory": trajectory},
        prefix="sites",
    )
    return form, formset


def _save_with(form, formset):
    """Write the record and what belongs to it, in one transaction."""

    def save():
        saved = form.save()
        if formset is not None:
            formset.instance = saved
            formset.save()
        return saved

    with transaction.atomic():
        return form.save_locked(save)


def _save_record(request, trajectory, section, record=None) -> HttpResponse:
    form, formset = _record_forms(request, trajectory, section, record)
    stale = {}
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        try:
            record = _save_with(form, formset)
        except StaleEdit as error:
            messages.error(request, str(error))
            stale = stale_context(error, form.Meta.fields)
            record = error.current  # the page is about what is saved, not the refused edit
        else:
            messages.success(request, _("“%(record)s” has been saved.") % {"record": record})
            return redirect(
                "municipalities:record_detail",
                pk=trajectory.pk,
                section=section.slug,
                record_pk=record.pk,
            )
    return render(
        request,
        "municipalities/record_form.html",
        _context(request, trajectory, section, form=form, formset=formset, record=record, **stale),
    )


@login_required
def record_create(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk, write=True)
    return _save_record(request, trajectory, section_for(section))


@login_required
def record_update(request: HttpRequest, pk: int, section: str, record_pk: int) -> HttpResponse:
    trajectory, section, record = record_for(request.user, pk, section, record_pk, write=True)
    return _save_record(request, trajectory, section, record)


@login_required
def record_delete(request: HttpRequest, pk: int, section: str, record_pk: int) -> HttpResponse:
    trajectory, section, record = record_for(request.user, pk, section, record_pk, write=True)
    if request.method == "POST":
        name = str(record)
        try:
            intake_record_delete(record=record)
        except RecordInUse as refusal:
            messages.error(request, str(refusal))
            return redirect(
                "municipalities:record_detail",
                pk=trajectory.pk,
                section=section.slug,
                record_pk=record.pk,
            )
        messages.success(request, _("“%(record)s” has been deleted.") % {"record": name})
        return redirect("municipalities:record_list", pk=trajectory.pk, section=section.slug)
    return render(
        request,
        "municipalities/record_confirm_delete.html",
        _context(request, trajectory, section, record=record),
    )


@login_required
def record_history(request: HttpRequest, pk: int, section: str, record_pk: int) -> HttpResponse:
    trajectory, section, record = record_for(request.user, pk, section, record_pk)
    return render(
        request,
        "municipalities/record_history.html",
        _context(
            request, trajectory, section, record=record, entries=record_history_entries(record)
        ),
    )


@login_required
def site_years(request: HttpRequest, pk: int, site_pk: int) -> HttpResponse:
    trajectory, site = site_for(request.user, pk, site_pk, write=True)
    formset = SiteYearFormSet(request.POST or None, instance=site, prefix="years")
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(
            request, _("The pupil figures of %(site)s have been saved.") % {"site": site}
        )
        return redirect(
            "municipalities:record_detail",
            pk=trajectory.pk,
            section="schools",
            record_pk=site.school_id,
        )
    return render(
        request,
        "municipalities/site_years_form.html",
        _context(request, trajectory, SECTIONS["schools"], site=site, formset=formset),
    )


@require_POST
@login_required
def contact_portal_access(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    trajectory, contact = contact_for(request.user, pk, record_pk, write=True)
    try:
        user = contact_grant_portal_access(
            contact=contact, domain=request.get_host(), use_https=request.is_secure()
        )
    except PortalAccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "%(name)s can now use the portal; an e-mail to choose a password is on its way to "
                "%(email)s."
            )
            % {"name": contact.name, "email": user.email},
        )
    return redirect(
        "municipalities:record_detail", pk=trajectory.pk, section="contacts", record_pk=contact.pk
    )


@login_required
def import_upload(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk, write=True)
    section = importable_section_for(section)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_receive(
                trajectory=trajectory,
                kind=section.import_kind,
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except spreadsheets.ImportRefused as refusal:
            form.add_error("file", refusal.message)
        else:
            return redirect(
                "municipalities:import_preview",
                pk=trajectory.pk,
                section=section.slug,
                batch_pk=batch.pk,
            )
    return render(
        request,
        "municipalities/import_upload.html",
        _context(
            request,
            trajectory,
            section,
            form=form,
            columns=spreadsheets.columns_for(section.import_kind),
        ),
    )


@login_required
def import_preview(request: HttpRequest, pk: int, section: str, batch_pk: int) -> HttpResponse:
    trajectory, section, batch = batch_for(request.user, pk, section, batch_pk)
    records = redirect("municipalities:record_list", pk=trajectory.pk, section=section.slug)
    form = ImportConfirmForm(request.POST or None)
    try:
        if batch.status != ImportBatch.Status.PREVIEWED:
            raise ImportHandled
        if request.method == "POST" and form.is_valid() and "discard" in request.POST:
            import_discard(batch=batch)
            messages.info(request, _("The import has been discarded; nothing was changed."))
            return records
        if request.method == "POST" and form.is_valid():
            counts = import_apply(
                batch=batch, allow_partial=form.cleaned_data["allow_partial"], by=request.user
            )
            messages.success(request, spreadsheets.import_result_message(counts))
            return records
    except ImportHandled:
        messages.info(request, _("This import has already been handled."))
        return records
    except spreadsheets.ImportRefused as refusal:
        messages.error(request, refusal.message)
    preview = spreadsheets.preview_import(trajectory=trajectory, kind=batch.kind, rows=batch.rows)
    return render(
        request,
        "municipalities/import_preview.html",
        _context(request, trajectory, section, batch=batch, preview=preview, form=form),
    )


def _download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    content_type = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
    }[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
def record_export(request: HttpRequest, pk: int, section: str, fmt: str) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk)
    section = importable_section_for(section)
    writer = {"xlsx": spreadsheets.export_xlsx, "csv": spreadsheets.export_csv}[fmt]
    content = writer(trajectory=trajectory, kind=section.import_kind)
    name = spreadsheets.export_filename(
        trajectory=trajectory, kind=section.import_kind, day=timezone.localdate()
    )
    return _download(content, name, fmt)


@login_required
def import_template(request: HttpRequest, pk: int, section: str, fmt: str) -> HttpResponse:
    trajectory_for(request.user, pk)
    section = importable_section_for(section)
    writer = {"xlsx": spreadsheets.template_xlsx, "csv": spreadsheets.template_csv}[fmt]
    return _download(
        writer(section.import_kind), spreadsheets.template_filename(section.import_kind), fmt
    )
