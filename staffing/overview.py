"""The staff list and the alerts page: what they read, in a fixed number of queries however
many workers, municipalities and trajectories there are.

The rules themselves are in ``staffing.rules`` and ``staffing.ratio``; this module only loads
what they read, in bulk, and asks them per row.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from municipalities.models import Trajectory
from plus_portal.models import User
from staffing import rules
from staffing.models import Placement, Worker
from staffing.ratio import short_rows_per_trajectory

STAFF_PER_PAGE = 50


@dataclass(frozen=True)
class StaffRow:
    worker: Worker
    function: str
    regime: str
    alerts: rules.WorkerAlerts
    #: The worker's current placements in trajectories the user may see.
    placements: list[Placement]


def _filtered_workers(user: User, filters: dict) -> QuerySet[Worker]:
    workers = Worker.objects.visible_to(user)
    if filters.get("function"):
        workers = workers.filter(function=filters["function"])
    if filters.get("regime"):
        workers = workers.filter(regime=filters["regime"])
    if filters.get("municipality"):
        placed_there = Placement.objects.visible_to(user).filter(
            worker=OuterRef("pk"), trajectory__municipality=filters["municipality"]
        )
        workers = workers.filter(Exists(placed_there))
    return workers


def _with_alert(workers: QuerySet[Worker], filters: dict, today: datetime.date):
    """Narrow to the workers whose alerts the filters ask for. The alerts are rules computed in
    Python (``staffing.rules``), so this reads only what they need, in two queries."""
    wanted = [name for name in ("ending_soon", "pop_due") if filters.get(name)]
    if not wanted:
        return workers
    keep = [
        worker.pk
        for worker in workers.select_related("pop").prefetch_related("milestones")
        if all(getattr(rules.worker_alerts(worker, today=today), name) for name in wanted)
    ]
    return workers.filter(pk__in=keep)


def staff_page(user: User, filters: dict, page_number: object, *, today: datetime.date) -> Page:
    """One page of the staff list (``STAFF_PER_PAGE`` workers) as ``StaffRow`` objects.

    ``filters`` are the staff filter form's cleaned data. Only placements in trajectories the
    user may see are shown: a worker also placed in a municipality they do not coordinate shows
    nothing of it. A page number out of range gives the last page.
    """
    workers = _with_alert(_filtered_workers(user, filters), filters, today)
    page = Paginator(workers.order_by("last_name", "first_name", "pk"), STAFF_PER_PAGE).get_page(
        page_number
    )
    running = (
        Placement.objects.visible_to(user)
        .exclude(ends_on__lt=today)
        .select_related("trajectory__municipality", "site__school")
    )
    on_page = (
        Worker.objects.filter(pk__in=[worker.pk for worker in page.object_list])
        .select_related("pop")
        .prefetch_related("milestones", Prefetch("placements", queryset=running))
        .order_by("last_name", "first_name", "pk")
    )
    # Labels translated once per page, not once per cell.
    functions = {value: str(label) for value, label in Worker.Function.choices}
    regimes = {value: str(label) for value, label in Worker.Regime.choices}
    page.object_list = [
        StaffRow(
            worker=worker,
            function=functions.get(worker.function, worker.function),
            regime=regimes.get(worker.regime, worker.regime),
            alerts=rules.worker_alerts(worker, today=today),
            placements=list(worker.placements.all()),
        )
        for worker in on_page
    ]
    return page


@dataclass(frozen=True)
class Alerts:
    ending: list[Worker]
    attest: list[Worker]
    reevaluation: list[Worker]
    pop_due: list[Worker]
    pop_overdue: list[Worker]
    #: (trajectory, row) for each slot under the staff ratio.
    short: list
    #: (trajectory, placed FTE, agreed FTE) where fewer are placed than agreed.
    fte: list


def alerts_for(user: User, *, today: datetime.date) -> Alerts:
    """Everything due for the workers and municipalities the user coordinates, in a fixed
    number of queries (about ten) however many trajectories there are."""
    workers = list(
        Worker.objects.visible_to(user)
        .filter(outcome="")
        .select_related("pop")
        .prefetch_related("milestones")
    )
    due = {worker.pk: rules.worker_alerts(worker, today=today) for worker in workers}
    trajectories = list(Trajectory.objects.visible_to(user).select_related("municipality"))
    return Alerts(
        ending=[w for w in workers if due[w.pk].ending_soon],
        attest=[w for w in workers if due[w.pk].attest_due],
        reevaluation=[w for w in workers if due[w.pk].reevaluation_due],
        pop_due=[w for w in workers if due[w.pk].pop_due and not due[w.pk].pop_overdue],
        pop_overdue=[w for w in workers if due[w.pk].pop_overdue],
        short=short_rows_per_trajectory(trajectories, on=today),
        fte=rules.fte_shortfalls(trajectories, on=today),
    )
