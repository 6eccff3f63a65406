from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.models import Trajectory
from plus_portal.access import trajectory_for
from plus_portal.history import record_history_entries
from staffing import rules
from staffing.access import placement_for, sees_personal_data, worker_for
from staffing.accounts import worker_account_invite, worker_account_revoke
from staffing.forms import (
    SECTIONS,
    DevelopmentPlanForm,
    PlacementForm,
    PlacementSlotFormSet,
    StaffFilterForm,
    WorkerForm,
    improvement_action_formset,
)
from staffing.history import pop_history, rows_history
from staffing.matching import suggest_workers
from staffing.models import DevelopmentPlan, Placement, Weekday, Worker
from staffing.overview import alerts_cache_key, alerts_for, staff_list_cache_key, staff_page
from staffing.ratio import (
    coverage_losses,
    loss_texts,
    staff_ratio,
    staffing_rows,
    teen_staff_ratio,
)
from staffing.rules import placement_proposal
from staffing.services import PlacementError, placement_save, pop_save, worker_rows_save


def _require_inz(request: HttpRequest) -> None:
    # Workers' files are personal data: outside IN-Z they do not exist.
    if not request.user.works_for_inz:
        raise Http404


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    _require_inz(request)
    form = StaffFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        context = {"page": None, "rows": [], "form": form}
        return render(request, "staffing/staff_list.html", context, status=400)
    today = timezone.localdate()
    # Read only when the template's cache (by staff_key) misses.
    page = SimpleLazyObject(
        lambda: staff_page(request.user, form.cleaned_data, request.GET.get("page"), today=today)
    )
    context = {
        "page": page,
        "rows": SimpleLazyObject(lambda: page.object_list),
        "form": form,
        "staff_key": staff_list_cache_key(request.user, request.GET.urlencode(), today=today),
    }
    return render(request, "staffing/staff_list.html", context)


def _week(placements) -> list[tuple[str, list]]:
    """Placements' weekly slots per weekday, Monday to Friday (and weekend when used)."""
    days = defaultdict(list)
    for placement in placements:
        for slot in placement.slots.all():
            if slot.weekday is not None:
                days[slot.weekday].append((slot, placement))
    used = sorted(set(range(5)) | set(days))
    return [
        (Weekday(day).label, sorted(days[day], key=lambda pair: pair[0].starts_at)) for day in used
    ]


@login_required
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_inz(request)
    worker = worker_for(request.user, pk)
    today = timezone.localdate()
    placements = (
        Placement.objects.visible_to(request.user)
        .filter(worker=worker)
        .select_related("trajectory__municipality", "site__school")
        .prefetch_related("slots", "actions__action_plan__objective")
    )
    pop = getattr(worker, "pop", None)
    return render(
        request,
        "staffing/worker_detail.html",
        {
            "worker": worker,
            "alerts": rules.worker_alerts(worker, today=today),
            "pop": pop,
            "improvement_actions": pop.actions.all() if pop else [],
            "sections": SECTIONS,
            "milestones": worker.milestones.all(),
            "trainings": worker.trainings.all(),
            "competences": worker.competences.select_related("competence"),
            "qualifications": worker.qualifications.all(),
            "availability": worker.availability.all(),
            "placements": placements,
            "week": _week(placements),
            "history": record_history_entries(worker),
        },
    )


@require_POST
@login_required
def worker_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite the worker to their own bridge figure's account, or revoke it."""
    _require_inz(request)
    worker = worker_for(request.user, pk, write=True)
    try:
        if "revoke" in request.POST:
            worker_account_revoke(worker=worker, by=request.user)
            messages.success(request, _("%(name)s can no longer sign in.") % {"name": worker})
        else:
            account = worker_account_invite(
                worker=worker,
                email=request.POST.get("email", ""),
                by=request.user,
                domain=request.get_host(),
                use_https=request.is_secure(),
            )
            message = _("An e-mail to choose a password is on its way to %(email)s.")
            messages.success(request, message % {"email": account.email})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("staffing:worker", pk=worker.pk)


@login_required
def worker_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_inz(request)
    worker = worker_for(request.user, pk, write=True) if pk is not None else None
    form = WorkerForm(request.POST if request.method == "POST" else None, instance=worker)
    if request.method == "POST" and form.is_valid():
        worker = form.save()
        messages.success(request, _("“%(worker)s” has been saved.") % {"worker": worker})
        return redirect("staffing:worker", pk=worker.pk)
    return render(request, "staffing/worker_form.html", {"form": form, "worker": worker})


def _municipality_context(request, trajectory) -> dict:
    today = timezone.localdate()
    placements = (
        Placement.objects.filter(trajectory=trajectory)
        .select_related("worker", "site__school")
        .prefetch_related("slots")
        .order_by("site__school__name", "central_site_name", "worker__last_name")
    )
    current = [p for p in placements if p.ends_on is None or p.ends_on >= today]
    by_place = defaultdict(list)
    for placement in current:
        by_place[placement.place].append(placement)
    rows = staffing_rows(trajectory, on=today)
    return {
        "trajectory": trajectory,
        "placements": current,
        "weeks": [(place, _week(items)) for place, items in sorted(by_place.items())],
        "rows": rows,
        "short": [row for row in rows if row.is_short],
        "losses": loss_texts(
            coverage_losses(trajectory, today=today),
            detailed=sees_personal_data(request.user, trajectory),
        ),
        "placed_fte": rules.placed_fte(trajectory, on=today),
        "agreement_fte": rules.agreement_fte(trajectory, on=today),
        "can_edit": trajectory.editable_by(request.user),
        "ratio": staff_ratio(),
        "teen_ratio": teen_staff_ratio(),
    }


@login_required
def municipality(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    return render(request, "staffing/municipality.html", _municipality_context(request, trajectory))


def _row(trajectory, request):
    rows = staffing_rows(trajectory, on=timezone.localdate())
    key = request.GET.get("row", "")
    for index, row in enumerate(rows):
        if str(index) == key:
            return index, row
    raise Http404


@login_required
def suggestions(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    index, row = _row(trajectory, request)
    return render(
        request,
        "staffing/suggestions.html",
        {
            "trajectory": trajectory,
            "row": row,
            "row_index": index,
            "suggestions": suggest_workers(
                row,
                trajectory,
                on=timezone.localdate(),
                workers=Worker.objects.visible_to(request.user),
            ),
        },
    )


def _proposal(request: HttpRequest, trajectory: Trajectory) -> tuple[dict, list[dict]]:
    """What a new placement form starts from: the uncovered row (and worker) it was asked for."""
    if not request.GET.get("row"):
        return {}, []
    _index, row = _row(trajectory, request)
    worker_id = request.GET.get("worker")
    worker = worker_for(request.user, worker_id) if worker_id else None
    return placement_proposal(row=row, worker=worker, today=timezone.localdate())


@login_required
def placement_form(request: HttpRequest, trajectory_pk: int, pk: int | None = None):
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    if pk is not None:
        placement = placement_for(request.user, trajectory, pk, write=True)
        initial, slot_initial = {}, []
    else:
        placement = Placement(trajectory=trajectory)
        initial, slot_initial = _proposal(request, trajectory)
    data = request.POST if request.method == "POST" else None
    form = PlacementForm(
        data, instance=placement, trajectory=trajectory, user=request.user, initial=initial
    )
    formset = PlacementSlotFormSet(data, instance=placement, prefix="slots", initial=slot_initial)
    if request.method == "POST" and _placement_saved(request, form, formset):
        return redirect("staffing:municipality", trajectory_pk=trajectory.pk)
    context = {"trajectory": trajectory, "form": form, "formset": formset, "placement": placement}
    return render(request, "staffing/placement_form.html", context)


def _placement_saved(request: HttpRequest, form, formset) -> bool:
    """Save valid placement forms through the service; what it refuses becomes form errors."""
    if not (form.is_valid() and formset.is_valid()):
        return False
    try:
        saved = placement_save(
            placement=form.save(commit=False),
            slots=formset.slots(),
            actions=form.cleaned_data["actions"],
            by=request.user,
        )
    except (PlacementError, ValidationError) as error:
        form.add_error(None, error.messages)
        return False
    messages.success(
        request,
        _("%(worker)s has been placed at %(place)s.")
        % {"worker": saved.worker, "place": saved.place},
    )
    return True


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    _require_inz(request)
    today = timezone.localdate()
    # Computed only when the page's cached part is missing for this key.
    due = SimpleLazyObject(lambda: alerts_for(request.user, today=today))
    key = alerts_cache_key(request.user, today=today)
    return render(request, "staffing/alerts.html", {"alerts": due, "alerts_key": key})


def _kept(formset) -> tuple[list, list, list]:
    """(rows kept, rows to write, rows to delete) of a valid model formset."""
    kept, changed, removed = [], [], []
    for form in formset.forms:
        if not form.cleaned_data:
            continue  # an empty extra row
        if form.cleaned_data.get("DELETE"):
            if form.instance.pk is not None:
                removed.append(form.instance)
            continue
        kept.append(form.instance)
        if form.instance.pk is None or form.has_changed():
            changed.append(form.instance)
    return kept, changed, removed


def _pop_of(worker: Worker) -> DevelopmentPlan:
    """The worker's POP, or a new one reviewed today."""
    try:
        return worker.pop
    except DevelopmentPlan.DoesNotExist:
        return DevelopmentPlan(worker=worker, reviewed_on=timezone.localdate())


def _pop_saved(request: HttpRequest, worker: Worker, form, formset) -> bool:
    """Save a valid POP form and its actions through the service; a refusal becomes an error."""
    if not (form.is_valid() and formset.is_valid()):
        return False
    kept, changed, removed = _kept(formset)
    try:
        pop_save(pop=form.save(commit=False), actions=kept, changed=changed, removed=removed)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    messages.success(request, _("The POP of %(worker)s has been saved.") % {"worker": worker})
    return True


@login_required
def pop_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator keeps the worker's POP and its improvement actions here."""
    _require_inz(request)
    worker = worker_for(request.user, pk, write=True)
    pop = _pop_of(worker)
    data = request.POST if request.method == "POST" else None
    form = DevelopmentPlanForm(data, instance=pop)
    formset = improvement_action_formset(new=pop.pk is None)(data, instance=pop, prefix="actions")
    if request.method == "POST" and _pop_saved(request, worker, form, formset):
        return redirect("staffing:worker", pk=worker.pk)
    history = pop_history(pop) if pop.pk else []
    context = {"worker": worker, "form": form, "formset": formset, "history": history, "pop": pop}
    return render(request, "staffing/pop_form.html", context)


def _rows_saved(request: HttpRequest, worker: Worker, part, formset) -> list[str] | None:
    """Save a valid part of the worker's file through the service: ``None`` once saved, else
    what stops it (nothing to tell when the formset shows its own errors)."""
    if not formset.is_valid():
        return []
    _kept_rows, changed, removed = _kept(formset)
    try:
        worker_rows_save(worker=worker, changed=changed, removed=removed)
    except ValidationError as error:
        return error.messages
    messages.success(
        request,
        _("%(part)s of %(worker)s have been saved.") % {"part": part.title, "worker": worker},
    )
    return None


@login_required
def worker_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """The coordinator keeps one part of the worker's file here: competences, qualifications,
    availability, milestones or training."""
    _require_inz(request)
    worker = worker_for(request.user, pk, write=True)
    part = SECTIONS[section]
    data = request.POST if request.method == "POST" else None
    formset = part.formset()(data, instance=worker, prefix="rows")
    errors = _rows_saved(request, worker, part, formset) if request.method == "POST" else []
    if errors is None:
        return redirect("staffing:worker", pk=worker.pk)
    history = rows_history(part.model, list(part.fields), worker_id=worker.pk)
    context = {
        "worker": worker,
        "part": part,
        "formset": formset,
        "errors": errors,
        "history": history,
    }
    return render(request, "staffing/worker_section.html", context)
