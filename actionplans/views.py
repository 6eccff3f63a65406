import functools
import hashlib
from typing import NamedTuple

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import services
from actionplans.access import (
    PART_MODELS,
    PlanLocked,
    library_action_for,
    new_part_for,
    part_for,
    plan_for,
    version_for,
)
from actionplans.checks import PlanChecks, plan_checks
from actionplans.coverage import CoverageMatrix, coverage_matrix, needs_for, sites_for
from actionplans.diff import diff_snapshots
from actionplans.exports import version_csv, version_xlsx
from actionplans.forms import (
    ActionCopyForm,
    ActionForm,
    ActionPlanForm,
    ActionSlotFormSet,
    AmendmentForm,
    BudgetLineFormSet,
    DecisionForm,
    FundingFormSet,
    ObjectiveForm,
    PlanForm,
)
from actionplans.models import Action, ActionPlan, Objective, Plan, PlanVersion
from actionplans.presenters import present_diff
from actionplans.snapshots import (
    ACTION,
    ACTION_PLAN,
    OBJECTIVE,
    Snapshot,
    build_snapshot,
    plan_snapshot,
)
from municipalities.models import Trajectory
from plus_portal.access import trajectory_for
from plus_portal.comments import threads_for
from plus_portal.data_state import data_state
from plus_portal.history import record_history_entries
from plus_portal.locking import StaleEdit, current_values
from plus_portal.models import Comment
from swot.models import Strategy, SwotItem

#: The key changes with the data and the day; the timeout only lets old entries go.
PLAN_PAGE_CACHE_SECONDS = 24 * 60 * 60
MOVE_BUTTONS = [("up", "▲", gettext_lazy("Move up")), ("down", "▼", gettext_lazy("Move down"))]

PART_FORMS = {"objective": ObjectiveForm, "actionplan": ActionPlanForm, "action": ActionForm}


def explains_locked_plan(view):
    """A coordinator who tries to change a plan its status keeps as it is gets a page that
    says why and what to do (open an amendment), with 403, instead of a bare refusal."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PlanLocked as locked:
            plan = locked.plan
            context = {
                "trajectory": plan.trajectory,
                "plan": plan,
                "message": str(locked),
                "can_amend": plan.amendable_by(request.user),
                "amendment_form": AmendmentForm(),
                # Editing an action: once the amendment is open, its form comes next.
                "action": _locked_action(plan, kwargs),
            }
            return render(request, "actionplans/plan_locked.html", context, status=403)

    return wrapper


def _locked_action(plan: Plan, view_kwargs: dict) -> Action | None:
    if view_kwargs.get("kind") != "action":
        return None
    return Action.objects.filter(
        action_plan__objective__plan=plan, pk=view_kwargs.get("pk")
    ).first()


def _coverage(plan: Plan, snapshot: Snapshot):
    return coverage_matrix(snapshot, needs_for(plan.trajectory), sites_for(plan.trajectory))


@login_required
def plan_view(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, with_related=("plan",))
    try:
        plan = trajectory.plan
    except Plan.DoesNotExist:
        return _plan_missing(request, trajectory)
    return render(request, "actionplans/plan.html", _plan_page(plan, request.user))


def _plan_missing(request: HttpRequest, trajectory: Trajectory) -> HttpResponse:
    title = _("PLUS action plan %(municipality)s %(cycle)s") % {
        "municipality": trajectory.municipality,
        "cycle": trajectory.cycle,
    }
    return render(
        request,
        "actionplans/plan_missing.html",
        {
            "trajectory": trajectory,
            "can_create": trajectory.editable_by(request.user),
            "form": PlanForm(initial={"title": title}),
        },
    )


#: The apps whose records the plan page shows: the plan, the intake it is measured against
#: (needs, sites, partners), the SWOT it answers and the comments on its parts.
PLAN_PAGE_APPS = ("actionplans", "municipalities", "swot", "plus_portal")
#: The app that records how the plan in force is carried out, shown beside each action. The
#: plan must not import the apps built on it, so it reads their rows through its own actions.
EXECUTION_APP = "execution"


def _page_apps() -> tuple[str, ...]:
    """The plan page's apps, and of the execution app the two models shown beside actions."""
    if not apps.is_installed(EXECUTION_APP):
        return PLAN_PAGE_APPS
    beside = (
        Action._meta.get_field(name).related_model for name in ("execution", "progress_notes")
    )
    return (*PLAN_PAGE_APPS, *(model._meta.label for model in beside))


def _execution_beside(version: PlanVersion | None) -> dict[int, dict] | None:
    """How each action of the version in force is carried out (status, progress, latest
    note), by action id, in one query; None when no version is in force."""
    if version is None or not apps.is_installed(EXECUTION_APP):
        return None
    notes = Action._meta.get_field("progress_notes").related_model.objects
    latest = notes.filter(action=OuterRef("pk")).order_by("-day", "-created_at")
    ids = [action.id for action in Snapshot.from_data(version.snapshot).actions]
    actions = (
        Action.all_objects.filter(pk__in=ids)
        .select_related("execution")
        .annotate(
            note_day=Subquery(latest.values("day")[:1]),
            note_text=Subquery(latest.values("text")[:1]),
        )
    )
    beside = {}
    for action in actions:
        execution = getattr(action, "execution", None)
        beside[action.pk] = {
            "status": execution.status if execution else "planned",
            "label": execution.get_status_display() if execution else _("Planned"),
            "progress": execution.progress if execution else 0,
            "note_day": action.note_day,
            "note_text": action.note_text or "",
        }
    return beside


class PlanFigures(NamedTuple):
    """What the plan page shows of the plan's data, computed and cached together."""

    snapshot: Snapshot
    checks: PlanChecks
    coverage: CoverageMatrix
    execution: dict[int, dict] | None
    open_comments: int
    version_count: int
    in_force: PlanVersion | None
    amendment_reason: str


def _plan_figures(plan: Plan, today) -> tuple[str, PlanFigures]:
    """(cache key, figures) of the live plan, computed once per state of the data they read
    (``data_state``), day and language. The key changes with any of them, so the template
    caches its rendering by it too."""
    state = data_state(*_page_apps())
    key = f"plan-page:{plan.pk}:{today.isoformat()}:{get_language()}:{state}"
    key = f"plan-page:{hashlib.sha256(key.encode()).hexdigest()}"
    figures = cache.get(key)
    if figures is None:
        # The typed plan tree only: no frozen sections, no JSON, no hash, as nothing is frozen.
        snapshot = build_snapshot(plan)
        in_force = plan.versions.defer("snapshot").in_force()
        figures = PlanFigures(
            snapshot=snapshot,
            checks=plan_checks(snapshot, today=today),
            coverage=_coverage(plan, snapshot),
            execution=_execution_beside(in_force),
            open_comments=_open_comments(plan.trajectory, snapshot),
            version_count=plan.versions.count(),
            in_force=in_force,
            amendment_reason=_amendment_reason(plan) if in_force else "",
        )
        cache.set(key, figures, timeout=PLAN_PAGE_CACHE_SECONDS)
    return key, figures


def _plan_page(plan: Plan, user) -> dict:
    """What the plan page shows: the live plan, its checks, coverage and review state."""
    plan_key, figures = _plan_figures(plan, timezone.localdate())
    open_comments = figures.open_comments
    return {
        "trajectory": plan.trajectory,
        "plan": plan,
        "plan_key": plan_key,
        "snapshot": figures.snapshot,
        "in_force": figures.in_force,
        "is_amendment": figures.in_force is not None and plan.status != Plan.Status.APPROVED,
        "amendment_reason": figures.amendment_reason,
        "can_amend": plan.amendable_by(user),
        "amendment_form": AmendmentForm(),
        "execution": figures.execution,
        "can_edit": plan.editable_by(user),
        "can_submit": plan.editable_by(user),
        "can_decide": plan.decidable_by(user),
        "decision_form": DecisionForm(),
        "version_count": figures.version_count,
        # Read only when the template's cache of the list (by plan_key) misses; without the
        # snapshot, as loading each version's JSON cost more than the rest.
        "versions": plan.versions.defer("snapshot")
        .select_related("submitted_by")
        .prefetch_related("decisions__decided_by"),
        "checks": figures.checks,
        "coverage": figures.coverage,
        "move_buttons": MOVE_BUTTONS,
        "open_comments": open_comments,
        "confirm_submit": _confirm(
            _("Submit the plan for review? A version is frozen and sent to the municipality."),
            open_comments,
        ),
        "confirm_decide": _confirm(
            _("Record your decision? An approval cannot be undone."), open_comments
        ),
    }


def _amendment_reason(plan: Plan) -> str:
    """Why the amendment in preparation was opened (its history row says), or ""."""
    if plan.status == Plan.Status.APPROVED:
        return ""
    opened = plan.history.filter(history_change_reason__isnull=False).exclude(
        history_change_reason=""
    )
    return opened.values_list("history_change_reason", flat=True).first() or ""


def _open_comments(trajectory: Trajectory, snapshot: Snapshot) -> int:
    """Unresolved threads on the parts the plan still has (not on removed ones); one query."""
    models = {OBJECTIVE: Objective, ACTION_PLAN: ActionPlan, ACTION: Action}
    ids = {level: set() for level in models}
    for placed in snapshot.parts():
        ids[placed.level].add(placed.part.id)
    on_parts = Q(pk__in=[])
    for level, model in models.items():
        on_parts |= Q(
            target_type=ContentType.objects.get_for_model(model), target_id__in=ids[level]
        )
    return Comment.objects.open_threads().filter(on_parts, trajectory=trajectory).count()


def _confirm(question: str, open_comments: int) -> str:
    """The question a submit or decision asks first, warning of comments still open."""
    if not open_comments:
        return question
    warning = ngettext(
        "There is still %(count)d open comment.",
        "There are still %(count)d open comments.",
        open_comments,
    ) % {"count": open_comments}
    return f"{warning} {question}"


@require_POST
@login_required
def plan_create(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    form = PlanForm(request.POST)
    if form.is_valid() and not Plan.objects.filter(trajectory=trajectory).exists():
        services.plan_create(trajectory=trajectory, by=request.user, **form.cleaned_data)
        messages.success(request, _("The action plan has been created."))
    return redirect("actionplans:plan", trajectory_pk=trajectory.pk)


@login_required
@explains_locked_plan
def plan_edit(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk, write=True)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The plan has been saved."))
        return redirect(plan)
    return render(
        request,
        "actionplans/plan_form.html",
        {"trajectory": plan.trajectory, "plan": plan, "form": form},
    )


def _formsets(request, action: Action):
    data = request.POST if request.method == "POST" else None
    return {
        "slots": ActionSlotFormSet(data, instance=action, prefix="slots"),
        "budget": BudgetLineFormSet(data, instance=action, prefix="budget"),
        "funding": FundingFormSet(data, instance=action, prefix="funding"),
    }


def _save_part(request, plan: Plan, kind: str, part, *, is_new: bool) -> HttpResponse:
    form = PART_FORMS[kind](request.POST or None, instance=part, plan=plan)
    formsets = _formsets(request, part) if kind == "action" else {}
    valid = form.is_valid() and all(f.is_valid() for f in formsets.values())
    if request.method == "POST" and valid:
        try:
            _store_part(form, formsets, is_new=is_new)
        except StaleEdit as stale:
            messages.error(request, str(stale))
            return _part_form(request, plan, kind, form, formsets, part, current=stale.current)
        except services.PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("“%(part)s” has been saved.") % {"part": form.instance})
            return redirect(f"{plan.get_absolute_url()}#{form.instance.code}")
    return _part_form(request, plan, kind, form, formsets, None if is_new else part)


@transaction.atomic
def _store_part(form, formsets: dict, *, is_new: bool) -> None:
    """The part through its service, then its relations and rows: all of it, or nothing."""
    form.save(commit=False)
    if is_new:
        services.part_add(form.instance)
    else:
        services.part_save(form.instance, expected_version=form.expected_version)
    form.save_m2m()
    for formset in formsets.values():
        formset.instance = form.instance
        formset.save()


def _part_form(request, plan: Plan, kind: str, form, formsets, part, *, current=None):
    context = {
        "trajectory": plan.trajectory,
        "plan": plan,
        "kind": kind,
        "form": form,
        "formsets": formsets,
        "part": part,
    }
    if current is not None:
        context.update(current=current, current_fields=_fields(current))
    return render(request, "actionplans/part_form.html", context)


def _fields(part) -> list[tuple[str, str]]:
    return current_values(part, PART_FORMS[_kind_of(part)].Meta.fields)


def _kind_of(part) -> str:
    return next(kind for kind, (model, _path) in PART_MODELS.items() if isinstance(part, model))


@login_required
@explains_locked_plan
def part_create(request: HttpRequest, trajectory_pk: int, kind: str) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk, write=True)
    parent_pk = request.GET.get("parent") or request.POST.get("parent")
    part = new_part_for(plan, kind, parent_pk)
    return _save_part(request, plan, kind, part, is_new=True)


@login_required
@explains_locked_plan
def part_update(request: HttpRequest, trajectory_pk: int, kind: str, pk: int) -> HttpResponse:
    part, plan = part_for(request.user, trajectory_pk, kind, pk, write=True)
    return _save_part(request, plan, kind, part, is_new=False)


@login_required
def part_detail(request: HttpRequest, trajectory_pk: int, kind: str, pk: int) -> HttpResponse:
    part, plan = part_for(request.user, trajectory_pk, kind, pk)
    return render(
        request,
        "actionplans/part_detail.html",
        {
            "trajectory": plan.trajectory,
            "plan": plan,
            "kind": kind,
            "part": part,
            "fields": _fields(part),
            "threads": threads_for(part),
            "history": record_history_entries(part),
            "can_edit": plan.editable_by(request.user),
            "can_amend": plan.amendable_by(request.user),
            "amendment_form": AmendmentForm(),
            "has_plan_in_force": kind == "action" and plan.versions.in_force() is not None,
            "slots": part.slots.all() if kind == "action" else [],
            "budget_lines": part.budget_lines.all() if kind == "action" else [],
            "funding": part.funding.all() if kind == "action" else [],
        },
    )


@login_required
def action_detail(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    return part_detail(request, trajectory_pk, "action", pk)


@require_POST
@login_required
@explains_locked_plan
def part_remove(request: HttpRequest, trajectory_pk: int, kind: str, pk: int) -> HttpResponse:
    part, plan = part_for(request.user, trajectory_pk, kind, pk, write=True)
    services.part_remove(part)
    messages.success(request, _("“%(part)s” has been removed from the plan.") % {"part": part})
    return redirect(plan)


@require_POST
@login_required
@explains_locked_plan
def part_move(request: HttpRequest, trajectory_pk: int, kind: str, pk: int) -> HttpResponse:
    part, plan = part_for(request.user, trajectory_pk, kind, pk, write=True)
    services.part_move(part, offset=-1 if request.POST.get("direction") == "up" else 1)
    messages.info(request, _("The parts have been renumbered."))
    return redirect(plan)


@require_POST
@login_required
@explains_locked_plan
def plan_submit(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk, write=True)
    try:
        version = services.plan_submit(plan=plan, by=request.user)
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Version %(number)s has been frozen and sent to the municipality for review.")
            % {"number": version.number},
        )
    return redirect(plan)


@require_POST
@login_required
def plan_decide(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    if not plan.has_decider(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(plan)
    try:
        decision = services.plan_decide(plan=plan, by=request.user, **form.cleaned_data)
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your decision on version %(number)s has been recorded.")
            % {"number": decision.version.number},
        )
    return redirect(plan)


@require_POST
@login_required
def plan_amend(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    if not plan.trajectory.editable_by(request.user):
        raise PermissionDenied
    # Opened from an action's page, the coordinator goes on to edit that action.
    action_pk = request.POST.get("action")
    action = part_for(request.user, trajectory_pk, "action", action_pk)[0] if action_pk else None
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(action or plan)
    try:
        in_force = services.plan_amend(plan=plan, by=request.user, **form.cleaned_data)
    except services.PlanError as error:
        messages.error(request, str(error))
        return redirect(action or plan)
    messages.success(request, _AMENDMENT_OPENED % {"number": in_force.number})
    if action is not None:
        return redirect(
            "actionplans:part_update", trajectory_pk=trajectory_pk, kind="action", pk=action.pk
        )
    return redirect(plan)


_AMENDMENT_OPENED = gettext_lazy(
    "The amendment is open: change the plan and submit it for review. Version %(number)s "
    "stays in force until the municipality approves the amendment."
)


@login_required
def version_detail(request: HttpRequest, trajectory_pk: int, number: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    version = version_for(plan, number)
    return render(
        request,
        "actionplans/version.html",
        {
            "trajectory": plan.trajectory,
            "plan": plan,
            "version": version,
            "snapshot": Snapshot.from_data(version.snapshot),
            "decisions": version.decisions.select_related("decided_by"),
            "versions": plan.versions.all(),
        },
    )


@login_required
def version_diff(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    versions = list(plan.versions.order_by("number"))
    in_force = plan.versions.in_force()
    amending = in_force is not None and plan.status != Plan.Status.APPROVED
    if amending and not (request.GET.get("from") or request.GET.get("to")):
        return _amendment_diff(request, plan, in_force, versions)
    if len(versions) < 2:
        messages.info(request, _("There is only one version; nothing to compare yet."))
        return redirect(plan)
    newer = version_for(plan, request.GET.get("to") or versions[-1].number)
    older = version_for(plan, request.GET.get("from") or versions[-2].number)
    return render(
        request,
        "actionplans/diff.html",
        {
            "trajectory": plan.trajectory,
            "plan": plan,
            "older": older,
            "newer": newer,
            "versions": versions,
            "diff": present_diff(diff_snapshots(older.snapshot, newer.snapshot)),
        },
    )


def _amendment_diff(request, plan: Plan, in_force: PlanVersion, versions) -> HttpResponse:
    """What the amendment changes in the plan in force: the draft while it is prepared (the
    live plan), the submitted version once it is in review."""
    newer = versions[-1] if plan.status == Plan.Status.IN_REVIEW else None
    changed = newer.snapshot if newer else plan_snapshot(plan)
    return render(
        request,
        "actionplans/diff.html",
        {
            "trajectory": plan.trajectory,
            "plan": plan,
            "older": in_force,
            "newer": newer,
            "is_amendment": True,
            "versions": versions,
            "diff": present_diff(diff_snapshots(in_force.snapshot, changed)),
        },
    )


@login_required
def version_export(request: HttpRequest, trajectory_pk: int, fmt: str) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk)
    number = request.GET.get("version")
    version = version_for(plan, number) if number else plan.versions.in_force_or_latest()
    if version is None:
        raise Http404
    content, content_type = {
        "xlsx": (version_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "csv": (version_csv, "text/csv; charset=utf-8"),
    }[fmt]
    response = HttpResponse(content(version), content_type=content_type)
    name = slugify(f"actieplan-{plan.trajectory.municipality.name_nl}-v{version.number}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@explains_locked_plan
def library(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    plan = plan_for(request.user, trajectory_pk, write=True)
    form = ActionCopyForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        source = library_action_for(plan, request.POST.get("source"))
        try:
            copy = services.action_copy(source=source, into=form.cleaned_data["into"])
        except services.PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _LIBRARY_COPIED % {"action": copy})
            return redirect(
                "actionplans:part_update", trajectory_pk=trajectory_pk, kind="action", pk=copy.pk
            )
    query = request.GET.get("q", "").strip()
    actions = Action.objects.library(excluding=plan).matching(query)[:100]
    context = {"trajectory": plan.trajectory, "plan": plan, "form": form}
    return render(
        request, "actionplans/library.html", {**context, "actions": actions, "query": query}
    )


_LIBRARY_COPIED = gettext_lazy(
    "“%(action)s” has been copied into your plan; add its dates, sites, owner and budget."
)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """What awaits this user: plans to decide on, plans sent back, remarks to answer."""
    trajectories = Trajectory.objects.visible_to(request.user)
    awaiting = Plan.Status.IN_REVIEW if request.user.is_official else Plan.Status.CHANGES_REQUESTED
    plans = Plan.objects.filter(trajectory__in=trajectories, status=awaiting)
    remarks = Comment.objects.none()
    if not request.user.is_official:
        remarks = _with_targets(
            Comment.objects.awaiting_reply().filter(trajectory__in=trajectories)
        )
    return render(
        request,
        "actionplans/inbox.html",
        {
            "plans": plans.select_related("trajectory__municipality"),
            "remarks": Paginator(remarks, 50).get_page(request.GET.get("page")),
        },
    )


def _with_targets(remarks):
    """Each remark with what it is about, ready to name and link: a fixed number of queries."""
    # A remark may be on a part removed since: it still names and links it.
    targets = GenericPrefetch(
        "target",
        [
            Objective.all_objects.select_related("plan"),
            ActionPlan.all_objects.select_related("objective__plan"),
            Action.all_objects.select_related("action_plan__objective__plan"),
            SwotItem.objects.select_related("analysis__trajectory"),
            Strategy.objects.select_related("analysis__trajectory"),
        ],
    )
    return remarks.select_related("author", "trajectory__municipality").prefetch_related(targets)
