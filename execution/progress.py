"""How the actions of the plan in force are carried out: a status, a progress and dated notes.

Kept beside the frozen plan (``ActionProgress``, ``ProgressNote``), so they change week by
week without a new version to approve. They attach to the live ``Action`` rows, which keep
their identity across versions: an amendment does not lose them. Only an action of the
version in force (the newest approved one) has them; an action added in an amendment gets
them once the amendment is approved.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import Action, PlanVersion
from actionplans.snapshots import ACTION, FrozenAction, Snapshot
from execution.models import ActionProgress, ExecutionStatus, ProgressNote
from municipalities.models import PhaseChange, Trajectory
from municipalities.services import trajectory_follow_work
from plus_portal.models import User

Status = ExecutionStatus

# The moves a status may make. Done can be reopened (it was not finished after all), and a
# dropped action taken up again; planned may jump ahead, since nobody records every day.
TRANSITIONS = {
    Status.PLANNED: frozenset({Status.STARTED, Status.ON_HOLD, Status.DONE, Status.DROPPED}),
    Status.STARTED: frozenset({Status.ON_HOLD, Status.DONE, Status.DROPPED}),
    Status.ON_HOLD: frozenset({Status.STARTED, Status.DONE, Status.DROPPED}),
    Status.DONE: frozenset({Status.STARTED}),
    Status.DROPPED: frozenset({Status.PLANNED, Status.STARTED}),
}
# A reason explains a stop: it is required for dropped (a constraint on ActionProgress) and
# kept for on hold; with any other status an old reason would mislead, so it is cleared.
STATUSES_WITH_REASON = frozenset({Status.ON_HOLD, Status.DROPPED})

NOT_IN_FORCE = gettext_lazy(
    "This action is not in the plan in force. Execution is recorded for the actions of the "
    "approved version only; an action added in an amendment can be followed once the "
    "amendment is approved."
)
NO_PLAN_IN_FORCE = gettext_lazy(
    "There is no plan in force yet. Execution is recorded once the municipality has approved "
    "a version of the plan."
)


def version_in_force(trajectory: Trajectory) -> PlanVersion | None:
    """The trajectory's plan in force (the newest approved version), or None."""
    return PlanVersion.objects.filter(plan__trajectory=trajectory).in_force()


def _frozen_actions(version: PlanVersion) -> list[tuple[FrozenAction, tuple]]:
    snapshot = Snapshot.from_data(version.snapshot)
    return [(placed.part, placed.parents) for placed in snapshot.parts(ACTION)]


def is_in_force(action: Action, version: PlanVersion | None) -> bool:
    """Whether the action is part of this version in force."""
    if version is None:
        return False
    return any(frozen.id == action.pk for frozen, _parents in _frozen_actions(version))


@dataclass(frozen=True)
class ProgressRow:
    """One action of the plan in force: its content as approved, and how it is going."""

    action: FrozenAction
    action_plan_code: str
    action_plan_title: str
    status: str
    reason: str
    progress: int
    note_day: datetime.date | None
    note_text: str
    is_removed_in_draft: bool

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


def with_execution(actions):
    """Actions with their execution record and their latest note, in one query."""
    latest = ProgressNote.objects.filter(action=OuterRef("pk")).order_by("-day", "-created_at")
    return actions.select_related("execution").annotate(
        latest_note_day=Subquery(latest.values("day")[:1]),
        latest_note_text=Subquery(latest.values("text")[:1]),
    )


def progress_overview(trajectory: Trajectory) -> tuple[PlanVersion | None, list[ProgressRow]]:
    """The version in force and a row per action of it, in plan order: two queries."""
    version = version_in_force(trajectory)
    if version is None:
        return None, []
    frozen = _frozen_actions(version)
    # all_objects: an action removed in an amendment still in preparation stays in force.
    live = with_execution(Action.all_objects.filter(pk__in=[a.id for a, _p in frozen]))
    records = {action.pk: action for action in live}
    rows = []
    for action, (_objective, action_plan) in frozen:
        record = records.get(action.id)
        execution = getattr(record, "execution", None) if record else None
        rows.append(
            ProgressRow(
                action=action,
                action_plan_code=action_plan.code,
                action_plan_title=action_plan.title,
                status=execution.status if execution else Status.PLANNED,
                reason=execution.reason if execution else "",
                progress=execution.progress if execution else 0,
                note_day=record.latest_note_day if record else None,
                note_text=(record.latest_note_text or "") if record else "",
                is_removed_in_draft=record is None or record.removed_at is not None,
            )
        )
    return version, rows


def progress_of(action: Action) -> ActionProgress:
    """The action's execution record, or an unsaved one that says it is planned."""
    return ActionProgress.objects.filter(action=action).first() or ActionProgress(action=action)


def _require_in_force(action: Action) -> None:
    if not is_in_force(action, version_in_force(action.trajectory)):
        raise ValidationError(str(NOT_IN_FORCE))


def _execution_started(action: Action, by: User) -> None:
    # The first sign of work on the ground moves the trajectory to execution (DESIGN §4).
    trajectory_follow_work(
        trajectory=action.trajectory, trigger=PhaseChange.Trigger.EXECUTION_STARTED, by=by
    )


@transaction.atomic
def action_progress_update(
    *, action: Action, status: str, progress: int, reason: str = "", by: User
) -> ActionProgress:
    """Set how an action of the plan in force is going; its history records who did.

    A status moves along ``TRANSITIONS``; done means 100 %. Refused (ValidationError) for
    an action outside the version in force, a move the transitions do not allow, or a drop
    without a reason.
    """
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    _require_in_force(action)
    # The action's row is the lock: two first saves at once would both find no record.
    Action.all_objects.select_for_update().filter(pk=action.pk).first()
    record = ActionProgress.objects.filter(action=action).first()
    is_new = record is None
    record = record or ActionProgress(action=action)
    if status != record.status and status not in TRANSITIONS[record.status]:
        raise ValidationError(
            {
                "status": _("An action that is “%(old)s” cannot become “%(new)s”.")
                % {"old": record.get_status_display().lower(), "new": Status(status).label.lower()}
            }
        )
    record.status = status
    record.progress = 100 if status == Status.DONE else progress
    record.reason = reason.strip() if status in STATUSES_WITH_REASON else ""
    record.updated_by = by
    record._history_user = by
    record.full_clean()
    if is_new:
        record.save()
    else:
        record.save(update_fields=["status", "progress", "reason", "updated_by", "updated_at"])
    if status != Status.PLANNED or record.progress:
        _execution_started(action, by)
    return record


@transaction.atomic
def progress_note_add(*, action: Action, day: datetime.date, text: str, by: User) -> ProgressNote:
    """Add a dated line on how an action of the plan in force is going."""
    _require_in_force(action)
    if day and day > timezone.localdate():
        message = _("A progress note tells what happened: not a date in the future.")
        raise ValidationError({"day": message})
    note = ProgressNote(action=action, day=day, text=text.strip(), created_by=by)
    note._history_user = by
    note.full_clean()
    note.save()
    _execution_started(action, by)
    return note


@transaction.atomic
def action_execution_record(
    *,
    action: Action,
    status: str,
    progress: int,
    reason: str = "",
    text: str = "",
    day: datetime.date | None = None,
    by: User,
) -> ActionProgress:
    """What the per-action form sends: the status, and a note if one was written; all of it
    or nothing."""
    record = action_progress_update(
        action=action, status=status, progress=progress, reason=reason, by=by
    )
    if text.strip():
        progress_note_add(action=action, day=day or timezone.localdate(), text=text, by=by)
    return record
