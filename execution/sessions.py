"""Sessions: the concrete moments the plan in force asks for, generated from the calendar.

The plan in force is the newest approved version of the trajectory's plan. Its snapshot is
the truth of what was approved (during an amendment the live plan is a draft that may say
something else), so slots, sites and periods are read from the snapshot; the sessions attach
to the live ``Action`` rows, which keep their identity across versions.

One session per (action, place, slot, date). A place is each school site of the action, or
its central site (``site=None``, ``place_key="central"``). Which dates a slot asks for:

- after school, lunchtime and flexible hours: the site's school days on Monday, Tuesday,
  Thursday and Friday; before school: every school day; Wednesday afternoon: the school
  Wednesdays (``staffing.ratio.WEEKDAYS_BY_SLOT``, shared with the staffing check);
- school-free days: the calendar's single free days on weekdays, and the school's own free
  days (``SchoolFreeDay``) at its sites; a central site gathers children of several schools,
  so only the Flemish calendar counts there;
- holidays: the weekdays of the slot's holiday period.

Generating is idempotent. Sessions the plan no longer asks for are deleted, unless
attendance was recorded (then they stay, marked ``is_orphan``); changed times and expected
children are written to sessions without attendance; a moved session keeps its
``planned_on``, so it is found again instead of made twice; a cancelled one stays cancelled.
The staff expected on each session without attendance is filled in from the placements.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actionplans.models import Action
from actionplans.snapshots import FrozenAction, FrozenSlot, Snapshot
from execution.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    DayKind,
    HolidayKind,
    school_year,
    school_year_of,
)
from execution.models import (
    CENTRAL_PLACE,
    ActionProgress,
    Attendance,
    ExecutionStatus,
    SchoolFreeDay,
    Session,
    StaffPresence,
    place_key,
)
from execution.progress import version_in_force
from municipalities.choices import HolidayPeriod, Slot
from municipalities.models import Site, Trajectory
from plus_portal.models import User
from staffing.models import Placement
from staffing.ratio import (
    WEEKDAYS_BY_SLOT,
    central_key,
    children_per_place,
    counts_for,
    slot_covers,
)
from staffing.rules import placement_active_on

WEEKDAYS = range(5)
# The plan names holiday periods, the calendar holiday kinds: the krokus holiday is the
# plan's "spring" holiday. The one place the two vocabularies meet.
HOLIDAY_KIND_BY_PERIOD = {
    HolidayPeriod.AUTUMN: HolidayKind.AUTUMN,
    HolidayPeriod.CHRISTMAS: HolidayKind.CHRISTMAS,
    HolidayPeriod.SPRING: HolidayKind.KROKUS,
    HolidayPeriod.EASTER: HolidayKind.EASTER,
    HolidayPeriod.SUMMER: HolidayKind.SUMMER,
}
HOLIDAY_PERIOD_BY_KIND = {kind: period for period, kind in HOLIDAY_KIND_BY_PERIOD.items()}
CALENDAR_FIRST = datetime.date(FIRST_YEAR, 9, 1)
CALENDAR_LAST = datetime.date(LAST_YEAR + 1, 8, 31)
FREE_DAY_KINDS = frozenset({DayKind.FREE_DAY, DayKind.SCHOOL_FREE_DAY})


@dataclass(frozen=True)
class Place:
    site_id: int | None
    school_id: int | None

    @property
    def key(self) -> str:
        return place_key(self.site_id)


@dataclass(frozen=True)
class Wanted:
    """A session the plan asks for, before it is a row."""

    action_id: int
    place: Place
    slot: str
    day: datetime.date
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    expected_children: int

    @property
    def key(self) -> tuple:
        return (self.action_id, self.place.key, self.slot, self.day)


@dataclass
class GenerationResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    orphaned: int = 0
    staff_added: int = 0
    staff_removed: int = 0

    @property
    def changed(self) -> bool:
        return any(vars(self).values())


# Reading the plan in force ---------------------------------------------------------------


def holiday_period_on(day: datetime.date) -> str | None:
    """The plan's holiday period a day falls in (None on a day outside the holidays)."""
    holiday = _calendar(day).holiday_on(day) if CALENDAR_FIRST <= day <= CALENDAR_LAST else None
    return HOLIDAY_PERIOD_BY_KIND[holiday.kind] if holiday else None


def _calendar(day: datetime.date):
    return school_year(school_year_of(day))


def _time(text: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(text) if text else None


def _period(action: FrozenAction, trajectory: Trajectory) -> tuple[datetime.date, datetime.date]:
    """The action's own period; without one, its trajectory's planning cycle; always within
    the school years the calendar knows."""
    first = (
        datetime.date.fromisoformat(action.starts_on)
        if action.starts_on
        else datetime.date(trajectory.cycle_start_year, 1, 1)
    )
    last = (
        datetime.date.fromisoformat(action.ends_on)
        if action.ends_on
        else datetime.date(trajectory.cycle_end_year, 12, 31)
    )
    return max(first, CALENDAR_FIRST), min(last, CALENDAR_LAST)


def _places(action: FrozenAction, school_by_site: dict[int, int]) -> list[Place]:
    """Each school site of the action that still exists, or its central site."""
    sites = [site.id for site in action.sites if site.id in school_by_site]
    if action.at_central_site or (not sites and action.central_site_name.strip()):
        return [Place(None, None)]
    return [Place(site_id, school_by_site[site_id]) for site_id in sites]


def _slot_asks_for(slot: FrozenSlot, day: datetime.date, kind: DayKind) -> bool:
    weekday = day.weekday()
    if slot.slot == Slot.HOLIDAYS:
        holiday = _calendar(day).holiday_on(day)
        return (
            weekday in WEEKDAYS
            and holiday is not None
            and holiday.kind == HOLIDAY_KIND_BY_PERIOD.get(slot.holiday_period)
        )
    if slot.slot == Slot.SCHOOL_FREE_DAYS:
        return weekday in WEEKDAYS and kind in FREE_DAY_KINDS
    return kind == DayKind.SCHOOL_DAY and weekday in WEEKDAYS_BY_SLOT.get(slot.slot, ())


def _days(first: datetime.date, last: datetime.date):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def wanted_sessions(
    trajectory: Trajectory, snapshot: Snapshot, live_action_ids: set[int]
) -> list[Wanted]:
    """Every session the snapshot's plan asks for (two queries: sites and free days)."""
    actions = [action for action in snapshot.actions if action.id in live_action_ids]
    site_ids = {site.id for action in actions for site in action.sites}
    school_by_site = dict(
        Site.objects.filter(pk__in=site_ids, school__trajectory=trajectory).values_list(
            "pk", "school_id"
        )
    )
    own_free_days: dict[int, set[datetime.date]] = defaultdict(set)
    for school_id, day in SchoolFreeDay.objects.filter(school__trajectory=trajectory).values_list(
        "school_id", "day"
    ):
        own_free_days[school_id].add(day)

    wanted = []
    for action in actions:
        places = _places(action, school_by_site)
        if not places or not action.slots:
            continue
        first, last = _period(action, trajectory)
        for place in places:
            free = own_free_days.get(place.school_id, set())
            for day in _days(first, last):
                kind = _calendar(day).day_kind(day, own_free_days=free)
                for slot in action.slots:
                    if _slot_asks_for(slot, day, kind):
                        wanted.append(
                            Wanted(
                                action_id=action.id,
                                place=place,
                                slot=slot.slot,
                                day=day,
                                starts_at=_time(slot.starts_at),
                                ends_at=_time(slot.ends_at),
                                expected_children=children_per_place(
                                    slot.expected_children, len(places)
                                ),
                            )
                        )
    # Two slots of one kind with different times would meet on a day: the plan's first wins.
    unique: dict[tuple, Wanted] = {}
    for item in wanted:
        unique.setdefault(item.key, item)
    return list(unique.values())


def _live_action_ids(trajectory: Trajectory, snapshot: Snapshot) -> set[int]:
    """The snapshot's actions whose live rows still exist, not dropped in the plan nor in
    their execution status."""
    ids = {action.id for action in snapshot.actions if action.status != Action.Status.DROPPED}
    live = set(
        Action.all_objects.filter(
            pk__in=ids, action_plan__objective__plan__trajectory=trajectory
        ).values_list("pk", flat=True)
    )
    dropped = set(
        ActionProgress.objects.filter(
            action_id__in=live, status=ExecutionStatus.DROPPED
        ).values_list("action_id", flat=True)
    )
    return live - dropped


# Writing ---------------------------------------------------------------------------------


def _existing(trajectory: Trajectory) -> dict[tuple, Session]:
    sessions = Session.objects.filter(trajectory=trajectory).annotate(
        has_attendance=Exists(Attendance.objects.filter(session=OuterRef("pk")))
    )
    return {
        (session.action_id, session.place_key, session.slot, session.planned_on): session
        for session in sessions
    }


def _refresh(session: Session, item: Wanted) -> bool:
    """Bring a session without attendance in line with the plan; whether anything changed.
    A moved session keeps the times it was moved to."""
    changed = False
    if session.is_orphan:
        session.is_orphan = False
        changed = True
    if session.has_attendance:
        return changed
    values = {"expected_children": item.expected_children}
    if not session.is_moved:
        values.update(starts_at=item.starts_at, ends_at=item.ends_at)
    for name, value in values.items():
        if getattr(session, name) != value:
            setattr(session, name, value)
            changed = True
    return changed


@transaction.atomic
def sessions_generate(trajectory: Trajectory, *, by: User | None = None) -> GenerationResult:
    """Make the trajectory's sessions what its plan in force asks for, and fill in the staff
    expected on them. Without a plan in force nothing changes."""
    result = GenerationResult()
    # Two generations at once (an approval and a free day, say) would both create the same
    # new sessions: the second waits for the first and then finds them.
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    version = version_in_force(trajectory)
    if version is None:
        return result
    snapshot = Snapshot.from_data(version.snapshot)
    wanted = wanted_sessions(trajectory, snapshot, _live_action_ids(trajectory, snapshot))
    existing = _existing(trajectory)

    new, changed = [], []
    for item in wanted:
        session = existing.pop(item.key, None)
        if session is None:
            new.append(_new_session(trajectory, item))
        elif _refresh(session, item):
            changed.append(session)
    orphans = [s for s in existing.values() if s.has_attendance and not s.is_orphan]
    for session in orphans:
        session.is_orphan = True
    gone = [s.pk for s in existing.values() if not s.has_attendance]

    if new:
        bulk_create_with_history(new, Session, batch_size=500, default_user=by)
    if changed or orphans:
        bulk_update_with_history(
            changed + orphans,
            Session,
            ["starts_at", "ends_at", "expected_children", "is_orphan"],
            batch_size=500,
            default_user=by,
        )
    if gone:
        Session.objects.filter(pk__in=gone).delete()
    result.created, result.updated = len(new), len(changed)
    result.orphaned, result.deleted = len(orphans), len(gone)
    central_names = {action.id: action.central_site_name for action in snapshot.actions}
    result.staff_added, result.staff_removed = staff_prefill(trajectory, central_names, by=by)
    return result


def _new_session(trajectory: Trajectory, item: Wanted) -> Session:
    return Session(
        trajectory=trajectory,
        action_id=item.action_id,
        site_id=item.place.site_id,
        place_key=item.place.key,
        slot=item.slot,
        planned_on=item.day,
        day=item.day,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        expected_children=item.expected_children,
    )


def sessions_generate_on_commit(trajectory_id: int, *, by: User | None = None) -> None:
    """Generate again once the change that asks for it has committed (a free day, an import,
    a placement), so a refused change leaves the sessions alone."""

    def generate():
        trajectory = Trajectory.objects.filter(pk=trajectory_id).first()
        if trajectory is not None:
            sessions_generate(trajectory, by=by)

    transaction.on_commit(generate)


# Staff expected ----------------------------------------------------------------------------


def _placements_by_place(trajectory: Trajectory) -> dict[tuple, list[Placement]]:
    placements = (
        Placement.objects.filter(trajectory=trajectory)
        .select_related("worker")
        .prefetch_related("slots", "actions")
    )
    by_place = defaultdict(list)
    for placement in placements:
        if placement.site_id is not None:
            by_place[("site", placement.site_id)].append(placement)
        else:
            by_place[(CENTRAL_PLACE, central_key(placement.central_site_name))].append(placement)
    return by_place


def expected_workers(session: Session, placements: list[Placement]) -> set[int]:
    """The workers placed at the session's place, on its day, on a slot that overlaps it: a
    placement that names actions counts only for those (as in the staffing check)."""
    moment = holiday_period_on(session.day) if session.slot == Slot.HOLIDAYS else None
    moment = moment if moment is not None else session.day.weekday()
    workers = set()
    for placement in placements:
        if not counts_for(placement, session.action_id):
            continue
        if not placement_active_on(placement, session.day):
            continue
        if any(
            slot_covers(slot, moment, session.starts_at, session.ends_at)
            for slot in placement.slots.all()
        ):
            workers.add(placement.worker_id)
    return workers


def staff_prefill(
    trajectory: Trajectory, central_names: dict[int, str], *, by: User | None = None
) -> tuple[int, int]:
    """List the workers expected on each planned session without attendance; take off the
    ones listed earlier that no placement brings any more, unless someone changed their row
    (an absence, a replacement). ``central_names`` gives each action's central site as the
    plan in force names it, to find the placements there. Returns (added, removed)."""
    by_place = _placements_by_place(trajectory)
    sessions = (
        Session.objects.filter(trajectory=trajectory, status=Session.Status.PLANNED)
        .filter(attendance__isnull=True)
        .only("pk", "action_id", "site_id", "slot", "day", "starts_at", "ends_at")
    )
    listed = defaultdict(dict)
    for presence in StaffPresence.objects.filter(session__in=sessions):
        listed[presence.session_id][presence.worker_id] = presence

    new, stale = [], []
    for session in sessions:
        if session.site_id is not None:
            placements = by_place.get(("site", session.site_id), [])
        else:
            name = central_key(central_names.get(session.action_id, ""))
            placements = by_place.get((CENTRAL_PLACE, name), [])
        expected = expected_workers(session, placements)
        present = listed.get(session.pk, {})
        new += [
            StaffPresence(session_id=session.pk, worker_id=worker_id)
            for worker_id in sorted(expected - present.keys())
        ]
        stale += [
            presence.pk
            for worker_id, presence in present.items()
            if worker_id not in expected
            and presence.status == StaffPresence.Status.PRESENT
            and presence.replaces_id is None
        ]
    if new:
        bulk_create_with_history(new, StaffPresence, batch_size=500, default_user=by)
    if stale:
        StaffPresence.objects.filter(pk__in=stale).delete()
    return len(new), len(stale)


# Cancelling and moving -------------------------------------------------------------------


def _require_no_attendance(session: Session) -> None:
    if Attendance.objects.filter(session=session).exists():
        raise ValidationError(_("Attendance was recorded for this session: it took place."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why.")})
    return reason


@transaction.atomic
def session_cancel(*, session: Session, reason: str, by: User) -> Session:
    """Cancel a session that has not taken place; it then needs no attendance, and generating
    again leaves it cancelled."""
    _require_no_attendance(session)
    session.status = Session.Status.CANCELLED
    session.change_reason = _require_reason(reason)
    session._history_user = by
    session.save(update_fields=["status", "change_reason"])
    return session


@transaction.atomic
def session_move(
    *,
    session: Session,
    day: datetime.date,
    starts_at: datetime.time | None,
    ends_at: datetime.time | None,
    reason: str,
    by: User,
) -> Session:
    """Move a session to another date or time. It keeps its planned date, so generating again
    finds it there; the staff expected follow it to its new day."""
    _require_no_attendance(session)
    session.day, session.starts_at, session.ends_at = day, starts_at, ends_at
    session.change_reason = _require_reason(reason)
    session.full_clean(exclude=["action", "site", "slot", "expected_children"])
    session._history_user = by
    session.save(update_fields=["day", "starts_at", "ends_at", "change_reason"])
    sessions_generate(session.trajectory, by=by)
    return session


# Calendars -------------------------------------------------------------------------------


def calendar_sessions(
    trajectory: Trajectory,
    first: datetime.date,
    last: datetime.date,
    *,
    site=None,
    worker=None,
) -> list[Session]:
    """The trajectory's sessions between two dates, of one site or one worker when given,
    with their action, place, attendance and staff: two queries whatever their number."""
    sessions = Session.objects.filter(trajectory=trajectory, day__range=(first, last))
    if site is not None:
        sessions = sessions.filter(site=site)
    if worker is not None:
        sessions = sessions.filter(staff__worker=worker).distinct()
    return list(
        sessions.select_related("action__action_plan__objective", "site__school", "attendance")
        .prefetch_related(
            Prefetch("staff", queryset=StaffPresence.objects.select_related("worker"))
        )
        .order_by("day", "starts_at", "place_key", "pk")
    )


def by_day(sessions: list[Session]) -> dict[datetime.date, list[Session]]:
    days = defaultdict(list)
    for session in sessions:
        days[session.day].append(session)
    return days
