"""Writes to action plans: numbering, optimistic locking, review and approval."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans import reports, signals
from actionplans.models import (
    Action,
    ActionPlan,
    ActionSlot,
    CouncilDecision,
    Decision,
    Objective,
    Plan,
    PlanVersion,
)
from actionplans.snapshots import snapshot_hash, version_snapshot
from municipalities.models import Contact, PhaseChange, Trajectory
from municipalities.services import trajectory_follow_work
from plus_portal.locking import save_unless_changed
from plus_portal.models import User
from plus_portal.tasks import send_email


class PlanError(Exception):
    """A change the rules refuse; its message is shown to the user as it is."""


# The work these services do moves the trajectory's phase (Trajectory.follows_work).
_SUBMITTED = PhaseChange.Trigger.PLAN_SUBMITTED
_DECISION_STEPS = {
    Decision.Outcome.APPROVED: Plan.Step.APPROVE,
    Decision.Outcome.CHANGES_REQUESTED: Plan.Step.REQUEST_CHANGES,
}
_DECIDED = {
    Decision.Outcome.APPROVED: PhaseChange.Trigger.PLAN_APPROVED,
    Decision.Outcome.CHANGES_REQUESTED: PhaseChange.Trigger.CHANGES_REQUESTED,
}


def plan_create(
    *, trajectory: Trajectory, title: str, summary: str = "", by: User | None = None
) -> Plan:
    """Start the trajectory's plan; the phase history records who started it."""
    plan = Plan(trajectory=trajectory, title=title, summary=summary)
    plan.full_clean()
    plan.save()
    trajectory_follow_work(trajectory=trajectory, trigger=PhaseChange.Trigger.PLAN_STARTED, by=by)
    return plan


def _next_number(queryset) -> int:
    return (queryset.aggregate(highest=Max("number"))["highest"] or 0) + 1


def _require_editable(plan: Plan) -> None:
    if not plan.is_editable_status:
        raise PlanError(
            _(
                "The plan is %(status)s; it can only be changed as a draft or when changes "
                "are requested."
            )
            % {"status": plan.get_status_display().lower()}
        )


@transaction.atomic
def part_add(part):
    """Add an objective, action plan or action at the end of its parent, with the next number.

    Numbers count removed parts too, so a code once given is never given to another part.
    """
    plan = part.plan
    Plan.objects.select_for_update().get(pk=plan.pk)  # one numbering at a time per plan
    _require_editable(plan)
    part.number = _next_number(_siblings(part, include_removed=True))
    part.full_clean()
    part.save()
    return part


def part_save(part, *, expected_version: int):
    """Save an edited part unless someone else saved it since it was opened (StaleEdit)."""
    _require_editable(part.plan)

    def save():
        part.full_clean()
        part.save()
        return part

    return save_unless_changed(part, expected_version=expected_version, save=save)


def part_remove(part) -> None:
    """Take a part out of the plan; versions, comments and history keep referring to it."""
    _require_editable(part.plan)
    part.removed_at = timezone.now()
    part.version += 1
    part.save(update_fields=["removed_at", "version", "updated_at"])


@transaction.atomic
def part_move(part, *, offset: int) -> None:
    """Swap a part with its neighbour: the one explicit way codes change."""
    _require_editable(part.plan)
    siblings = list(_siblings(part).select_for_update().order_by("number"))
    index = next(i for i, other in enumerate(siblings) if other.pk == part.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    moved, other = siblings[index], siblings[target]
    numbers = moved.number, other.number
    # Through a free number, since (parent, number) is unique at every moment. The two saves
    # that matter write history, which is also how cached pages (data_state) see the move.
    parking = _next_number(_siblings(part, include_removed=True))
    type(part).all_objects.filter(pk=moved.pk).update(number=parking)
    for row, number in ((other, numbers[0]), (moved, numbers[1])):
        row.number = number
        row.version += 1
        row.save(update_fields=["number", "version", "updated_at"])


def _siblings(part, *, include_removed: bool = False):
    model = type(part)
    manager = model.all_objects if include_removed else model.objects
    if isinstance(part, Objective):
        return manager.filter(plan_id=part.plan_id)
    if isinstance(part, ActionPlan):
        return manager.filter(objective_id=part.objective_id)
    return manager.filter(action_plan_id=part.action_plan_id)


@transaction.atomic
def action_copy(*, source: Action, into: ActionPlan) -> Action:
    """Copy an action of another municipality's approved plan: what and when, not money or dates.

    Sites, partners and links to the SWOT belong to the other municipality and stay behind.
    """
    if not source.action_plan.objective.plan.versions.in_force():
        raise PlanError(_("Only actions of approved plans can be copied."))
    copy = Action(
        action_plan=into,
        title=source.title,
        description=source.description,
        age_groups=list(source.age_groups),
        at_central_site=source.at_central_site,
        copied_from=source,
    )
    part_add(copy)
    ActionSlot.objects.bulk_create(
        ActionSlot(
            action=copy,
            slot=slot.slot,
            holiday_period=slot.holiday_period,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            expected_children=slot.expected_children,
        )
        for slot in source.slots.all()
    )
    return copy


def plan_submit(*, plan: Plan, by: User) -> PlanVersion:
    """Freeze the plan as an immutable, hashed version and put it in review."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not plan.can(Plan.Step.SUBMIT):
            raise PlanError(_("Only a draft, or a plan with requested changes, can be submitted."))
        if not plan.objectives.exists():
            raise PlanError(_("Add at least one objective before submitting the plan."))
        # The SWOT, intake figures, coverage and staffing are frozen with the plan: the
        # version's PDF and exports show them as they were when it was submitted.
        snapshot = version_snapshot(plan, on=timezone.localdate())
        version = PlanVersion.objects.create(
            plan=plan,
            number=_next_number(plan.versions.all()),
            snapshot=snapshot,
            content_hash=snapshot_hash(snapshot),
            submitted_by=by,
        )
        plan.take(Plan.Step.SUBMIT)
        plan.save(update_fields=["status", "updated_at"])
        trajectory_follow_work(trajectory=plan.trajectory, trigger=_SUBMITTED, by=by)
    transaction.on_commit(lambda: _notify_submitted(version))
    reports.report_prerender(version=version, by=by)
    return version


def plan_amend(*, plan: Plan, reason: str, by: User) -> PlanVersion:
    """Open an amendment of an approved plan: the live plan becomes a draft again, to be
    changed, submitted and approved like any version.

    The live plan is already the approved version's content (an approved plan cannot be
    edited), so nothing is copied: actions keep their identity, and with it their execution
    records. The approved version stays the plan in force until a newer one is approved.
    The trajectory's phase does not move now; submitting the amendment returns an approved
    trajectory to review, and leaves one in execution there (``Trajectory.WORK_RETURNS``).
    Returns the version in force.
    """
    with transaction.atomic():
        plan = Plan.objects.select_for_update().select_related("trajectory").get(pk=plan.pk)
        if not plan.trajectory.editable_by(by):
            raise PlanError(_("Only an IN-Z coordinator of the municipality amends its plan."))
        if not plan.can(Plan.Step.AMEND):
            raise PlanError(_("Only an approved plan can be amended."))
        reason = reason.strip()
        if not reason:
            raise PlanError(_("Say why the plan is amended."))
        in_force = plan.versions.in_force()
        plan.take(Plan.Step.AMEND)
        plan._history_user = by
        plan._change_reason = reason  # the plan's history says why it was opened again
        plan.save(update_fields=["status", "updated_at"])
    return in_force


def plan_decide(*, plan: Plan, outcome: str, reason: str, by: User) -> Decision:
    """An official approves the version in review, or sends the plan back with a reason."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not plan.has_decider(by):
            raise PlanError(_("Only an official of the municipality decides on its plan."))
        if not plan.can(Plan.Step.APPROVE):
            raise PlanError(_("There is no version in review to decide on."))
        reason = reason.strip()
        if outcome == Decision.Outcome.CHANGES_REQUESTED and not reason:
            raise PlanError(_("Say which changes you request."))
        version = plan.versions.order_by("-number").first()
        function = (
            Contact.objects.filter(trajectory=plan.trajectory_id, user=by)
            .exclude(role="")
            .values_list("role", flat=True)
            .first()
        )
        decision = Decision.objects.create(
            version=version,
            outcome=outcome,
            reason=reason,
            content_hash=version.content_hash,
            decided_by=by,
            decided_by_name=str(by),
            decided_by_function=function or "",
            decided_by_role=by.role,
        )
        plan.take(_DECISION_STEPS[outcome])
        plan.save(update_fields=["status", "updated_at"])
        trajectory_follow_work(trajectory=plan.trajectory, trigger=_DECIDED[outcome], by=by)
    transaction.on_commit(lambda: _notify_decided(decision))
    if outcome == Decision.Outcome.APPROVED:
        transaction.on_commit(
            lambda: signals.version_approved.send(Plan, plan=plan, version=version, by=by)
        )
        reports.report_prerender(version=version, by=by)  # the cover says who approved
    return decision


def council_decision_record(
    *,
    version: PlanVersion,
    by: User,
    body: str,
    decided_on,
    outcome: str,
    reference: str = "",
    url: str = "",
) -> CouncilDecision:
    """Record what the college or the council decided on an approved version.

    Earlier records stay (with their history), so a postponed vote and the later decision
    are both there; the approved version remains the plan in force whatever the outcome.
    """
    municipality = version.plan.trajectory.municipality
    if not CouncilDecision.recordable_by(by, municipality):
        raise PlanError(
            _("Only a coordinator or an official of the municipality records its decisions.")
        )
    if not version.is_approved:
        raise PlanError(_("A council decision is recorded on an approved version only."))
    decision = CouncilDecision(
        version=version,
        body=body,
        decided_on=decided_on,
        outcome=outcome,
        reference=reference.strip(),
        url=url.strip(),
        recorded_by=by,
    )
    decision.full_clean()
    decision.save()
    reports.report_prerender(version=version, by=by)  # the cover shows the decision
    return decision


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_URL}{path}"


def _mail(recipients, subject: str, template: str, context: dict) -> None:
    addresses = sorted({user.email for user in recipients if user.email and user.is_active})
    if not addresses:
        return
    # E-mails go out in Dutch, the portal's first language.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        subject = str(subject) % context
    send_email.delay(subject, body, addresses)


def _officials(trajectory: Trajectory):
    return User.objects.filter(
        role=User.Role.OFFICIAL, memberships__municipality_id=trajectory.municipality_id
    )


def _coordinators(trajectory: Trajectory):
    return trajectory.responsible_coordinators()


def _notify_submitted(version: PlanVersion) -> None:
    plan = version.plan
    _mail(
        _officials(plan.trajectory),
        gettext_lazy("PLUS: %(plan)s v%(number)s awaits your review"),
        "actionplans/email/submitted.txt",
        {
            "plan": plan,
            "number": version.number,
            "version": version,
            "municipality": plan.trajectory.municipality,
            "url": _absolute(plan.get_absolute_url()),
        },
    )


def _notify_decided(decision: Decision) -> None:
    plan = decision.version.plan
    _mail(
        _coordinators(plan.trajectory),
        gettext_lazy("PLUS: decision on %(plan)s v%(number)s"),
        "actionplans/email/decided.txt",
        {
            "plan": plan,
            "number": decision.version.number,
            "decision": decision,
            "municipality": plan.trajectory.municipality,
            "url": _absolute(plan.get_absolute_url()),
        },
    )


def notify_comment(comment) -> None:
    """An official's remark on the plan asks IN-Z for a reply."""
    if not comment.author.is_official:
        return
    trajectory = comment.trajectory
    _mail(
        _coordinators(trajectory),
        gettext_lazy("PLUS: %(author)s commented on %(target)s"),
        "actionplans/email/comment.txt",
        {
            "author": comment.author,
            "target": comment.target,
            "comment": comment,
            "municipality": trajectory.municipality,
            "url": _absolute(comment.target.get_absolute_url()),
        },
    )
