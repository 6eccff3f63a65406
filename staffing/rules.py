"""The rules of social employment as the portal applies them: how long a trajectory may run,
when a development plan (POP) needs a review, and when a placement may be saved.

The rules belong to the funding regime, not to "a worker":
- LDE: a trajectory of at most five years (six by exception, with a reason) ending in
  transition; no new LDE employment after 30 June 2023 (``Worker`` refuses it).
- Individueel maatwerk (IMW): VDAB's attest of the work limitation is valid at most five years
  and can be renewed, at the earliest in the last-but-one year of the support
  (https://www.vlaanderen.be/individueel-maatwerk/individueel-maatwerk-voor-werkgevers); the
  employment itself has no fixed end; the contract has at least 24 hours a week (``Worker``
  refuses fewer; the source for this is unverified, see ``IMW_MIN_HOURS_PER_WEEK``).
- Collectief maatwerk: a work-support package (WOP) that VDAB re-evaluates rather than ends
  (https://werkgevers.vdab.be/sociale-economie/collectief-maatwerk-wop), and a POP made within
  a month of hiring (``pop_overdue``).

Everything here reads; nothing writes. Functions that take a worker read only the worker's
own fields and what is prefetched on it (``pop``, ``milestones``), so a list of workers can
ask them per row without a query per row.
"""

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from municipalities.choices import HolidayPeriod
from municipalities.models import CooperationAgreement, Trajectory
from staffing.models import FULL_TIME_HOURS, Milestone, Placement, Weekday, Worker

if TYPE_CHECKING:
    from staffing.ratio import StaffingRow

# LDE: a trajectory towards regular work lasts at most five years, six by exception.
TRAJECTORY_YEARS = 5
EXTENDED_TRAJECTORY_YEARS = 6

# IMW: a renewal may be asked at the earliest in the last-but-one year of the support, so the
# portal warns a year before the attest expires.
ATTEST_RENEWAL_MONTHS = 12
# Collectief maatwerk: warn this long before VDAB's re-evaluation of the package.
REEVALUATION_NOTICE_MONTHS = 3

# Collectief maatwerk: the POP of a new target-group worker is made within a month of hiring.
# Herwin (the sector federation of the maatwerkbedrijven) on the POP: "Bij aanwerving van een
# nieuwe doelgroepwerknemer, moet het POP binnen de maand opgeladen zijn bij de VDAB."
# (https://herwin.be/question/wat-is-een-persoonlijk-ontwikkelingsplan-pop/).
POP_DEADLINE_MONTHS = 1

# Without an evaluation held yet, a POP counts as reviewed for the coming evaluation when it
# was reviewed at most this many days before it.
POP_REVIEW_WINDOW_DAYS = 30


# Dates -----------------------------------------------------------------------------------


def _anniversary(start: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later; 29 February falls on 1 March in common years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return datetime.date(start.year + years, 3, 1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clipped to the end of a shorter month (31/8 → 28/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def trajectory_max_end(
    worker_or_start: Worker | datetime.date, *, extended: bool | None = None
) -> datetime.date:
    """The last day a trajectory may run: the day before its 5th (6th if extended) anniversary.

    The trajectory lasts five whole years, so the anniversary itself is the first day *outside*
    it: a trajectory starting on 1 March 2021 ends at the latest on 28 February 2026. A start on
    29 February has its anniversary on 1 March in a common year, so a trajectory starting on
    29 February 2024 ends at the latest on 28 February 2029.

    Pass a worker (``extended`` then defaults to the worker's ``extended_to_six_years``) or a
    start date with ``extended`` given.
    """
    if isinstance(worker_or_start, datetime.date):
        if extended is None:
            raise TypeError("trajectory_max_end(start) needs extended=True or False.")
        start = worker_or_start
    else:
        start = worker_or_start.trajectory_starts_on
        if extended is None:
            extended = worker_or_start.extended_to_six_years
    years = EXTENDED_TRAJECTORY_YEARS if extended else TRAJECTORY_YEARS
    return _anniversary(start, years) - datetime.timedelta(days=1)


def trajectory_end(worker: Worker) -> datetime.date | None:
    """The last day of the worker's trajectory if the regime gives it a term: LDE only.

    IMW and collectief maatwerk have no fixed term; their attest or package is renewed or
    re-evaluated instead.
    """
    if worker.regime != Worker.Regime.LDE:
        return None
    return trajectory_max_end(worker)


def trajectory_ends_soon(worker: Worker, *, today: datetime.date, months: int = 6) -> bool:
    """An LDE trajectory ends within ``months`` from today and no outcome is recorded yet.

    A trajectory already past its end without an outcome counts too: it needs action even more.
    Other regimes have no trajectory end.
    """
    end = trajectory_end(worker)
    if worker.outcome or end is None:
        return False
    return end <= add_months(today, months)


def attest_renewal_due(
    worker: Worker, *, today: datetime.date, months: int = ATTEST_RENEWAL_MONTHS
) -> bool:
    """An IMW worker's VDAB attest expires within ``months`` (or has expired): ask a renewal."""
    if worker.outcome or worker.regime != Worker.Regime.IMW or worker.vdab_valid_until is None:
        return False
    return worker.vdab_valid_until <= add_months(today, months)


def package_reevaluation_due(
    worker: Worker, *, today: datetime.date, months: int = REEVALUATION_NOTICE_MONTHS
) -> bool:
    """A collectief maatwerk worker's package is re-evaluated within ``months`` (or overdue)."""
    if (
        worker.outcome
        or worker.regime != Worker.Regime.COLLECTIVE
        or worker.reevaluation_on is None
    ):
        return False
    return worker.reevaluation_on <= add_months(today, months)


def placement_default_end(worker: Worker) -> datetime.date | None:
    """Where a new placement of this worker ends unless the coordinator says otherwise: the end
    of the contract or of the (LDE) trajectory, whichever comes first; ``None`` when neither
    has an end."""
    ends = [day for day in (worker.contract_ends_on, trajectory_end(worker)) if day]
    return min(ends) if ends else None


def placement_proposal(
    *, row: "StaffingRow", worker: Worker | None, today: datetime.date
) -> tuple[dict, list[dict]]:
    """The form initial (placement fields, one weekly slot) for placing ``worker`` (or someone
    still to choose) on an uncovered row of the staffing check, from today.

    A chosen worker's placement ends, unless the coordinator says otherwise, where the contract
    or the trajectory does (``placement_default_end``).
    """
    weekly = isinstance(row.weekday, int)
    placement = {
        "worker": worker.pk if worker else None,
        "site": row.site_id,
        "central_site_name": row.central_site_name,
        "actions": [row.action_id] if row.action_id else [],
        "starts_on": today,
        "ends_on": placement_default_end(worker) if worker else None,
        "hours_per_week": "4",
    }
    slot = {
        "weekday": row.weekday if weekly else None,
        "holiday_period": "" if weekly else row.weekday,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
    }
    return placement, [slot]


def pop_review_due(worker: Worker, *, today: datetime.date) -> bool:
    """The worker's development plan (POP) should be reviewed before the coming evaluation.

    The POP is reviewed before each evaluation. It is due when an evaluation is planned today or
    later (and not held yet) and the POP was last reviewed
    - before the most recent evaluation already held, or
    - when none was held yet, more than 30 days before the planned evaluation.
    A worker whose trajectory has started but who has no POP at all is always due. Nothing is
    due before the trajectory starts or once an outcome is recorded.

    Reads ``worker.pop`` and ``worker.milestones.all()``: use ``select_related("pop")`` and
    ``prefetch_related("milestones")`` in lists.
    """
    if worker.outcome or worker.trajectory_starts_on > today:
        return False
    try:
        pop = worker.pop
    except ObjectDoesNotExist:
        return True
    evaluations = [m for m in worker.milestones.all() if m.kind == Milestone.Kind.EVALUATION]
    coming = [
        m.planned_on
        for m in evaluations
        if m.planned_on is not None and m.planned_on >= today and m.done_on is None
    ]
    if not coming:
        return False
    held = [m.done_on for m in evaluations if m.done_on is not None and m.done_on <= today]
    if held:
        return pop.reviewed_on < max(held)
    return pop.reviewed_on < min(coming) - datetime.timedelta(days=POP_REVIEW_WINDOW_DAYS)


def pop_deadline(worker: Worker) -> datetime.date | None:
    """The last day a collectief maatwerk worker's first POP is in time: one month after the
    contract starts (31 January → 28 February). Other regimes have no such deadline."""
    if worker.regime != Worker.Regime.COLLECTIVE:
        return None
    return add_months(worker.contract_starts_on, POP_DEADLINE_MONTHS)


def pop_overdue(worker: Worker, *, today: datetime.date) -> bool:
    """A collectief maatwerk worker still has no POP after the month that follows hiring.

    A POP made on the deadline itself is in time, so the alert starts the day after. Reads
    ``worker.pop``: use ``select_related("pop")`` in lists.
    """
    deadline = pop_deadline(worker)
    if worker.outcome or deadline is None or today <= deadline:
        return False
    try:
        worker.pop  # noqa: B018 - only whether it exists matters
    except ObjectDoesNotExist:
        return True
    return False


@dataclass(frozen=True)
class WorkerAlerts:
    """What needs doing for a worker on a day, as the staff list, the worker's page and the
    alerts page show it."""

    max_end: datetime.date | None
    ending_soon: bool
    attest_due: bool
    reevaluation_due: bool
    pop_due: bool
    pop_overdue: bool


def worker_alerts(worker: Worker, *, today: datetime.date) -> WorkerAlerts:
    """Every alert of one worker; reads only what ``pop_review_due`` needs prefetched."""
    return WorkerAlerts(
        max_end=trajectory_end(worker),
        ending_soon=trajectory_ends_soon(worker, today=today),
        attest_due=attest_renewal_due(worker, today=today),
        reevaluation_due=package_reevaluation_due(worker, today=today),
        pop_due=pop_review_due(worker, today=today),
        pop_overdue=pop_overdue(worker, today=today),
    )


def placement_last_day(placement: Placement) -> datetime.date:
    """The last day a placement can really run: the earliest of its own end, the contract's end
    and the (LDE) trajectory's maximum end; ``date.max`` when none is set. Needs
    ``placement.worker`` loaded."""
    ends = [day for day in (placement.ends_on, placement_default_end(placement.worker)) if day]
    return min(ends) if ends else datetime.date.max


def placement_active_on(placement: Placement, day: datetime.date) -> bool:
    return placement.starts_on <= day <= placement_last_day(placement)


# Formatting for messages -----------------------------------------------------------------


def format_date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def format_times(starts_at: datetime.time | None, ends_at: datetime.time | None) -> str:
    if starts_at is None or ends_at is None:
        return ""
    return f"{formats.time_format(starts_at, 'H:i')}–{formats.time_format(ends_at, 'H:i')}"


def format_hours(hours: Decimal) -> str:
    """20 rather than 20.0; 12.5 as 12,5 in Dutch."""
    hours = Decimal(hours)
    return formats.number_format(
        hours.quantize(Decimal(1)) if hours == hours.to_integral() else hours
    )


def day_label(weekday: int | None, holiday_period: str) -> str:
    if weekday is not None:
        return str(Weekday(weekday).label)
    return str(HolidayPeriod(holiday_period).label)


# Placements ------------------------------------------------------------------------------


def _times_overlap(a_start, a_end, b_start, b_end) -> bool:
    # Touching slots (one ends at 15:30, the next starts at 15:30) do not overlap.
    return a_start < b_end and b_start < a_end


def slots_clash(a, b) -> bool:
    """Two placement slots fall on the same weekday (or holiday period) at overlapping times."""
    if a.weekday is not None and b.weekday is not None:
        same_day = a.weekday == b.weekday
    else:
        same_day = bool(a.holiday_period) and a.holiday_period == b.holiday_period
    return same_day and _times_overlap(a.starts_at, a.ends_at, b.starts_at, b.ends_at)


def _ranges_overlap(a_start, a_end, b_start, b_end) -> bool:
    # ``None`` as an end means open-ended.
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def _own_clashes(slots: list) -> list[str]:
    errors = []
    for index, slot in enumerate(slots):
        for other in slots[index + 1 :]:
            if slots_clash(slot, other):
                errors.append(
                    _("Two slots of this placement overlap on %(day)s.")
                    % {"day": day_label(slot.weekday, slot.holiday_period)}
                )
    return errors


def _date_errors(placement: Placement, worker: Worker) -> list[str]:
    # That the placement ends after it starts is the model's constraint.
    errors = []
    if placement.starts_on < worker.contract_starts_on:
        errors.append(
            _("The placement starts before %(worker)s's contract, which starts on %(date)s.")
            % {"worker": worker, "date": format_date(worker.contract_starts_on)}
        )
    if worker.contract_ends_on and (
        placement.ends_on is None or placement.ends_on > worker.contract_ends_on
    ):
        errors.append(
            _("%(worker)s's contract ends on %(date)s: the placement must end by then.")
            % {"worker": worker, "date": format_date(worker.contract_ends_on)}
        )
    if placement.starts_on < worker.trajectory_starts_on:
        errors.append(
            _("The placement starts before %(worker)s's trajectory, which starts on %(date)s.")
            % {"worker": worker, "date": format_date(worker.trajectory_starts_on)}
        )
    max_end = trajectory_end(worker)
    if max_end is not None and (placement.ends_on is None or placement.ends_on > max_end):
        errors.append(
            _(
                "%(worker)s's trajectory ends on %(date)s at the latest: "
                "the placement must end by then."
            )
            % {"worker": worker, "date": format_date(max_end)}
        )
    return errors


def _double_bookings(placement: Placement, slots: list, others: Iterable[Placement]) -> list[str]:
    errors = []
    for other in others:
        if not _ranges_overlap(
            placement.starts_on, placement.ends_on, other.starts_on, other.ends_on
        ):
            continue
        since = format_date(max(placement.starts_on, other.starts_on))
        for mine in slots:
            for theirs in other.slots.all():
                if not slots_clash(mine, theirs):
                    continue
                values = {
                    "worker": placement.worker,
                    "place": other.place,
                    "times": format_times(theirs.starts_at, theirs.ends_at),
                    "date": since,
                }
                # A place in another municipality is that municipality's business: the
                # clash is told without it.
                here = other.trajectory.municipality_id == placement.trajectory.municipality_id
                if theirs.weekday is not None:
                    message = (
                        _(
                            "%(worker)s already works at %(place)s on %(day)s %(times)s "
                            "from %(date)s."
                        )
                        if here
                        else _(
                            "%(worker)s already works in another municipality on %(day)s "
                            "%(times)s from %(date)s."
                        )
                    ) % {**values, "day": day_label(theirs.weekday, "")}
                else:
                    message = (
                        _(
                            "%(worker)s already works at %(place)s in the %(period)s, "
                            "%(times)s, from %(date)s."
                        )
                        if here
                        else _(
                            "%(worker)s already works in another municipality in the "
                            "%(period)s, %(times)s, from %(date)s."
                        )
                    ) % {**values, "period": str(HolidayPeriod(theirs.holiday_period).label)}
                errors.append(message)
    return errors


def _hours_error(placement: Placement, worker: Worker, others: list[Placement]) -> str | None:
    """The weekly hours of all the worker's placements at once must fit the contract.

    The sum only rises where a placement starts, so checking this placement's start and every
    other start inside its range finds the highest point.
    """
    own = placement.hours_per_week or Decimal(0)
    overlapping = [
        other
        for other in others
        if _ranges_overlap(placement.starts_on, placement.ends_on, other.starts_on, other.ends_on)
    ]
    moments = sorted(
        {placement.starts_on}
        | {o.starts_on for o in overlapping if o.starts_on > placement.starts_on}
    )
    for moment in moments:
        if placement.ends_on and moment > placement.ends_on:
            break
        total = own + sum(
            (
                other.hours_per_week
                for other in overlapping
                if other.starts_on <= moment and (other.ends_on is None or moment <= other.ends_on)
            ),
            Decimal(0),
        )
        if total > worker.hours_per_week:
            return _(
                "From %(date)s %(worker)s would work %(hours)s hours a week, more than the "
                "%(contract)s hours of the contract."
            ) % {
                "date": format_date(moment),
                "worker": worker,
                "hours": format_hours(total),
                "contract": format_hours(worker.hours_per_week),
            }
    return None


def validate_placement(placement: Placement, slots: list, *, exclude_pk=None) -> list[str]:
    """Why this placement with these weekly slots may not be saved; an empty list if it may.

    Checks (a) double bookings against the worker's other placements (same weekday or holiday
    period, overlapping dates and times; touching times are fine), (b) the weekly hours of all
    placements running at once against the contract, (c) the dates against the contract and the
    trajectory, and (d) the slots against each other. Each slot's own rules (a weekday or a
    holiday period, an end after the start) are the model's, checked by its ``full_clean``;
    slots that break them are left out here. ``slots`` are unsaved ``PlacementSlot``-like
    objects (``weekday``, ``holiday_period``, ``starts_at``, ``ends_at``); ``exclude_pk`` leaves
    out the placement being edited. Runs two queries.
    """
    sane = [
        slot
        for slot in slots
        if (slot.weekday is not None) != bool(slot.holiday_period)
        and slot.starts_at is not None
        and slot.ends_at is not None
        and slot.starts_at < slot.ends_at
    ]
    errors = _own_clashes(sane)
    if placement.worker_id is None or placement.starts_on is None:
        return errors
    worker = placement.worker
    errors += _date_errors(placement, worker)
    others = Placement.objects.filter(worker_id=placement.worker_id).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=placement.starts_on)
    )
    if placement.ends_on:
        others = others.filter(starts_on__lte=placement.ends_on)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    others = list(others.select_related("site__school", "trajectory").prefetch_related("slots"))
    errors += _double_bookings(placement, sane, others)
    hours = _hours_error(placement, worker, others)
    if hours:
        errors.append(hours)
    return errors


# FTE -------------------------------------------------------------------------------------


def running_placements(trajectory_ids: Iterable[int], *, on: datetime.date):
    """The placements of these trajectories whose dates include the day, with their worker."""
    return (
        Placement.objects.filter(trajectory_id__in=list(trajectory_ids), starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("worker")
    )


def placements_fte(placements: Iterable[Placement], *, on: datetime.date) -> Decimal:
    """The weekly hours of the placements really running on the day over 38, to two decimals.

    A placement counts up to its last real day (see ``placement_last_day``), so a worker whose
    trajectory or contract has ended no longer fills the quota.
    """
    hours = sum((p.hours_per_week for p in placements if placement_active_on(p, on)), Decimal(0))
    return (hours / FULL_TIME_HOURS).quantize(Decimal("0.01"))


def placed_fte(trajectory: Trajectory, *, on: datetime.date) -> Decimal:
    """Full-time equivalents placed in the municipality on a day. One query."""
    return placements_fte(running_placements([trajectory.pk], on=on), on=on)


def agreement_fte_per_trajectory(
    trajectory_ids: Iterable[int], *, on: datetime.date
) -> dict[int, Decimal]:
    """For each trajectory, the FTE agreed in the cooperation agreement covering that day;
    trajectories without one are left out. One query.

    An ended agreement does not count; a signed one wins over one still in preparation, and of
    several, the one that started last.
    """
    agreements = (
        CooperationAgreement.objects.filter(
            trajectory_id__in=list(trajectory_ids), starts_on__lte=on, ends_on__gte=on
        )
        .exclude(status=CooperationAgreement.Status.ENDED)
        .order_by("-starts_on")
    )
    chosen: dict[int, CooperationAgreement] = {}
    for agreement in agreements:
        current = chosen.get(agreement.trajectory_id)
        if current is None or (
            agreement.status == CooperationAgreement.Status.SIGNED
            and current.status != CooperationAgreement.Status.SIGNED
        ):
            chosen[agreement.trajectory_id] = agreement
    return {pk: agreement.agreed_fte for pk, agreement in chosen.items()}


def agreement_fte(trajectory: Trajectory, *, on: datetime.date) -> Decimal | None:
    """The FTE agreed for the trajectory on that day; ``None`` if no agreement covers it."""
    return agreement_fte_per_trajectory([trajectory.pk], on=on).get(trajectory.pk)


def fte_shortfalls(
    trajectories: list[Trajectory], *, on: datetime.date
) -> list[tuple[Trajectory, Decimal, Decimal]]:
    """(trajectory, placed, agreed) for each trajectory placing fewer FTE than agreed on the
    day. Two queries, however many trajectories."""
    ids = [trajectory.pk for trajectory in trajectories]
    agreed = agreement_fte_per_trajectory(ids, on=on)
    running: dict[int, list[Placement]] = defaultdict(list)
    for placement in running_placements(ids, on=on):
        running[placement.trajectory_id].append(placement)
    shortfalls = []
    for trajectory in trajectories:
        placed = placements_fte(running[trajectory.pk], on=on)
        if trajectory.pk in agreed and placed < agreed[trajectory.pk]:
            shortfalls.append((trajectory, placed, agreed[trajectory.pk]))
    return shortfalls
