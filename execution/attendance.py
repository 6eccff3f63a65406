"""Attendance and staff on the day: what a session actually was, as counts.

A submission carries the key of the form that sent it (``submission_key``, made when the form
was rendered). A phone on a slow connection sends the same form twice when the first answer
is slow; the key is unique on ``Attendance``, so the second one finds the first and changes
nothing. Correcting the counts later is a new form with a new key: the counts are updated,
and ``Attendance.history`` keeps what they were.

The staff ratio on the actual numbers follows the rule the plan's staffing follows
(``staffing.ratio``): an action for 11–15 only uses the teenagers' own setting (perhaps none),
anything else one carer per ``PLUS_STAFF_RATIO`` children, counted over both age groups.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from execution.models import Attendance, Session, StaffPresence
from municipalities.models import LeisureActor, PhaseTrigger
from municipalities.services import trajectory_follow_work
from plus_portal.models import User
from staffing.models import Placement, Worker
from staffing.ratio import ratio_for, staff_ratio, staff_required, teen_staff_ratio

COUNT_FIELDS = ("children_5_10", "vulnerable_5_10", "children_11_15", "vulnerable_11_15")


@dataclass(frozen=True)
class RatioCheck:
    """Staff present against staff needed for the children counted at a session."""

    children: int
    #: Children per carer the session follows; ``None`` when no ratio applies (11–15, off).
    ratio: int | None
    required: int
    present: int

    @property
    def is_short(self) -> bool:
        return self.present < self.required


def ratio_check(session: Session, *, children: int, present: int) -> RatioCheck:
    """Whether ``present`` carers were enough for ``children`` at this session."""
    ratio = ratio_for(session.action, children=staff_ratio(), teens=teen_staff_ratio())
    required = staff_required(children, ratio)
    return RatioCheck(children=children, ratio=ratio, required=required, present=present)


def attendance_ratio_check(session: Session) -> RatioCheck | None:
    """The check on the session's recorded attendance and staff; ``None`` before any."""
    attendance = getattr(session, "attendance", None)
    if attendance is None:
        return None
    present = sum(1 for presence in session.staff.all() if presence.counts)
    return ratio_check(session, children=attendance.children, present=present)


def replacement_candidates(session: Session):
    """Workers placed in the session's trajectory who are not listed for it yet."""
    placed = Placement.objects.filter(trajectory_id=session.trajectory_id).values("worker")
    listed = StaffPresence.objects.filter(session=session).values("worker")
    return (
        Worker.objects.filter(pk__in=placed)
        .exclude(pk__in=listed)
        .order_by("last_name", "first_name", "pk")
    )


def _refuse_unless_recordable(session: Session, *, today) -> None:
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled: there is no attendance to record."))
    if session.day > today:
        raise ValidationError(
            _("This session has not taken place yet: record its attendance on the day.")
        )


def _presence_status(presence: StaffPresence, *, present: bool) -> str:
    if not present:
        return StaffPresence.Status.ABSENT
    if presence.replaces_id or presence.status == StaffPresence.Status.REPLACEMENT:
        return StaffPresence.Status.REPLACEMENT
    return StaffPresence.Status.PRESENT


def staff_presence_set(*, presence: StaffPresence, present: bool, by: User) -> StaffPresence:
    """Mark a worker listed for a session as there or not (a replacement stays one)."""
    status = _presence_status(presence, present=present)
    if presence.status != status:
        presence.status = status
        presence._history_user = by
        presence.save(update_fields=["status"])
    return presence


def staff_replacement_add(
    *, session: Session, worker: Worker, replaces: Worker | None, by: User
) -> StaffPresence:
    """Add a worker who came instead of (or beside) the ones placed: one placed in the same
    trajectory, since only they may work there."""
    if not Placement.objects.filter(trajectory_id=session.trajectory_id, worker=worker).exists():
        raise ValidationError(_("Only a worker placed in this municipality can step in."))
    if replaces is not None and not session.staff.filter(worker=replaces).exists():
        raise ValidationError(_("The worker replaced must be listed for this session."))
    presence = StaffPresence(
        session=session, worker=worker, status=StaffPresence.Status.REPLACEMENT, replaces=replaces
    )
    presence.full_clean()
    presence._history_user = by
    presence.save()
    return presence


@transaction.atomic
def attendance_record(
    *,
    session: Session,
    by: User,
    submission_key: uuid.UUID,
    counts: dict[str, int],
    partner: LeisureActor | None = None,
    activity: str = "",
    present_staff: set[int] | None = None,
    replacement: Worker | None = None,
    replaces: Worker | None = None,
    today=None,
) -> Attendance:
    """Store what a session was: children per age group, of whom from vulnerable families,
    the partner who led it, the activity, and which of the staff listed were there.

    The same ``submission_key`` sent again returns what it stored, without an error and
    without a second record. ``present_staff`` holds the ids of the session's
    ``StaffPresence`` rows that were there (``None`` leaves staff as it is). The first
    attendance of a trajectory tells the trajectory its execution has started.
    """
    # Serialises two sends of the same form: the second waits here, then finds the first.
    session = Session.objects.select_for_update().select_related("action").get(pk=session.pk)
    stored = Attendance.objects.filter(submission_key=submission_key).first()
    if stored is not None:
        if stored.session_id != session.pk:
            raise ValidationError(_("This form was already used for another session."))
        return stored
    # A late copy of a form whose counts were corrected since: the correction stands.
    if Attendance.history.filter(submission_key=submission_key, session_id=session.pk).exists():
        return Attendance.objects.get(session=session)
    _refuse_unless_recordable(session, today=today or timezone.localdate())
    if partner is not None and partner.trajectory_id != session.trajectory_id:
        raise ValidationError({"partner": _("Choose a partner of this municipality.")})

    attendance = Attendance.objects.filter(session=session).first()
    first_of_trajectory = (
        attendance is None
        and not Attendance.objects.filter(session__trajectory_id=session.trajectory_id).exists()
    )
    if attendance is None:
        attendance = Attendance(session=session)
    for name in COUNT_FIELDS:
        setattr(attendance, name, counts.get(name, 0))
    attendance.partner = partner
    attendance.activity = activity.strip()
    attendance.submission_key = submission_key
    attendance.recorded_by = by
    attendance.full_clean(exclude=["session"])
    attendance._history_user = by
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        # Sent twice at once where the lock above does not hold (SQLite): the other send won.
        stored = Attendance.objects.filter(submission_key=submission_key).first()
        if stored is None:
            raise
        return stored

    if present_staff is not None:
        for presence in session.staff.all():
            staff_presence_set(presence=presence, present=presence.pk in present_staff, by=by)
    if replacement is not None:
        staff_replacement_add(session=session, worker=replacement, replaces=replaces, by=by)
    if first_of_trajectory:
        trajectory_follow_work(
            trajectory=session.trajectory, trigger=PhaseTrigger.EXECUTION_STARTED, by=by
        )
    return attendance
