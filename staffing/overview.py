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
from plus_portal.data_state import cache_key, viewer
from plus_portal.models import User
from staffing import rules
from staffing.models import Placement, Worker
from staffing.ratio import short_rows_per_trajectory

STAFF_PER_PAGE = 50
#: Slots under the ratio shown per municipality on the alerts page; the municipality's
#: staffing page lists them all.
SHORT_SLOTS_SHOWN = 3


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


#: The apps whose records the staff list shows: workers, their POP, milestones and placements;
#: the trajectories, sites and memberships that say where and to whom.
STAFF_LIST_APPS = ("staffing", "municipalities")


def staff_list_cache_key(user: User, query: str, *, today: datetime.date) -> str:
    """Changes whenever the staff list page for ``query`` (filters and page) may change."""
    return cache_key("staff-list", viewer(user), today, query, apps=STAFF_LIST_APPS)


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
class ShortSlots:
    """One municipality's slots under the staff ratio, for the alerts page's summary."""

    trajectory: Trajectory
    count: int
    #: The first ``SHORT_SLOTS_SHOWN`` rows, in the staffing page's order.
    first: list

    @property
    def more(self) -> int:
        return self.count - len(self.first)


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

    @property
    def short_per_municipality(self) -> list[ShortSlots]:
        grouped: dict[int, list] = {}
        for trajectory, row in self.short:
            grouped.setdefault(trajectory.pk, [trajectory]).append(row)
        return [
            ShortSlots(trajectory=trajectory, count=len(rows), first=rows[:SHORT_SLOTS_SHOWN])
            for trajectory, *rows in grouped.values()
        ]


#: The apps whose records the alerts read: workers and placements, the plans' parts and
#: the municipalities' trajectories, sites, agreements and memberships.
ALERT_APPS = ("staffing", "actionplans", "municipalities")


def alerts_cache_key(user: User, *, today: datetime.date) -> str:
    """Changes whenever anything the alerts page shows may change (one query): a record
    written in the apps it reads, the day, the user's access and the language."""
    return cache_key("staffing-alerts", viewer(user), today, apps=ALERT_APPS)


def alerts_for(user: User, *, today: datetime.date) -> Alerts:
    """Everything due for the workers and municipalities the user coordinates, in a fixed
    number of queries (about ten) however many trajectories there are. The page caches what
    it shows of them by ``alerts_cache_key``."""
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
