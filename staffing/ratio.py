"""Staff for the children expected: does every place and moment of the plan have enough carers?

Recognised out-of-school care works with one carer per 14 children (``PLUS_STAFF_RATIO``): a
rule for primary-school children (5–10). The 11–15 group largely falls outside recognised care,
so an action for teenagers only follows its own setting (``PLUS_STAFF_RATIO_11_15``), which is
off (0) unless set: such an action then has no staff required. An action for both age groups,
or that names none, follows the 5–10 ratio. The
plan says where an action runs (its school sites, or one central site) and when (its slots,
with the children expected); placements say which worker is where and when. A row is one
place at one moment of one action: for weekly slots one row per weekday, for holidays one row
per holiday period.

Decisions worth knowing:
- Weekly slots map to weekdays: after school, lunchtime and flexible hours run on Monday,
  Tuesday, Thursday and Friday; before school on every school day, Wednesday included (the
  morning before school is a morning like the others); Wednesday afternoon on Wednesday.
  Holiday slots are matched by holiday period.
- School-free days are left out: a placement slot cannot name a school-free day, so staff for
  them cannot be counted.
- An action at several sites expects its children spread evenly, rounded up per site (25
  children at 2 sites → 13 at each), so no site is planned with too few carers.
- An action at one central site (or with no sites but a central site named) has one row, at
  the central site; an action with neither is left out, since nobody can be placed there.
- A placement that names the actions it carries out counts only for those; one that names none
  counts for every action at its place. A worker counts once per row however many slots match.
- An action slot without times overlaps any time that day; touching times do not overlap.
- A placement runs until its last real day: its own end, the contract's end or the trajectory's
  maximum end, whichever comes first.

Every function runs a fixed number of queries (6) and computes in Python.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from actionplans.models import Action, ActionSlot
from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.models import Site, Trajectory
from staffing.models import Placement, Weekday
from staffing.rules import format_date, placement_active_on, placement_last_day

SCHOOL_WEEK = (Weekday.MONDAY, Weekday.TUESDAY, Weekday.THURSDAY, Weekday.FRIDAY)
SCHOOL_DAYS = (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY)
WEEKDAYS_BY_SLOT = {
    Slot.AFTER_SCHOOL: SCHOOL_WEEK,
    Slot.LUNCHTIME: SCHOOL_WEEK,
    Slot.MORNING: SCHOOL_DAYS,
    Slot.FLEXIBLE: SCHOOL_WEEK,
    Slot.WEDNESDAY: (Weekday.WEDNESDAY,),
}
SLOT_ORDER = {code: index for index, code in enumerate(Slot.values)}
HOLIDAY_ORDER = {code: index for index, code in enumerate(HolidayPeriod.values)}

# How far ahead coverage_losses looks.
LOSS_HORIZON_DAYS = 90
# When a worker leaves several rows on the same day, the reason told is the first that applies.
REASON_ORDER = ["placement_ends", "contract_ends", "trajectory_ends"]


def staff_ratio() -> int:
    """Children per carer for primary-school children (recognised out-of-school care: 14)."""
    return getattr(settings, "PLUS_STAFF_RATIO", 14)


def teen_staff_ratio() -> int | None:
    """Children per carer for the 11–15 group, or ``None`` when no ratio applies to it."""
    return getattr(settings, "PLUS_STAFF_RATIO_11_15", 0) or None


def ratio_for(action: Action, *, children: int, teens: int | None) -> int | None:
    """The ratio an action's slots follow: the teenagers' own one (perhaps none) for an action
    for 11–15 only, the recognised-care ratio for anything else."""
    if list(action.age_groups or []) == [AgeGroup.TEENS]:
        return teens
    return children


@dataclass
class StaffingRow:
    place_label: str
    site_id: int | None
    central_site_name: str
    action_code: str
    action_title: str
    slot_label: str
    #: 0–6 (Monday–Sunday) for a weekly slot, a holiday period code for holidays.
    weekday: int | str
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    children: int
    required: int
    placed: int
    workers: list[str]
    is_short: bool
    action_id: int | None = None
    #: Children per carer this row follows; ``None`` when no ratio applies (11–15, off).
    ratio: int | None = None
    #: The row's action is for 11–15 only, so it follows the teenagers' setting.
    teens_only: bool = False
    #: The action slot's code (after_school, wednesday, …), for matching competences.
    slot_code: str = ""
    worker_ids: list[int] = field(default_factory=list)

    @property
    def is_holiday(self) -> bool:
        return isinstance(self.weekday, str)


@dataclass
class Loss:
    """A row that falls under the ratio from ``starts_on`` because a worker leaves it.

    It has two descriptions: ``internal_text`` names the worker and why they leave (for the
    coordinators of the municipality), ``public_text`` says only which slot loses staff and
    from when (for officials: a contract or trajectory end is personal data).
    """

    worker: str
    worker_id: int
    #: "placement_ends", "contract_ends" or "trajectory_ends".
    reason: str
    #: The first day without the worker.
    starts_on: datetime.date
    #: The row as it will be on ``starts_on``.
    row: StaffingRow
    placed_before: int

    def _values(self) -> dict:
        return {
            "date": format_date(self.starts_on),
            "slot": self.row.slot_label,
            "place": self.row.place_label,
            "action": self.row.action_code,
            "placed": self.row.placed,
            "required": self.row.required,
            "worker": self.worker,
        }

    @property
    def internal_text(self) -> str:
        if self.reason == "trajectory_ends":
            message = _(
                "From %(date)s, %(slot)s at %(place)s (%(action)s) has %(placed)s of the "
                "%(required)s staff needed: %(worker)s's trajectory ends."
            )
        elif self.reason == "contract_ends":
            message = _(
                "From %(date)s, %(slot)s at %(place)s (%(action)s) has %(placed)s of the "
                "%(required)s staff needed: %(worker)s's contract ends."
            )
        else:
            message = _(
                "From %(date)s, %(slot)s at %(place)s (%(action)s) has %(placed)s of the "
                "%(required)s staff needed: %(worker)s's placement ends."
            )
        return message % self._values()

    @property
    def public_text(self) -> str:
        return (
            _(
                "Staffing drops from %(date)s: %(slot)s at %(place)s (%(action)s) then has "
                "%(placed)s of the %(required)s staff needed."
            )
            % self._values()
        )

    def __str__(self) -> str:
        return self.internal_text


def loss_texts(losses: list[Loss], *, detailed: bool) -> list[str]:
    """What a page says about coming losses: with names and reasons when ``detailed``.

    Without details, two workers leaving one slot on the same day read the same, so the
    sentence is said once.
    """
    if detailed:
        return [loss.internal_text for loss in losses]
    return list(dict.fromkeys(loss.public_text for loss in losses))


# Loading (fixed number of queries) -------------------------------------------------------


_SLOTS_IN_ORDER = ActionSlot.objects.order_by("slot", "holiday_period", "starts_at", "pk")


def _actions_per_trajectory(trajectory_ids: list[int]) -> dict[int, list[Action]]:
    """The actions still in these trajectories' plans (not dropped, not under a removed
    objective or action plan), per trajectory. Three queries."""
    actions = (
        Action.objects.active()
        .filter(action_plan__objective__plan__trajectory_id__in=trajectory_ids)
        .exclude(status=Action.Status.DROPPED)
        .select_related("action_plan__objective__plan")
        # Rows are addressed by their index in URLs: every level is ordered, down to the pk,
        # so PostgreSQL gives the same rows in the same order on the next request.
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.select_related("school").order_by("pk")),
            Prefetch("slots", queryset=_SLOTS_IN_ORDER),
        )
        .order_by("action_plan__objective__number", "action_plan__number", "number", "pk")
    )
    grouped: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        grouped[action.action_plan.objective.plan.trajectory_id].append(action)
    return grouped


def _placements_per_trajectory(
    trajectory_ids: list[int], first: datetime.date, last: datetime.date
) -> dict[int, list[Placement]]:
    """The placements that run at some time between ``first`` and ``last``, per trajectory.
    Three queries."""
    placements = (
        Placement.objects.filter(trajectory_id__in=trajectory_ids, starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .select_related("worker", "site__school")
        .prefetch_related("slots", Prefetch("actions", queryset=Action.all_objects.only("pk")))
    )
    grouped: dict[int, list[Placement]] = defaultdict(list)
    for placement in placements:
        grouped[placement.trajectory_id].append(placement)
    return grouped


def _actions(trajectory: Trajectory) -> list[Action]:
    return _actions_per_trajectory([trajectory.pk])[trajectory.pk]


def _placements(
    trajectory: Trajectory, first: datetime.date, last: datetime.date
) -> list[Placement]:
    return _placements_per_trajectory([trajectory.pk], first, last)[trajectory.pk]


# Computing -------------------------------------------------------------------------------


def central_key(name: str) -> str:
    """A central site's name as placements and actions are matched on it: spacing and case
    do not make two places."""
    return " ".join(name.split()).casefold()


def children_per_place(expected: int, places: int) -> int:
    """An action's children spread evenly over its places, rounded up, so no site is
    planned with too few carers."""
    return math.ceil(expected / places)


def staff_required(children: int, ratio: int | None) -> int:
    """Carers needed for so many children at a ratio (none when the ratio is off)."""
    return math.ceil(children / ratio) if ratio else 0


def _place_key(site_id: int | None, central_site_name: str) -> tuple:
    return ("site", site_id) if site_id else ("central", central_key(central_site_name))


def _places(action: Action) -> list[tuple[str, int | None, str]]:
    """(label, site id, central site name) for each place the action runs at."""
    sites = list(action.sites.all())
    if (action.at_central_site or not sites) and action.central_site_name.strip():
        return [(action.central_site_name, None, action.central_site_name)]
    return [(str(site), site.pk, "") for site in sites]


def _action_is_on(action: Action, on: datetime.date) -> bool:
    return (action.starts_on is None or action.starts_on <= on) and (
        action.ends_on is None or on <= action.ends_on
    )


def slot_covers(slot, weekday: int | str, starts_at, ends_at) -> bool:
    """A placement slot falls on this weekday (or holiday period) at an overlapping time.

    A moment without times overlaps any time that day.
    """
    if isinstance(weekday, str):
        if slot.holiday_period != weekday:
            return False
    elif slot.weekday != weekday:
        return False
    if starts_at is None or ends_at is None:
        return True
    return slot.starts_at < ends_at and starts_at < slot.ends_at


def counts_for(placement: Placement, action_id: int) -> bool:
    """A placement that names the actions it carries out counts only for those; one that
    names none counts for every action at its place."""
    named = [a.pk for a in placement.actions.all()]
    return not named or action_id in named


def _moments(action_slot) -> list[int | str]:
    if action_slot.slot == Slot.HOLIDAYS:
        return [action_slot.holiday_period] if action_slot.holiday_period else []
    return list(WEEKDAYS_BY_SLOT.get(action_slot.slot, ()))


def _slot_label(slot_text: str, moment: int | str, weekdays: dict[int, str]) -> str:
    if isinstance(moment, str):
        return slot_text
    return f"{weekdays[moment]} · {slot_text}"


def _rows(
    actions: list[Action],
    placements: list[Placement],
    *,
    on: datetime.date,
    ratio: int,
    teen_ratio: int | None = None,
    keep: frozenset = frozenset(),
) -> list[StaffingRow]:
    """The rows on ``on``; placements in ``keep`` count as still running after their end."""
    running = [
        p for p in placements if placement_active_on(p, on) or (p.pk in keep and p.starts_on <= on)
    ]
    at_place: dict[tuple, list[Placement]] = {}
    for placement in running:
        key = _place_key(placement.site_id, placement.central_site_name)
        at_place.setdefault(key, []).append(placement)

    # Labels translated once per call, not once per row: over many trajectories that was
    # most of the time the rows took.
    weekdays = {day.value: str(day.label) for day in Weekday}
    keyed = []
    for action in actions:
        if not _action_is_on(action, on):
            continue
        places = _places(action)
        if not places:
            continue
        order = (action.action_plan.objective.number, action.action_plan.number, action.number)
        row_ratio = ratio_for(action, children=ratio, teens=teen_ratio)
        teens_only = list(action.age_groups or []) == [AgeGroup.TEENS]
        for action_slot in action.slots.all():
            moments = _moments(action_slot)
            slot_text = str(action_slot)
            children = children_per_place(action_slot.expected_children, len(places))
            required = staff_required(children, row_ratio)
            for label, site_id, central_name in places:
                candidates = [
                    p
                    for p in at_place.get(_place_key(site_id, central_name), [])
                    if counts_for(p, action.pk)
                ]
                for moment in moments:
                    workers = {
                        p.worker_id: p.worker
                        for p in candidates
                        if any(
                            slot_covers(s, moment, action_slot.starts_at, action_slot.ends_at)
                            for s in p.slots.all()
                        )
                    }
                    named = sorted(workers.values(), key=lambda w: (w.last_name, w.first_name))
                    row = StaffingRow(
                        place_label=label,
                        site_id=site_id,
                        central_site_name=central_name,
                        action_code=action.code,
                        action_title=action.title,
                        slot_label=_slot_label(slot_text, moment, weekdays),
                        weekday=moment,
                        starts_at=action_slot.starts_at,
                        ends_at=action_slot.ends_at,
                        children=children,
                        required=required,
                        placed=len(named),
                        workers=[str(w) for w in named],
                        is_short=len(named) < required,
                        action_id=action.pk,
                        slot_code=action_slot.slot,
                        worker_ids=[w.pk for w in named],
                        ratio=row_ratio,
                        teens_only=teens_only,
                    )
                    sort_key = (
                        label.casefold(),
                        order,
                        SLOT_ORDER.get(action_slot.slot, 99),
                        HOLIDAY_ORDER.get(moment, -1) if isinstance(moment, str) else moment,
                        action_slot.starts_at or datetime.time.min,
                        action_slot.pk,
                    )
                    keyed.append((sort_key, row))
    keyed.sort(key=lambda pair: pair[0])
    return [row for _key, row in keyed]


# The API ---------------------------------------------------------------------------------


def staffing_rows(trajectory: Trajectory, *, on: datetime.date) -> list[StaffingRow]:
    """Every place and moment of the trajectory's plan on a day, with carers required and placed.

    The order is stable (place, action, slot, weekday), so a row's index can be put in a URL.
    """
    return _rows(
        _actions(trajectory),
        _placements(trajectory, on, on),
        on=on,
        ratio=staff_ratio(),
        teen_ratio=teen_staff_ratio(),
    )


def short_rows_per_trajectory(
    trajectories: list[Trajectory], *, on: datetime.date
) -> list[tuple[Trajectory, StaffingRow]]:
    """(trajectory, row) for every row under the staff ratio on a day, over many trajectories
    at once: six queries, however many trajectories."""
    ids = [trajectory.pk for trajectory in trajectories]
    actions = _actions_per_trajectory(ids)
    placements = _placements_per_trajectory(ids, on, on)
    ratio, teen_ratio = staff_ratio(), teen_staff_ratio()
    return [
        (trajectory, row)
        for trajectory in trajectories
        for row in _rows(
            actions[trajectory.pk],
            placements[trajectory.pk],
            on=on,
            ratio=ratio,
            teen_ratio=teen_ratio,
        )
        if row.is_short
    ]


def short_rows(trajectory: Trajectory, *, on: datetime.date) -> list[StaffingRow]:
    """The rows under the staff ratio on a day."""
    return [row for row in staffing_rows(trajectory, on=on) if row.is_short]


def _reason(placement: Placement, last: datetime.date) -> str:
    if placement.ends_on == last:
        return "placement_ends"
    if placement.worker.contract_ends_on == last:
        return "contract_ends"
    return "trajectory_ends"


def coverage_losses(trajectory: Trajectory, *, today: datetime.date) -> list[Loss]:
    """Rows that will fall (or fall further) under the ratio when a worker leaves them soon.

    Looks at placements ending in the next 90 days (today included) and at workers whose
    contract or trajectory ends in that time. For each leaving worker the rows are computed on
    the day after the end twice, with and without the worker, and a row is a loss when the
    worker counted there and the row is short without them.
    """
    horizon = today + datetime.timedelta(days=LOSS_HORIZON_DAYS)
    actions = _actions(trajectory)
    placements = _placements(trajectory, today, horizon + datetime.timedelta(days=1))
    ratio, teen_ratio = staff_ratio(), teen_staff_ratio()

    leaving: dict[tuple[int, datetime.date], list[Placement]] = {}
    for placement in placements:
        last = placement_last_day(placement)
        if today <= last <= horizon and placement.starts_on <= last:
            leaving.setdefault((placement.worker_id, last), []).append(placement)

    losses = []
    rows_on: dict[datetime.date, list[StaffingRow]] = {}
    for (worker_id, last), gone in sorted(leaving.items(), key=lambda item: item[0][1]):
        day = last + datetime.timedelta(days=1)
        if day not in rows_on:
            rows_on[day] = _rows(actions, placements, on=day, ratio=ratio, teen_ratio=teen_ratio)
        with_worker = _rows(
            actions,
            placements,
            on=day,
            ratio=ratio,
            teen_ratio=teen_ratio,
            keep=frozenset(p.pk for p in gone),
        )
        reason = min((_reason(p, last) for p in gone), key=REASON_ORDER.index)
        for after, before in zip(rows_on[day], with_worker, strict=True):
            left = worker_id in before.worker_ids and worker_id not in after.worker_ids
            if left and after.is_short:
                losses.append(
                    Loss(
                        worker=str(gone[0].worker),
                        worker_id=worker_id,
                        reason=reason,
                        starts_on=day,
                        row=after,
                        placed_before=before.placed,
                    )
                )
    return losses
